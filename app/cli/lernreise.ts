// The administrators' CLI. Each command validates its arguments with Zod, calls a module and
// prints a plain-language result; errors go to stderr with exit code 1 (2 for wrong usage).
import { Command, CommanderError, Option } from "commander";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { getT } from "~/utils/i18n.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const t = getT("de");
const say = (message: string) => t(message, { defaultValue: message });

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError("Das Passwort wird über die Standardeingabe gelesen, z. B.: echo 'Passwort' | lernreise user create …", 2);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

let dbLoaded = false;
async function loadDb() {
  dbLoaded = true;
  try {
    const { getEnv } = await import("~/utils/env.server.ts");
    getEnv();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return (await import("~/utils/db.server.ts")).db;
}

export function migrate(databaseUrl: string) {
  const postgres = databaseUrl.startsWith("postgres");
  const config = postgres ? "prisma.postgresql.config.ts" : "prisma.config.ts";
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy", "--config", config], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (result.status !== 0) {
    throw new CliError(`Die Migration ist fehlgeschlagen:\n${(result.stderr || result.stdout).trim()}`);
  }
  const applied = (result.stdout.match(/The following migration\(s\) have been applied:[\s\S]*/)?.[0] ?? "").trim();
  return applied || "Die Datenbank ist auf dem neuesten Stand.";
}

const ROLE_ALIASES: Record<string, "EMPLOYEE" | "HR_DEVELOPMENT" | "ADMIN"> = {
  employee: "EMPLOYEE",
  mitarbeitende: "EMPLOYEE",
  hr: "HR_DEVELOPMENT",
  "hr-development": "HR_DEVELOPMENT",
  hr_development: "HR_DEVELOPMENT",
  personalentwicklung: "HR_DEVELOPMENT",
  admin: "ADMIN",
  administrator: "ADMIN",
};

export const RolesArgSchema = z
  .array(z.string())
  .min(1, { error: "Bitte mindestens eine Rolle mit --role angeben." })
  .transform((values, ctx) =>
    values
      .flatMap((v) => v.split(","))
      .map((v) => v.trim().toLowerCase())
      .filter(Boolean)
      .map((v) => {
        const role = ROLE_ALIASES[v];
        if (!role) {
          ctx.addIssue({
            code: "custom",
            message:
              v === "leader" || v === "fuehrungskraft"
                ? "Die Rolle Führungskraft wird nicht vergeben: Führungskraft ist, wer eine Organisationseinheit leitet."
                : `Unbekannte Rolle „${v}“. Erlaubt: employee, hr, admin.`,
          });
          return z.NEVER;
        }
        return role;
      }),
  );

const PositiveInt = (label: string, max: number) =>
  z.coerce
    .number({ error: `${label} muss eine ganze Zahl sein.` })
    .int({ error: `${label} muss eine ganze Zahl sein.` })
    .min(1, { error: `${label} muss mindestens 1 sein.` })
    .max(max, { error: `${label} darf höchstens ${max.toLocaleString("de-DE")} sein.` });

/** `--now`: a day (taken as the start of that day) or a full ISO 8601 time. */
const NowSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, { error: "--now muss ein Datum wie 2026-12-10 oder eine Zeit wie 2026-12-10T08:00:00Z sein." })
  .transform((value, ctx) => {
    const date = new Date(value);
    // new Date() rolls 30 February over into March: the day must come back unchanged.
    if (Number.isNaN(date.getTime()) || (value.length === 10 && date.toISOString().slice(0, 10) !== value)) {
      ctx.addIssue({ code: "custom", message: "--now muss ein Datum wie 2026-12-10 oder eine Zeit wie 2026-12-10T08:00:00Z sein." });
      return z.NEVER;
    }
    return date;
  });

function parseOrFail<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CliError(result.error.issues.map((i) => say(i.message)).join("\n"), 2);
  return result.data;
}

const FormatSchema = z.literal("moodle", { error: (issue) => `Unbekanntes Format „${String(issue.input)}“. Unterstützt: moodle (CSV eines Moodle-Kompetenzrahmens).` });
const FrameworkKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: "--key: 2 bis 61 Zeichen, Kleinbuchstaben, Ziffern und Bindestriche, am Anfang ein Buchstabe oder eine Ziffer." });
const STATUS_LABEL = { DRAFT: "Entwurf", PUBLISHED: "veröffentlicht", ARCHIVED: "archiviert" } as const;

function readFileOrFail(file: string) {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `Die Datei „${file}“ gibt es nicht.` : `Die Datei „${file}“ lässt sich nicht lesen (${code ?? (error as Error).message}).`, 2);
  }
}

function buildProgram(out: (s: string) => void) {
  const program = new Command("lernreise")
    .description("Lernreise – Verwaltungswerkzeug (Datenbank, Beispieldaten, Benutzerkonten)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError("(Hilfe: lernreise --help)");

  const dbCmd = program.command("db").description("Datenbank verwalten");
  dbCmd
    .command("migrate")
    .description("Wendet alle ausstehenden Migrationen auf DATABASE_URL an (SQLite oder PostgreSQL)")
    .action(async () => {
      const { getEnv } = await import("~/utils/env.server.ts");
      out(migrate(getEnv().DATABASE_URL));
    });

  program
    .command("seed")
    .description("Schreibt Beispieldaten in eine leere Datenbank")
    .addOption(new Option("--demo", "die Demo-Verwaltung „Stadtverwaltung Beispielstadt“ mit vier Demo-Konten").conflicts("employees"))
    .addOption(new Option("--employees <N>", "eine synthetische Verwaltung mit N Personen (für Benchmarks)"))
    .option("--seed <S>", "Zufallsstartwert für --employees (gleicher Wert, gleiche Daten)", "1")
    .option("--force", "auch bei NODE_ENV=production ausführen")
    .action(async (options: { demo?: boolean; employees?: string; seed: string; force?: boolean }) => {
      if (!options.demo && options.employees === undefined) throw new CliError("Bitte --demo oder --employees N angeben.", 2);
      const seedModule = await import("~/modules/seed/seed.server.ts");
      try {
        seedModule.assertNotProduction(process.env.NODE_ENV, !!options.force);
        const db = await loadDb();
        const started = performance.now();
        let result: Awaited<ReturnType<typeof seedModule.seedDemo>> | Awaited<ReturnType<typeof seedModule.seedSynthetic>>;
        if (options.demo) {
          result = await seedModule.seedDemo(db);
        } else {
          const people = parseOrFail(PositiveInt("--employees", 200_000), options.employees);
          const seed = parseOrFail(PositiveInt("--seed", 2_147_483_647), options.seed);
          let lastShown = 0;
          result = await seedModule.seedSynthetic(db, { people, seed }, (done, total) => {
            const pct = Math.floor((done / total) * 100);
            if (pct >= lastShown + 10) {
              lastShown = pct;
              process.stderr.write(`… ${pct} %\n`);
            }
          });
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        out(
          `Beispieldaten angelegt: ${result.units} Organisationseinheiten, ${result.positions} Stellen, ${result.people} Personen, ${result.accounts} Konten` +
            ("competency" in result
              ? `, ${result.competency.frameworks} Kompetenzmodelle, ${result.competency.roleProfiles} Rollenprofile, ${result.competency.positionProfiles} Stellenprofile, ${result.assessment.rounds} Einschätzungsrunden`
              : "") +
            ` (${seconds} s).`,
        );
      } catch (error) {
        if (error instanceof seedModule.SeedRefusedError) throw new CliError(error.message);
        throw error;
      }
    });

  const userCmd = program.command("user").description("Benutzerkonten verwalten");
  userCmd
    .command("create")
    .description("Legt ein Konto an; das Passwort (mind. 12 Zeichen) wird von der Standardeingabe gelesen")
    .requiredOption("--email <E>", "E-Mail-Adresse (verknüpft das Konto mit der Person dieser Adresse, falls vorhanden)")
    .requiredOption("--role <R...>", "Rolle(n): employee, hr, admin (mehrfach oder mit Komma)")
    .action(async (options: { email: string; role: string[] }) => {
      const roles = parseOrFail(RolesArgSchema, options.role);
      const password = await readStdin();
      const { createUser } = await import("~/modules/users/users.server.ts");
      const db = await loadDb();
      const user = await createUser(db, null, { email: options.email, roles, password });
      out(`Konto ${user.email} angelegt (Rollen: ${roles.join(", ")})${user.personId ? ", mit Person verknüpft" : ""}.`);
    });
  userCmd
    .command("reset-password")
    .description("Setzt das Passwort eines Kontos neu (von der Standardeingabe) und beendet seine Sitzungen")
    .requiredOption("--email <E>", "E-Mail-Adresse des Kontos")
    .action(async (options: { email: string }) => {
      const password = await readStdin();
      const { resetPassword } = await import("~/modules/users/users.server.ts");
      const db = await loadDb();
      await resetPassword(db, null, { email: options.email, password });
      out(`Passwort für ${options.email.trim().toLowerCase()} neu gesetzt; alle Sitzungen des Kontos wurden beendet.`);
    });

  const frameworkCmd = program.command("framework").description("Kompetenzmodelle importieren und exportieren");
  frameworkCmd
    .command("import")
    .description("Liest ein Kompetenzmodell aus einer Datei, zeigt eine Zusammenfassung und legt es als Entwurf an")
    .argument("<FILE>", "die Datei, z. B. der CSV-Export eines Moodle-Kompetenzrahmens")
    .requiredOption("--format <F>", "Dateiformat: moodle")
    .option("--dry-run", "nur prüfen und die Zusammenfassung zeigen, nichts speichern")
    .option("--key <KEY>", "Schlüssel des neuen Kompetenzmodells (Standard: aus der ID-Nummer in der Datei)")
    .action(async (file: string, options: { format: string; dryRun?: boolean; key?: string }) => {
      parseOrFail(FormatSchema, options.format);
      const key = options.key === undefined ? undefined : parseOrFail(FrameworkKeySchema, options.key);
      const content = readFileOrFail(file);
      const exchange = await import("~/modules/exchange/moodle-csv.server.ts");
      const db = await loadDb();
      const importOptions = { key, fileName: path.basename(file) };
      const preview = await exchange.previewMoodleImport(db, null, content, importOptions);
      const lines = [`Datei: ${path.basename(file)} (Moodle-CSV)`];
      if (preview.framework) lines.push(`Kompetenzmodell: ${preview.framework.name} (Schlüssel ${preview.framework.key})`);
      if (preview.scale) lines.push(`Skala: ${preview.scale.name}${preview.scale.existing ? " (vorhanden)" : " (neu)"} – ${preview.scale.labels.join(", ")}`);
      lines.push(
        `${preview.competencyCount} Kompetenzen${preview.depth ? ` (davon ${preview.clusterCount} mit Unterkompetenzen), Tiefe ${preview.depth}, ${preview.relationCount} Querverweise` : ""}`,
        `Fehler: ${preview.errors.length || "keine"}`,
      );
      out(lines.join("\n"));
      const fail = (errors: { row: number | null; message: string }[]) => {
        for (const e of errors) process.stderr.write(`${exchange.formatRowError(e)}\n`);
        return new CliError(`Die Datei ist ungültig (${errors.length} Fehler); es wurde nichts gespeichert.`, 1);
      };
      if (!preview.ok) throw fail(preview.errors);
      if (options.dryRun) {
        out("Probelauf: nichts gespeichert.");
        return;
      }
      try {
        const { framework } = await exchange.importMoodleCsv(db, null, content, importOptions);
        out(`Als Entwurf angelegt: „${framework.name}“ Version ${framework.version}, Schlüssel ${framework.key}, ID ${framework.id}.`);
      } catch (error) {
        if (error instanceof exchange.MoodleImportError) throw fail(error.errors);
        throw error;
      }
    });
  frameworkCmd
    .command("export")
    .description("Schreibt eine Version eines Kompetenzmodells als Datei (ohne --output auf die Standardausgabe)")
    .requiredOption("--format <F>", "Dateiformat: moodle")
    .requiredOption("--framework <ID_OR_KEY>", "ID einer Version, oder Schlüssel: dann die veröffentlichte, sonst die neueste Version")
    .option("--output <FILE>", "Zieldatei")
    .action(async (options: { format: string; framework: string; output?: string }) => {
      parseOrFail(FormatSchema, options.format);
      const { exportMoodleCsv } = await import("~/modules/exchange/moodle-csv.server.ts");
      const db = await loadDb();
      const result = await exportMoodleCsv(db, null, options.framework);
      if (!options.output) {
        process.stdout.write(result.csv);
        return;
      }
      try {
        writeFileSync(options.output, result.csv);
      } catch (error) {
        throw new CliError(`Die Datei „${options.output}“ lässt sich nicht schreiben (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      }
      const f = result.framework;
      out(`${result.nodeCount} Kompetenzen aus „${f.name}“ (Version ${f.version}, ${STATUS_LABEL[f.status]}) nach ${options.output} geschrieben.`);
    });
  const mailCmd = program.command("mail").description("E-Mails aus dem Postausgang versenden");
  mailCmd
    .command("send")
    .description("Sendet einmal alle fälligen E-Mails (über SMTP_URL, sonst in den lokalen Postausgang) und zeigt, wie viele")
    .option("--batch <N>", "höchstens so viele E-Mails in diesem Durchlauf", "200")
    .action(async (options: { batch: string }) => {
      const batchSize = parseOrFail(PositiveInt("--batch", 10_000), options.batch);
      const db = await loadDb();
      const { getEnv } = await import("~/utils/env.server.ts");
      const { createMailTransport } = await import("~/modules/notifications/mail-transport.server.ts");
      const { deliverPendingMail } = await import("~/modules/notifications/outbox.server.ts");
      const mail = createMailTransport(getEnv());
      const r = await deliverPendingMail(db, { transport: mail.transport, from: mail.from, batchSize });
      const via = mail.kind === "local" ? "lokaler Postausgang, SMTP_URL ist nicht gesetzt" : `über ${mail.server}`;
      out(`${r.sent} gesendet, ${r.retried} erneut geplant, ${r.failed} endgültig fehlgeschlagen, ${r.deferred} zurückgestellt (${via}).`);
      const unsent = r.retried + r.failed + r.deferred;
      if (unsent > 0) {
        throw new CliError(`${unsent} ${unsent === 1 ? "E-Mail konnte" : "E-Mails konnten"} nicht gesendet werden; die Fehler stehen unter /admin/postausgang.`);
      }
    });

  const remindersCmd = program.command("reminders").description("Erinnerungen an Schulungstermine und Pflichtschulungen");
  remindersCmd
    .command("send")
    .description(
      "Merkt Erinnerungen vor (jede nur einmal; der Versand folgt mit „mail send“): an bestätigte Teilnahmen an Terminen der nächsten Tage und zu Pflichtschulungen (vor und am Fälligkeitstag, an Führungskräfte bei Überfälligkeit, wöchentliche Übersicht an die Personalentwicklung) an Lernreise-Schritte, die in den nächsten sieben Tagen fällig sind, und Feedback-Anfragen nach Schulungen (verschicken, einmal erinnern, ablaufen lassen)",
    )
    .option("--days <N>", "Termine, die in höchstens so vielen Tagen beginnen (Standard: SESSION_REMINDER_DAYS, 2)")
    .option("--now <ISO_DATE>", "Zeitpunkt des Laufs, z. B. 2026-12-10 oder 2026-12-10T08:00:00Z (Standard: jetzt)")
    .action(async (options: { days?: string; now?: string }) => {
      const days = options.days === undefined ? undefined : parseOrFail(PositiveInt("--days", 30), options.days);
      const now = options.now === undefined ? new Date() : parseOrFail(NowSchema, options.now);
      const db = await loadDb();
      const { getEnv } = await import("~/utils/env.server.ts");
      const withinDays = days ?? getEnv().SESSION_REMINDER_DAYS;
      // Each kind runs even when another fails, so one broken kind never holds back the others.
      const failures: string[] = [];
      const step = async (label: string, fn: () => Promise<string>) => {
        try {
          out(await fn());
        } catch (error) {
          failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      await step("Termine", async () => {
        const { queueSessionReminders } = await import("~/modules/notifications/reminders.server.ts");
        const { reminded } = await queueSessionReminders(db, { withinDays, now });
        return `${reminded} ${reminded === 1 ? "Erinnerung" : "Erinnerungen"} an Termine der nächsten ${withinDays} Tage vorgemerkt.`;
      });
      await step("Pflichtschulungen", async () => {
        const { queueComplianceReminders } = await import("~/modules/compliance/reminders.server.ts");
        const c = await queueComplianceReminders(db, { now });
        return `Pflichtschulungen: ${c.beforeDue} vor Fälligkeit, ${c.onDue} am Fälligkeitstag, ${c.leaderOverdue} an Führungskräfte (überfällig), ${c.hrDigest} ${c.hrDigest === 1 ? "Wochenübersicht" : "Wochenübersichten"} vorgemerkt.`;
      });
      await step("Feedback", async () => {
        const { processFeedbackRequests } = await import("~/modules/feedback/requests.server.ts");
        const f = await processFeedbackRequests(db, { now });
        return `Feedback: ${f.notified} ${f.notified === 1 ? "Anfrage" : "Anfragen"} verschickt, ${f.reminded} ${f.reminded === 1 ? "Erinnerung" : "Erinnerungen"}, ${f.expired} abgelaufen.`;
      });
      await step("Lernreisen", async () => {
        const { queueJourneyStepReminders } = await import("~/modules/journeys/reminders.server.ts");
        const j = await queueJourneyStepReminders(db, { now });
        return `Lernreisen: ${j.reminded} ${j.reminded === 1 ? "Erinnerung" : "Erinnerungen"} an fällige Schritte vorgemerkt.`;
      });
      if (failures.length > 0) throw new CliError(`Nicht alle Erinnerungen konnten vorgemerkt werden:\n${failures.join("\n")}`);
    });
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram((s) => process.stdout.write(`${s}\n`));
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.help" || error.code === "commander.version" ? 0 : 2;
    }
    const { DomainError } = await import("~/modules/errors.ts");
    if (error instanceof CliError) {
      process.stderr.write(`Fehler: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`Fehler: ${say(error.message)}\n`);
      return 1;
    }
    process.stderr.write(`Fehler: ${(error as Error).message}\n`);
    return 1;
  } finally {
    if (dbLoaded) {
      const { db } = await import("~/utils/db.server.ts");
      await db.$disconnect().catch(() => undefined);
    }
  }
}
