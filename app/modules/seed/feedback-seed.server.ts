// Feedback and effectiveness demo data (issue 8), written after the completion and compliance seeds.
//
// - The default questionnaires.
// - Earlier runs of five trainings (three sessions each, three to eight months ago, 10–15 ordinary
//   staff each, attended, with completions and level records), so that trainings have 25–45
//   responses, sessions of the same training can be compared and the trend covers several months.
//   One earlier OZ-01 session about nine weeks ago includes a member of the demo leader's team.
// - For every attended session completion (not failed): the requests as the app creates them
//   (immediate feedback, participant's and nearest leader's transfer check after 8 weeks), with
//   statuses from their dates: answered for most, some expired, recent ones pending; transfer
//   checks of recent completions not yet available. Every answered request has its receipt and an
//   anonymous response (random UUID, no person, no request, only the completion month, provider
//   and the participant's unit path) with answers drawn from a per-training profile, so reports
//   differ (mean, top-2-box, NPS, transfer rate, barriers, a few free texts, learning gains).
// - VR-01's only session has just three responses: the "too few responses" state.
// - Demo employee (Miriam Schäfer): her E-Akte session gets a pending immediate request (notified,
//   in-app) and a transfer check that becomes available after the delay. Demo leader (Thomas
//   Berger): a pending transfer check about a team member and a pending level update proposal.
// Deterministic distributions for a seed value, relative to `now`.
import { randomUUID } from "node:crypto";
import type { Tx } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { activeKeyOf } from "~/modules/training/enrolment.server.ts";
import { nextCertificateNumbers, writeCompletionLevels } from "~/modules/training/completions.server.ts";
import { berlinDate } from "~/modules/training/berlin-time.ts";
import { nearestLeaders } from "~/modules/feedback/requests.server.ts";
import { BARRIER_OPTIONS, ensureDefaultQuestionnaires, type FeedbackKindName } from "~/modules/feedback/defaults.ts";
import { formatDate } from "~/utils/i18n.ts";
import { mulberry32 } from "./assessment-seed.server.ts";

const DAY = 86_400_000;
const TRANSFER_DELAY_DAYS = 56;
const EXPIRY_DAYS = 28;

/** Earlier runs of trainings: days before `now` of each extra session. */
export const HISTORY: { code: string; daysAgo: number[] }[] = [
  { code: "OZ-01", daysAgo: [235, 150, 62] },
  { code: "BS-02", daysAgo: [220, 140, 100] },
  { code: "EA-01", daysAgo: [200, 130, 90] },
  { code: "PM-01", daysAgo: [180, 120] },
  { code: "SE-01", daysAgo: [240, 170, 110] },
];
/** The training whose only session stays below the minimum group. */
export const SMALL_SESSION_CODE = "VR-01";
export const SMALL_SESSION_RESPONSES = 3;
/** The training of the demo employee's pending feedback. */
export const EMPLOYEE_TRAINING_CODE = "EA-01";

export interface FeedbackSeedOptions {
  /** Active people in a fixed order (extra places are drawn from them). */
  people: { id: string; entryDate: Date }[];
  employeeId: string;
  leaderId: string;
  /** The demo leader's team (without the leader). */
  leaderTeam: string[];
  /** Demo accounts and the leader's team: never drawn for extra places. */
  reserved: string[];
  hrUserId: string;
  seed: number;
  now?: Date;
}

type Status = "PENDING" | "ANSWERED" | "EXPIRED";

interface Profile {
  /** Mean tendency of the 5-point items (about 3.0 … 4.6). */
  base: number;
  responseRate: number;
  /** Share of "yes" and of "partly" for "applied". */
  yes: number;
  partly: number;
  /** Weights of the barrier options (same order as BARRIER_OPTIONS). */
  barriers: number[];
}

const BEST_TEXTS = [
  "Viele praktische Beispiele aus dem Verwaltungsalltag.",
  "Die Übungen in Kleingruppen.",
  "Sehr gut strukturierte Unterlagen zum Nachschlagen.",
  "Die Trainerin ist auf unsere Fragen eingegangen.",
  "Der Austausch mit Kolleginnen und Kollegen aus anderen Ämtern.",
  "Klare Checklisten, die ich direkt nutzen kann.",
];
const IMPROVE_TEXTS = [
  "Mehr Zeit für Übungen einplanen.",
  "Die Technik im Schulungsraum hat nicht zuverlässig funktioniert.",
  "Weniger Theorie am Vormittag.",
  "Unterlagen vorab zur Verfügung stellen.",
  "Ein Folgetermin zur Vertiefung wäre hilfreich.",
];
const EXAMPLE_TEXTS = [
  "Ich habe eine Vorlage für unsere Standardbescheide überarbeitet.",
  "Im Teammeeting haben wir ein neues Ablaufschema eingeführt.",
  "Ich nutze die Checkliste jetzt bei jedem neuen Vorgang.",
  "Bei einem schwierigen Gespräch am Schalter konnte ich ruhig bleiben und deeskalieren.",
  "Wir haben einen Antrag vollständig digital bearbeitet.",
];

function hashOf(text: string) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function profileOf(code: string, seed: number): Profile {
  const r = mulberry32(seed + hashOf(code));
  const base = 3.0 + r() * 1.6;
  const yes = 0.3 + r() * 0.4;
  const partly = Math.min(0.9 - yes, 0.15 + r() * 0.25);
  const barriers = BARRIER_OPTIONS.map(() => 0.05 + r() * 0.35);
  return { base, responseRate: 0.6 + r() * 0.3, yes, partly, barriers };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
const pick = <T>(rand: () => number, list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

export async function seedFeedback(tx: Tx, options: FeedbackSeedOptions) {
  const now = options.now ?? new Date();
  const rand = mulberry32(options.seed + 821);
  const ids = await ensureDefaultQuestionnaires(tx);
  const questionnaires = await tx.questionnaire.findMany({
    where: { id: { in: Object.values(ids) } },
    include: { items: { orderBy: { position: "asc" } } },
  });
  const itemsOf = (kind: FeedbackKindName) => questionnaires.find((q) => q.id === ids[kind])!.items;

  // ── Earlier runs of some trainings ─────────────────────────────────────────────────────────
  const reserved = new Set(options.reserved);
  const staff = options.people.filter((p) => !reserved.has(p.id));
  // A team member whose nearest leader is the demo leader (the transfer check goes to them).
  const activeIds = new Set(options.people.map((p) => p.id));
  const teamLeaders = await nearestLeaders(tx, options.leaderTeam);
  const teamMember =
    options.leaderTeam.find((id) => id !== options.employeeId && activeIds.has(id) && teamLeaders.get(id)?.leaderId === options.leaderId) ?? null;
  const historyTrainings = await tx.training.findMany({
    where: { code: { in: HISTORY.map((h) => h.code) }, status: "PUBLISHED" },
    select: { id: true, code: true, title: true },
  });
  type Extra = { id: string; personId: string; trainingId: string; sessionId: string; enrolmentId: string; completedAt: Date };
  const extras: Extra[] = [];
  let extraSessions = 0;
  let teamMemberCompletion: Extra | null = null;
  for (const h of HISTORY) {
    const training = historyTrainings.find((t) => t.code === h.code);
    if (!training) continue;
    for (const daysAgo of h.daysAgo) {
      const day = berlinDate(addDays(now, -daysAgo));
      const startsAt = new Date(`${day}T08:00:00.000Z`);
      const endsAt = new Date(`${day}T15:00:00.000Z`);
      const wanted = 10 + Math.floor(rand() * 6);
      const chosen = new Set<string>();
      if (h.code === "OZ-01" && daysAgo === 62 && teamMember) chosen.add(teamMember);
      for (let tries = 0; chosen.size < wanted && tries < wanted * 20; tries++) {
        const p = staff[Math.floor(rand() * staff.length)];
        if (!p || p.entryDate.getTime() > startsAt.getTime() - 30 * DAY) continue;
        chosen.add(p.id);
      }
      const session = await tx.trainingSession.create({
        data: {
          trainingId: training.id,
          startsAt,
          endsAt,
          location: h.code === "OZ-01" ? "" : "Rathaus, Schulungsraum 2",
          onlineUrl: h.code === "OZ-01" ? "https://video.beispielstadt.example/oz-01" : "",
          trainerName: "Externe Trainerin",
          capacity: 16,
          confirmedCount: chosen.size,
          status: "SCHEDULED",
          days: { create: [{ startsAt, endsAt }] },
          createdAt: addDays(startsAt, -60),
        },
        select: { id: true },
      });
      extraSessions++;
      const decidedAt = addDays(startsAt, -20);
      const recordedAt = addDays(endsAt, 1);
      const enrolments: Prisma.EnrolmentCreateManyInput[] = [];
      for (const personId of chosen) {
        const enrolmentId = randomUUID();
        enrolments.push({
          id: enrolmentId,
          personId,
          trainingId: training.id,
          sessionId: session.id,
          status: "CONFIRMED",
          activeKey: activeKeyOf(personId, session.id),
          requestedById: options.hrUserId,
          decidedById: options.hrUserId,
          decidedAt,
          attendance: "ATTENDED",
          attendanceRecordedById: options.hrUserId,
          attendanceRecordedAt: recordedAt,
          createdAt: decidedAt,
          updatedAt: recordedAt,
        });
        const extra = { id: randomUUID(), personId, trainingId: training.id, sessionId: session.id, enrolmentId, completedAt: endsAt };
        extras.push(extra);
        if (personId === teamMember && h.code === "OZ-01" && daysAgo === 62) teamMemberCompletion = extra;
      }
      await tx.enrolment.createMany({ data: enrolments });
    }
  }
  extras.sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime() || a.id.localeCompare(b.id));
  let levelRecords = 0;
  // Certificate numbers per year of completion.
  const byYear = new Map<string, Extra[]>();
  for (const e of extras) byYear.set(berlinDate(e.completedAt).slice(0, 4), [...(byYear.get(berlinDate(e.completedAt).slice(0, 4)) ?? []), e]);
  const numberOf = new Map<string, string>();
  for (const list of byYear.values()) {
    const numbers = await nextCertificateNumbers(tx, list.length, list[0]!.completedAt);
    list.forEach((e, i) => numberOf.set(e.id, numbers[i]!));
  }
  if (extras.length > 0) {
    await tx.trainingCompletion.createMany({
      data: extras.map((e) => ({
        id: e.id,
        personId: e.personId,
        trainingId: e.trainingId,
        sessionId: e.sessionId,
        enrolmentId: e.enrolmentId,
        completedAt: e.completedAt,
        result: "PARTICIPATED" as const,
        status: "CONFIRMED" as const,
        certificateNumber: numberOf.get(e.id)!,
        recordedById: options.hrUserId,
        createdAt: addDays(e.completedAt, 1),
        updatedAt: addDays(e.completedAt, 1),
      })),
    });
    for (let i = 0; i < extras.length; i += 200) {
      const written = await writeCompletionLevels(
        tx,
        extras.slice(i, i + 200).map((e) => ({ completionId: e.id, personId: e.personId, trainingId: e.trainingId, completedAt: e.completedAt, certificateNumber: numberOf.get(e.id)!, recordedById: options.hrUserId })),
      );
      levelRecords += written.written;
    }
  }

  // ── Requests for every attended, not failed session completion ──────────────────────────────
  const completions = await tx.trainingCompletion.findMany({
    where: { sessionId: { not: null }, status: "CONFIRMED", result: { not: "FAILED" }, completedAt: { lte: now } },
    orderBy: [{ completedAt: "asc" }, { id: "asc" }],
    select: { id: true, personId: true, trainingId: true, sessionId: true, completedAt: true, training: { select: { code: true, title: true, provider: true } } },
  });
  const leaders = await nearestLeaders(tx, completions.map((c) => c.personId));
  const competencies = await tx.trainingCompetency.findMany({
    where: { trainingId: { in: [...new Set(completions.map((c) => c.trainingId))] } },
    orderBy: [{ trainingId: "asc" }, { lineageId: "asc" }],
    select: { trainingId: true, competencyId: true, lineageId: true, targetLevel: true },
  });
  const competenciesOf = (trainingId: string) => competencies.filter((c) => c.trainingId === trainingId);
  const smallSessionId = completions.find((c) => c.training.code === SMALL_SESSION_CODE)?.sessionId ?? null;
  const employeeCompletion = completions.filter((c) => c.personId === options.employeeId && c.training.code === EMPLOYEE_TRAINING_CODE).at(-1) ?? null;
  const profiles = new Map<string, Profile>();
  const profile = (code: string) => profiles.get(code) ?? profiles.set(code, profileOf(code, options.seed)).get(code)!;

  const requests: Prisma.FeedbackRequestCreateManyInput[] = [];
  const receipts: string[] = [];
  const responses: Prisma.FeedbackResponseCreateManyInput[] = [];
  const answers: Prisma.FeedbackAnswerCreateManyInput[] = [];
  const gains: Prisma.FeedbackLearningGainCreateManyInput[] = [];
  let smallAnswered = 0;
  let leaderPending: { requestId: string; subjectId: string; trainingTitle: string } | null = null;

  const respond = (kind: FeedbackKindName, c: (typeof completions)[number], p: Profile) => {
    const responseId = randomUUID();
    responses.push({
      id: responseId,
      questionnaireId: ids[kind],
      kind,
      trainingId: c.trainingId,
      sessionId: c.sessionId,
      provider: c.training.provider,
      period: berlinDate(c.completedAt).slice(0, 7),
      unitPath: leaders.get(c.personId)?.path ?? "",
    });
    const mood = p.base + (rand() - 0.5) * 1.6;
    let applied = "partly";
    for (const item of itemsOf(kind)) {
      const answer = { id: randomUUID(), responseId, itemId: item.id, value: null as number | null, choices: null as string | null, text: null as string | null };
      if (item.type === "SCALE5") {
        const offset = item.position === 4 ? -0.3 : item.position === 2 ? 0.2 : 0;
        answer.value = clamp(Math.round(mood + offset + (rand() - 0.5) * 1.4), 1, 5);
      } else if (item.type === "NPS") {
        answer.value = clamp(Math.round(((mood - 1) / 4) * 10 + (rand() - 0.4) * 3), 0, 10);
      } else if (item.key === "applied") {
        const r = rand();
        applied = r < p.yes ? "yes" : r < p.yes + p.partly ? "partly" : "no";
        answer.choices = JSON.stringify([applied]);
      } else if (item.key === "frequency") {
        const list = applied === "yes" ? ["daily", "weekly", "weekly", "monthly"] : applied === "no" ? ["rarely", "never", "never"] : ["weekly", "monthly", "rarely"];
        answer.choices = JSON.stringify([pick(rand, list)]);
      } else if (item.type === "MULTI") {
        const chosen = BARRIER_OPTIONS.filter((_, i) => rand() < p.barriers[i]!).map((o) => o.value);
        if (chosen.length === 0) continue;
        answer.choices = JSON.stringify(chosen.slice(0, 3));
      } else if (item.type === "SINGLE") {
        continue;
      } else if (item.type === "TEXT") {
        if (rand() > 0.22) continue;
        answer.text = item.key === "best" ? pick(rand, BEST_TEXTS) : item.key === "improve" ? pick(rand, IMPROVE_TEXTS) : pick(rand, EXAMPLE_TEXTS);
      }
      answers.push(answer);
    }
    if (kind === "IMMEDIATE") {
      for (const tc of competenciesOf(c.trainingId).slice(0, 2)) {
        const before = clamp(tc.targetLevel - 1 - Math.floor(rand() * 2), 1, tc.targetLevel);
        const after = clamp(before + (mood > 3.5 ? 1 : 0) + (rand() < 0.3 ? 1 : 0), before, tc.targetLevel);
        gains.push({ id: randomUUID(), responseId, lineageId: tc.lineageId, before, after });
      }
    }
  };

  for (const c of completions) {
    if (c.personId === options.employeeId && c.id !== employeeCompletion?.id) continue;
    const p = profile(c.training.code);
    const leaderId = leaders.get(c.personId)?.leaderId ?? null;
    const plan: { kind: FeedbackKindName; personId: string; from: Date }[] = [
      { kind: "IMMEDIATE", personId: c.personId, from: addDays(c.completedAt, 1) },
      { kind: "TRANSFER_PARTICIPANT", personId: c.personId, from: addDays(c.completedAt, TRANSFER_DELAY_DAYS) },
    ];
    if (leaderId) plan.push({ kind: "TRANSFER_LEADER", personId: leaderId, from: addDays(c.completedAt, TRANSFER_DELAY_DAYS) });
    for (const r of plan) {
      const expiresAt = addDays(r.from, EXPIRY_DAYS);
      const available = r.from.getTime() <= now.getTime();
      const open = available && expiresAt.getTime() > now.getTime();
      let status: Status;
      const roll = rand();
      if (!available) status = "PENDING";
      else if (c.id === employeeCompletion?.id) status = "PENDING";
      else if (c.sessionId === smallSessionId && r.kind === "IMMEDIATE") status = smallAnswered < SMALL_SESSION_RESPONSES ? "ANSWERED" : "EXPIRED";
      else if (c.sessionId === smallSessionId) status = open ? "PENDING" : "EXPIRED";
      else if (r.kind === "TRANSFER_LEADER" && r.personId === options.leaderId && open)
        status = c.id === teamMemberCompletion?.id && !leaderPending ? "PENDING" : "ANSWERED";
      else if (r.personId === options.leaderId || r.personId === options.employeeId) status = roll < 0.8 ? "ANSWERED" : "EXPIRED";
      else {
        const rate = r.kind === "IMMEDIATE" ? p.responseRate : p.responseRate - 0.15;
        status = roll < (open ? rate * 0.6 : rate) ? "ANSWERED" : open ? "PENDING" : "EXPIRED";
      }
      if (status === "ANSWERED" && c.sessionId === smallSessionId && r.kind === "IMMEDIATE") smallAnswered++;
      const requestId = randomUUID();
      const notifiedAt = available ? r.from : null;
      requests.push({
        id: requestId,
        personId: r.personId,
        subjectPersonId: r.kind === "TRANSFER_LEADER" ? c.personId : null,
        kind: r.kind,
        questionnaireId: ids[r.kind],
        trainingId: c.trainingId,
        sessionId: c.sessionId,
        completionId: c.id,
        availableFrom: r.from,
        expiresAt,
        status,
        notifiedAt,
        remindedAt: available && (status === "EXPIRED" || (status === "ANSWERED" && roll > 0.7) || (status === "PENDING" && now.getTime() - r.from.getTime() > 7 * DAY)) ? addDays(r.from, 7) : null,
        createdAt: addDays(c.completedAt, 1),
      });
      if (status === "ANSWERED") {
        receipts.push(requestId);
        respond(r.kind, c, p);
      }
      if (status === "PENDING" && r.kind === "TRANSFER_LEADER" && r.personId === options.leaderId && available) {
        leaderPending = { requestId, subjectId: c.personId, trainingTitle: c.training.title };
      }
    }
  }
  for (let i = 0; i < requests.length; i += 200) await tx.feedbackRequest.createMany({ data: requests.slice(i, i + 200) });
  for (let i = 0; i < receipts.length; i += 500) await tx.feedbackReceipt.createMany({ data: receipts.slice(i, i + 500).map((requestId) => ({ requestId })) });
  for (let i = 0; i < responses.length; i += 200) await tx.feedbackResponse.createMany({ data: responses.slice(i, i + 200) });
  for (let i = 0; i < answers.length; i += 500) await tx.feedbackAnswer.createMany({ data: answers.slice(i, i + 500) });
  for (let i = 0; i < gains.length; i += 500) await tx.feedbackLearningGain.createMany({ data: gains.slice(i, i + 500) });

  // ── Notifications of the demo accounts' pending requests; the level update proposal ──────────
  const employeeRequest = employeeCompletion ? requests.find((r) => r.completionId === employeeCompletion.id && r.kind === "IMMEDIATE") : undefined;
  if (employeeRequest && employeeCompletion) {
    await notify(tx, {
      personId: options.employeeId,
      kind: "feedback.requested",
      params: { training: employeeCompletion.training.title, date: formatDate(employeeRequest.expiresAt as Date, "de") },
      link: `/feedback/${employeeRequest.id}`,
    });
  }
  if (leaderPending) {
    const subject = await tx.person.findUniqueOrThrow({ where: { id: leaderPending.subjectId }, select: { firstName: true, lastName: true } });
    await notify(tx, {
      personId: options.leaderId,
      kind: "feedback.leaderTransferRequested",
      params: { training: leaderPending.trainingTitle, person: `${subject.firstName} ${subject.lastName}`, date: formatDate(requests.find((r) => r.id === leaderPending!.requestId)!.expiresAt as Date, "de") },
      link: `/feedback/${leaderPending.requestId}`,
    });
  }
  let proposals = 0;
  if (teamMemberCompletion) {
    const target = competenciesOf(teamMemberCompletion.trainingId)[0];
    if (target) {
      const member = await tx.person.findUniqueOrThrow({ where: { id: teamMemberCompletion.personId }, select: { firstName: true, lastName: true } });
      const competency = await tx.competencyNode.findUniqueOrThrow({ where: { id: target.competencyId }, select: { name: true } });
      await tx.levelUpdateProposal.create({
        data: {
          personId: teamMemberCompletion.personId,
          competencyId: target.competencyId,
          lineageId: target.lineageId,
          proposedLevel: target.targetLevel,
          trainingId: teamMemberCompletion.trainingId,
          note: "Ich wende die Inhalte seit der Schulung regelmäßig an und betreue inzwischen die Online-Anträge unseres Sachgebiets.",
          createdAt: addDays(now, -3),
        },
      });
      proposals++;
      await notify(tx, {
        personId: options.leaderId,
        kind: "feedback.levelProposal",
        params: { person: `${member.firstName} ${member.lastName}`, competency: competency.name, level: target.targetLevel },
        link: "/feedback/stufenvorschlaege",
      });
    }
  }

  const result = {
    sessions: extraSessions,
    completions: extras.length,
    levelRecords,
    requests: requests.length,
    answered: receipts.length,
    responses: responses.length,
    answers: answers.length,
    gains: gains.length,
    proposals,
  };
  await recordAudit(tx, {
    actorUserId: options.hrUserId,
    action: "seed.feedback",
    entityType: "FeedbackRequest",
    summary: `${result.requests} Feedback-Anfragen (${result.answered} beantwortet), ${result.responses} anonyme Rückmeldungen, ${result.sessions} frühere Termine mit ${result.completions} Abschlüssen`,
  });
  return result;
}
