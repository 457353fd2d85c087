// The server's in-process background worker: delivers the outbox every 30 seconds, queues
// session and compliance reminders every hour and recomputes the organisation gap report every 15 minutes. Started once by app/server/serve.js (through the server build's
// entry module), never inside a request; MAIL_WORKER=off switches it off. Several server
// processes may run it at once: both jobs claim their rows with guarded updates.
import { db as appDb, type Db } from "~/utils/db.server.ts";
import { getEnv, type Env } from "~/utils/env.server.ts";
import { createMailTransport, type ConfiguredTransport } from "./mail-transport.server.ts";
import { deliverPendingMail } from "./outbox.server.ts";
import { queueSessionReminders } from "./reminders.server.ts";
import { queueComplianceReminders } from "~/modules/compliance/reminders.server.ts";
import { queueJourneyStepReminders } from "~/modules/journeys/reminders.server.ts";
import { refreshGapReportIfDue } from "~/modules/assessment/gap-report.server.ts";
import { recordComplianceSnapshot } from "~/modules/compliance/snapshots.server.ts";
import { processFeedbackRequests } from "~/modules/feedback/requests.server.ts";

export const MAIL_INTERVAL_MS = 30_000;
export const REMINDER_INTERVAL_MS = 60 * 60_000;
/** How often the worker checks whether the organisation gap report is due (it refreshes every 15 minutes). */
export const REPORT_CHECK_INTERVAL_MS = 60_000;

export interface WorkerOptions {
  db: Db;
  env: Pick<Env, "MAIL_WORKER" | "SMTP_URL" | "MAIL_FROM" | "SESSION_REMINDER_DAYS">;
  mail?: ConfiguredTransport;
  log?: Pick<Console, "log" | "error">;
  mailIntervalMs?: number;
  reminderIntervalMs?: number;
}

export interface BackgroundJobs {
  /** Runs both jobs once now (skipped where a run is still going). */
  runOnce(): Promise<void>;
  stop(): void;
}

/** One job that never overlaps itself and never throws into the timer. */
function serial(name: string, job: () => Promise<string | null>, log: Pick<Console, "log" | "error">) {
  let running: Promise<void> | null = null;
  return () => {
    running ??= job()
      .then((message) => {
        if (message) log.log(message);
      })
      .catch((error: unknown) => log.error(`${name} fehlgeschlagen:`, error))
      .finally(() => {
        running = null;
      });
    return running;
  };
}

export function startBackgroundJobs({ db, env, mail, log = console, mailIntervalMs = MAIL_INTERVAL_MS, reminderIntervalMs = REMINDER_INTERVAL_MS }: WorkerOptions): BackgroundJobs | null {
  if (env.MAIL_WORKER === "off") return null;
  const configured = mail ?? createMailTransport(env);
  const deliver = serial(
    "E-Mail-Versand",
    async () => {
      const r = await deliverPendingMail(db, { transport: configured.transport, from: configured.from });
      if (r.claimed === 0) return null;
      return `E-Mail-Versand (${configured.kind === "local" ? "lokaler Postausgang" : configured.server}): ${r.sent} gesendet, ${r.retried} erneut geplant, ${r.failed} fehlgeschlagen, ${r.deferred} zurückgestellt`;
    },
    log,
  );
  const remind = serial(
    "Terminerinnerungen",
    async () => {
      // Compliance reminders in the same round (each has a unique key, so hourly runs send each
      // once); one failing kind does not stop the other.
      const settle = <T,>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
      const sessions = await settle(queueSessionReminders(db, { withinDays: env.SESSION_REMINDER_DAYS }));
      const compliance = await settle(queueComplianceReminders(db));
      const feedback = await settle(processFeedbackRequests(db));
      const journeySteps = await settle(queueJourneyStepReminders(db));
      if (!sessions.ok) throw sessions.error;
      if (!compliance.ok) throw compliance.error;
      if (!feedback.ok) throw feedback.error;
      if (!journeySteps.ok) throw journeySteps.error;
      const { reminded } = sessions.value;
      const c = compliance.value;
      const parts = [
        reminded ? `Terminerinnerungen: ${reminded} vorgemerkt` : null,
        c.beforeDue + c.onDue + c.leaderOverdue + c.hrDigest
          ? `Pflichtschulungen: ${c.beforeDue} vor Fälligkeit, ${c.onDue} am Fälligkeitstag, ${c.leaderOverdue} an Führungskräfte, ${c.hrDigest} Wochenübersichten vorgemerkt`
          : null,
        feedback.value.notified + feedback.value.reminded + feedback.value.expired
          ? `Feedback: ${feedback.value.notified} Anfragen verschickt, ${feedback.value.reminded} Erinnerungen, ${feedback.value.expired} abgelaufen`
          : null,
        journeySteps.value.reminded ? `Lernreisen: ${journeySteps.value.reminded} Erinnerungen an fällige Schritte vorgemerkt` : null,
      ].filter(Boolean);
      return parts.length ? parts.join("; ") : null;
    },
    log,
  );
  const report = serial(
    "Lückenauswertung",
    async () => {
      const run = await refreshGapReportIfDue(db);
      return run ? `Lückenauswertung neu berechnet: ${run.people} Personen in ${run.durationMs} ms` : null;
    },
    log,
  );
  // The current month's compliance per rule and Dezernat for HR's trend (overwritten each round).
  const snapshot = serial(
    "Compliance-Monatsstand",
    async () => {
      await recordComplianceSnapshot(db);
      return null;
    },
    log,
  );
  const runOnce = async () => {
    // Reminders first, so their mails go out in the same round.
    await remind();
    await deliver();
    await report();
    await snapshot();
  };
  const timers = [
    setInterval(() => void deliver(), mailIntervalMs),
    setInterval(() => void remind(), reminderIntervalMs),
    setInterval(() => void report(), REPORT_CHECK_INTERVAL_MS),
    setInterval(() => void snapshot(), reminderIntervalMs),
  ];
  // The timers must not keep a process alive that is otherwise done (tests, scripts).
  for (const timer of timers) timer.unref();
  const first = setTimeout(() => void runOnce(), 1_000);
  first.unref();
  return {
    runOnce,
    stop() {
      clearTimeout(first);
      for (const timer of timers) clearInterval(timer);
    },
  };
}

let serverJobs: BackgroundJobs | null | undefined;

/** The server's worker on the app's database client and configuration; started at most once. */
export function startServerWorker() {
  if (serverJobs !== undefined) return serverJobs;
  const env = getEnv();
  if (env.MAIL_WORKER === "off") {
    console.log("Hintergrunddienst ausgeschaltet (MAIL_WORKER=off): E-Mails bleiben im Postausgang, bis `lernreise mail send` läuft.");
    serverJobs = null;
    return serverJobs;
  }
  const mail = createMailTransport(env);
  serverJobs = startBackgroundJobs({ db: appDb, env, mail });
  console.log(
    `Hintergrunddienst: E-Mail-Versand alle ${MAIL_INTERVAL_MS / 1000} s über ${mail.kind === "local" ? "den lokalen Postausgang (SMTP_URL ist nicht gesetzt)" : mail.server}, Termin- und Pflichtschulungserinnerungen stündlich.`,
  );
  return serverJobs;
}
