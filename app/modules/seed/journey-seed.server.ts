// Demo learning journeys (issue 7, docs/decisions/022): three templates (onboarding,
// Digitalisierungslots*innen, the leadership programme "Führungskraft als Treiber der
// Transformation"), cohorts built from them, and journeys in every state with their history.
// Runs after the catalogue and the compliance seed (designations). Deterministic for the same
// administration and day: people are chosen by personnel number, dates count from today.
//
// The demo employee gets only the running Digitalisierungslots*innen journey (never a draft or
// a proposal: the browser test has her propose one from her gaps). The demo leader takes part in
// the leadership programme and has a proposal from his Amt waiting for his agreement.
import type { Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { addDays, addMonths, todayInBerlin, toInstant, type Day } from "~/modules/compliance/days.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { progressOf, relativeDue, type JourneyEventKind, type JourneyStatus, type Programme, type RelativeUnit, type StepKind, type StepStatus } from "~/modules/journeys/model.ts";
import { appendJourneyEvents, insertJourneys, type JourneyAuthor, type NewJourney, type NewJourneyPhase } from "~/modules/journeys/store.server.ts";
import { relativeLabel } from "~/modules/journeys/templates.server.ts";

interface StepSpec {
  kind: StepKind;
  title: string;
  description?: string;
  training?: string;
  url?: string;
  due: [number, RelativeUnit];
  /** Added in version 2 of the template (journeys from version 1 lack it: the change is offered). */
  sinceVersion?: number;
}
interface TemplateSpec {
  code: string;
  title: string;
  description: string;
  programme: Programme;
  durationWeeks: number;
  version: number;
  phases: { title: string; steps: StepSpec[] }[];
}

export const JOURNEY_TEMPLATES: TemplateSpec[] = [
  {
    code: "ONBOARDING",
    title: "Onboarding in der Stadtverwaltung",
    description: "Die ersten sechs Monate: ankommen, Pflichtschulungen, digitale Arbeitsweise der Verwaltung kennenlernen und die Probezeit reflektieren.",
    programme: "ONBOARDING",
    durationWeeks: 26,
    version: 1,
    phases: [
      {
        title: "Ankommen",
        steps: [
          { kind: "ON_THE_JOB", title: "Einarbeitungsplan mit der Führungskraft besprechen", due: [1, "DAYS"] },
          { kind: "READING", title: "Leitbild und Organisation der Stadtverwaltung lesen", due: [2, "WEEKS"] },
          { kind: "TRAINING", title: "Datenschutz-Grundschulung", training: "DS-01", due: [4, "WEEKS"] },
          { kind: "TRAINING", title: "Security Awareness", training: "IS-01", due: [4, "WEEKS"] },
        ],
      },
      {
        title: "Arbeitsweise kennenlernen",
        steps: [
          { kind: "TRAINING", title: "E-Akte Grundlagen", training: "EA-01", due: [2, "MONTHS"] },
          { kind: "MENTORING", title: "Hospitation in einem Nachbarbereich", due: [2, "MONTHS"] },
          { kind: "TRAINING", title: "Digitale Zusammenarbeit", training: "OF-01", due: [3, "MONTHS"] },
        ],
      },
      { title: "Probezeit reflektieren", steps: [{ kind: "REFLECTION", title: "Reflexion zum Ende der Probezeit", due: [6, "MONTHS"] }] },
    ],
  },
  {
    code: "DIGITAL_PILOT",
    title: "Digitalisierungslots*innen",
    description: "Qualifizierung der Digitalisierungslots*innen: Grundlagen, Praxis im eigenen Team und Austausch im Netzwerk.",
    programme: "DIGITAL_PILOT",
    durationWeeks: 26,
    version: 1,
    phases: [
      {
        title: "Grundlagen",
        steps: [
          { kind: "TRAINING", title: "Qualifizierungsprogramm Digitalisierungslots*innen", training: "DL-01", due: [4, "WEEKS"] },
          { kind: "TRAINING", title: "OZG und Onlinezugang", training: "OZ-01", due: [2, "MONTHS"] },
        ],
      },
      {
        title: "Praxis im eigenen Team",
        steps: [
          { kind: "ON_THE_JOB", title: "Digitalisierungsbedarf im eigenen Team erheben", due: [10, "WEEKS"] },
          { kind: "TRAINING", title: "Lern-Tandem: digitale Werkzeuge gemeinsam entdecken", training: "DL-02", due: [3, "MONTHS"] },
          { kind: "ELEARNING", title: "KI-Grundlagen für die Verwaltung", url: "https://lernen.beispielstadt.example/ki-grundlagen", due: [4, "MONTHS"] },
        ],
      },
      {
        title: "Netzwerk und Transfer",
        steps: [
          { kind: "MENTORING", title: "Erfahrungsaustausch im Lots*innen-Netzwerk", due: [5, "MONTHS"] },
          { kind: "REFLECTION", title: "Reflexion: Was hat sich im Team verändert?", due: [6, "MONTHS"] },
        ],
      },
    ],
  },
  {
    code: "LEADERSHIP",
    title: "Führungskraft als Treiber der Transformation",
    description: "Führungskräfteprogramm über ein Jahr: Standort bestimmen, Veränderung führen, digitale Zusammenarbeit gestalten und den Transfer in den eigenen Bereich sichern.",
    programme: "LEADERSHIP",
    durationWeeks: 52,
    version: 2,
    phases: [
      {
        title: "Standortbestimmung",
        steps: [
          { kind: "REFLECTION", title: "Selbsteinschätzung: Führen im Wandel", due: [2, "WEEKS"] },
          { kind: "ON_THE_JOB", title: "Zielgespräch mit der eigenen Führungskraft", due: [4, "WEEKS"] },
        ],
      },
      {
        title: "Führen im Wandel",
        steps: [
          { kind: "TRAINING", title: "Führen in der digitalen Transformation", training: "FÜ-01", due: [2, "MONTHS"] },
          { kind: "TRAINING", title: "Veränderungsprozesse gestalten: Change Management", training: "FÜ-03", due: [4, "MONTHS"] },
        ],
      },
      {
        title: "Digitale Zusammenarbeit",
        steps: [
          { kind: "TRAINING", title: "Führen auf Distanz: hybride Teams leiten", training: "FÜ-06", due: [5, "MONTHS"] },
          { kind: "TRAINING", title: "Digitale Zusammenarbeit im Team", training: "OF-01", due: [6, "MONTHS"] },
          { kind: "ON_THE_JOB", title: "Ein Digitalisierungsvorhaben im eigenen Bereich anstoßen", due: [8, "MONTHS"] },
        ],
      },
      {
        title: "Transfer & Reflexion",
        steps: [
          { kind: "TRAINING", title: "Kollegiale Fallberatung für Führungskräfte", training: "FÜ-05", due: [9, "MONTHS"], sinceVersion: 2 },
          { kind: "REFLECTION", title: "Reflexion: Meine Rolle als Treiber der Transformation", due: [11, "MONTHS"] },
        ],
      },
    ],
  },
];

export interface JourneySeedOptions {
  employeeId: string;
  leaderId: string;
  hrUserId: string;
  leaderUserId: string;
  now?: Date;
}

interface SeededTemplate {
  id: string;
  spec: TemplateSpec;
  steps: { id: string; phase: string; spec: StepSpec; trainingId: string | null }[];
}

const CHUNK = 500;

export async function seedJourneys(tx: Tx, options: JourneySeedOptions) {
  const now = options.now ?? new Date();
  const today = todayInBerlin(now);
  const people = await tx.person.findMany({
    where: { status: "ACTIVE" },
    orderBy: { personnelNumber: "asc" },
    select: { id: true, firstName: true, lastName: true, entryDate: true, orgUnit: { select: { path: true, code: true } }, flags: { select: { flag: true } } },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  const name = (id: string) => `${byId.get(id)!.firstName} ${byId.get(id)!.lastName}`;
  const hrUser = await tx.user.findUniqueOrThrow({ where: { id: options.hrUserId }, select: { person: { select: { firstName: true, lastName: true } } } });
  const hr: JourneyAuthor = { userId: options.hrUserId, name: hrUser.person ? `${hrUser.person.firstName} ${hrUser.person.lastName}` : "Personalentwicklung" };
  const leaderAuthor: JourneyAuthor = { userId: options.leaderUserId, name: name(options.leaderId) };

  // ── Templates ──
  const trainingCodes = [...new Set(JOURNEY_TEMPLATES.flatMap((t) => t.phases.flatMap((p) => p.steps.map((s) => s.training).filter((c): c is string => !!c))))];
  const trainings = new Map((await tx.training.findMany({ where: { code: { in: trainingCodes } }, select: { id: true, code: true } })).map((t) => [t.code, t.id]));
  const templates = new Map<string, SeededTemplate>();
  for (const spec of JOURNEY_TEMPLATES) {
    const template = await tx.journeyTemplate.create({
      data: { code: spec.code, title: spec.title, description: spec.description, programme: spec.programme, goalKind: "PROGRAMME", durationWeeks: spec.durationWeeks, version: spec.version, createdAt: toInstant(addMonths(today, -18)) },
      select: { id: true },
    });
    const seeded: SeededTemplate = { id: template.id, spec, steps: [] };
    let position = 0;
    for (const [index, phase] of spec.phases.entries()) {
      const p = await tx.journeyTemplatePhase.create({ data: { templateId: template.id, position: index, title: phase.title }, select: { id: true } });
      for (const step of phase.steps) {
        const trainingId = step.training ? (trainings.get(step.training) ?? null) : null;
        const created = await tx.journeyTemplateStep.create({
          data: {
            templateId: template.id,
            phaseId: p.id,
            position: position++,
            kind: step.training && !trainingId ? "ON_THE_JOB" : step.kind,
            title: step.title,
            description: step.description ?? "",
            url: step.url ?? "",
            trainingId,
            dueAmount: step.due[0],
            dueUnit: step.due[1],
          },
          select: { id: true },
        });
        seeded.steps.push({ id: created.id, phase: phase.title, spec: step, trainingId });
      }
    }
    templates.set(spec.code, seeded);
    await recordAudit(tx, { actorUserId: options.hrUserId, action: "journeytemplate.create", entityType: "JourneyTemplate", entityId: template.id, summary: `${spec.title} v${spec.version} (Demo)` });
  }

  const fromTemplate = (t: SeededTemplate, personId: string, startsOn: Day, cohortId: string | null, version = t.spec.version, status: JourneyStatus = "ACTIVE"): NewJourney => {
    const phases: NewJourneyPhase[] = t.spec.phases.map((phase) => ({
      title: phase.title,
      steps: t.steps
        .filter((s) => s.phase === phase.title && (s.spec.sinceVersion ?? 1) <= version)
        .map((s) => ({
          kind: s.spec.training && !s.trainingId ? "ON_THE_JOB" : s.spec.kind,
          title: s.spec.title,
          description: s.spec.description ?? "",
          url: s.spec.url ?? "",
          trainingId: s.trainingId,
          dueOn: relativeDue(startsOn, s.spec.due[0], s.spec.due[1]),
          rationale: `Aus der Vorlage „${t.spec.title}“ (Version ${version}), fällig ${relativeLabel(s.spec.due[0], s.spec.due[1])}`,
          templateStepId: s.id,
        })),
    }));
    return { personId, title: t.spec.title, goalKind: "PROGRAMME", goalText: t.spec.description, startsOn, endsOn: addDays(startsOn, t.spec.durationWeeks * 7), status, templateId: t.id, templateVersion: version, cohortId, phases };
  };

  const cohort = async (t: SeededTemplate, title: string, startsOn: Day, audience: Record<string, unknown>) =>
    (
      await tx.journeyCohort.create({
        data: { templateId: t.id, title, startsOn, audience: JSON.stringify(audience), createdById: options.hrUserId, createdAt: toInstant(startsOn) },
        select: { id: true },
      })
    ).id;

  const journeyIds: Record<string, string[]> = {};
  const insert = async (key: string, author: JourneyAuthor, journeys: NewJourney[], createdOn: Day, comment = "") => {
    if (journeys.length === 0) return [];
    const ids = await insertJourneys(tx, author, journeys, { now: toInstant(createdOn), comment });
    journeyIds[key] = ids;
    return ids;
  };
  const events = (author: JourneyAuthor | null, ids: string[], kind: JourneyEventKind, on: Day, comment = "", detail: Record<string, unknown> = {}) =>
    appendJourneyEvents(
      tx,
      author,
      ids.map((journeyId) => ({ journeyId, kind, comment, detail })),
      { now: toInstant(on) },
    );
  const agreed = async (ids: string[], by: JourneyAuthor, on: Day, activeOn: Day | null) => {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await tx.learningJourney.updateMany({
        where: { id: { in: ids.slice(i, i + CHUNK) } },
        data: { agreedById: by.userId, agreedAt: toInstant(on), activatedAt: activeOn ? toInstant(activeOn) : null, proposedAt: toInstant(on) },
      });
    }
  };

  /**
   * Step statuses of running journeys: steps due more than a week ago are done, except every
   * third of them (left open: overdue); the next step due is in progress.
   */
  const settle = async (ids: string[], rule: (step: { index: number; dueOn: Day | null; kind: string }, journeyIndex: number) => StepStatus) => {
    if (ids.length === 0) return;
    const steps = await tx.journeyStep.findMany({ where: { journeyId: { in: ids } }, orderBy: [{ journeyId: "asc" }, { position: "asc" }], select: { id: true, journeyId: true, dueOn: true, kind: true } });
    const indexOf = new Map(ids.map((id, i) => [id, i]));
    const counter = new Map<string, number>();
    const groups = new Map<string, string[]>();
    for (const s of steps) {
      const index = counter.get(s.journeyId) ?? 0;
      counter.set(s.journeyId, index + 1);
      const status = rule({ index, dueOn: s.dueOn, kind: s.kind }, indexOf.get(s.journeyId)!);
      if (status === "OPEN") continue;
      const key = `${status}|${s.dueOn ?? today}`;
      groups.set(key, [...(groups.get(key) ?? []), s.id]);
    }
    for (const [key, stepIds] of groups) {
      const [status, day] = key.split("|") as [StepStatus, Day];
      await tx.journeyStep.updateMany({
        where: { id: { in: stepIds } },
        data: { status, doneAt: status === "DONE" ? toInstant(day < today ? day : addDays(today, -1)) : null, skipReason: status === "SKIPPED" ? "Inhalt bereits aus einer früheren Fortbildung bekannt" : "" },
      });
    }
  };
  const running = ({ index, dueOn }: { index: number; dueOn: Day | null }, j: number): StepStatus => {
    if (!dueOn) return "OPEN";
    if (dueOn < addDays(today, -7)) return (index + j) % 3 === 2 ? "OPEN" : "DONE";
    if (dueOn <= addDays(today, 21)) return "IN_PROGRESS";
    return "OPEN";
  };

  // ── Onboarding cohort: new hires of the last eight months, each from their entry day ──
  const onboarding = templates.get("ONBOARDING")!;
  const hiresFrom = addMonths(today, -8);
  const hires = people.filter((p) => p.entryDate >= toInstant(hiresFrom) && p.entryDate < toInstant(addDays(today, 1)) && p.id !== options.employeeId);
  const onboardingCohort = await cohort(onboarding, `Neue Beschäftigte seit ${hiresFrom.slice(8, 10)}.${hiresFrom.slice(5, 7)}.${hiresFrom.slice(0, 4)}`, hiresFrom, { kind: "NEW_HIRES", from: hiresFrom, to: today });
  const hireIds = await insert(
    "onboarding",
    hr,
    hires.map((p) => {
      const entry = p.entryDate.toISOString().slice(0, 10);
      return fromTemplate(onboarding, p.id, entry > hiresFrom ? entry : hiresFrom, onboardingCohort);
    }),
    hiresFrom,
    "Gruppe „Neue Beschäftigte“",
  );
  await agreed(hireIds, hr, hiresFrom, hiresFrom);
  await settle(hireIds, running);

  // ── Digitalisierungslots*innen: everyone with the designation, incl. the demo employee ──
  const pilot = templates.get("DIGITAL_PILOT")!;
  const pilotStart = addDays(today, -70);
  const pilots = people.filter((p) => p.flags.some((f) => f.flag === "DIGITAL_PILOT"));
  const pilotCohort = await cohort(pilot, "Digitalisierungslots*innen 2026", pilotStart, { kind: "FLAG", flag: "DIGITAL_PILOT" });
  const pilotIds = await insert(
    "pilot",
    hr,
    pilots.map((p) => fromTemplate(pilot, p.id, pilotStart, pilotCohort)),
    pilotStart,
    "Gruppe „Digitalisierungslots*innen 2026“",
  );
  await agreed(pilotIds, hr, pilotStart, pilotStart);
  const miriamIndex = pilots.findIndex((p) => p.id === options.employeeId);
  // The demo employee: the first two steps done, the team survey in progress, nothing overdue.
  await settle(pilotIds, (step, j) => (j === miriamIndex ? (step.index < 2 ? "DONE" : step.index === 2 ? "IN_PROGRESS" : "OPEN") : running(step, j)));

  // ── Leadership programme: this year's cohort (with the demo leader), last year's (done) ──
  const leadership = templates.get("LEADERSHIP")!;
  const leaderRows = await tx.orgUnit.findMany({ where: { leaderId: { not: null } }, orderBy: { code: "asc" }, select: { leaderId: true } });
  const leaders = [...new Set(leaderRows.map((u) => u.leaderId!))].filter((id) => byId.has(id) && id !== options.leaderId && id !== options.employeeId);
  const thisYear = [options.leaderId, ...leaders.slice(0, 7)].filter((id) => byId.has(id));
  const lastYear = leaders.slice(7, 11);
  const leadStart = addMonths(today, -5);
  const leadCohort = await cohort(leadership, "Führungskräfteprogramm 2026", leadStart, { kind: "PERSONS", personIds: thisYear });
  // Built from version 1 (before the collegial case consultation was added): the change is offered.
  const leadIds = await insert(
    "leadership",
    hr,
    thisYear.map((id) => fromTemplate(leadership, id, leadStart, leadCohort, 1)),
    leadStart,
    "Gruppe „Führungskräfteprogramm 2026“",
  );
  await agreed(leadIds, hr, leadStart, leadStart);
  await settle(leadIds, running);

  const pastStart = addMonths(today, -14);
  const pastCohort = await cohort(leadership, "Führungskräfteprogramm 2025", pastStart, { kind: "PERSONS", personIds: lastYear });
  const pastIds = await insert(
    "leadershipPast",
    hr,
    lastYear.map((id) => fromTemplate(leadership, id, pastStart, pastCohort, 1)),
    pastStart,
    "Gruppe „Führungskräfteprogramm 2025“",
  );
  await agreed(pastIds, hr, pastStart, pastStart);
  const cancelled = pastIds.slice(-1);
  const completed = pastIds.slice(0, -1);
  // Completed: every step done, one skipped in the first journey; cancelled: done until the cancellation.
  const cancelledOn = addMonths(pastStart, 4);
  await settle(pastIds, (step, j) => {
    if (pastIds[j] === cancelled[0]) return step.dueOn && step.dueOn < cancelledOn ? "DONE" : "OPEN";
    return j === 0 && step.index === 5 ? "SKIPPED" : "DONE";
  });
  const completedOn = addDays(pastStart, 52 * 7 - 10);
  await completeJourneys(tx, completed, completedOn);
  await events(hr, completed, "COMPLETED", completedOn);
  if (cancelled.length) {
    await tx.learningJourney.updateMany({ where: { id: { in: cancelled } }, data: { status: "CANCELLED" } });
    await events(hr, cancelled, "CANCELLED", cancelledOn, "Abgebrochen: Wechsel in eine Stabsstelle, das Programm wird später neu begonnen.");
  }

  // ── Individual journeys in the demo leader's Amt (never the demo employee) ──
  const leaderUnits = await tx.orgUnit.findMany({ where: { leaderId: options.leaderId }, select: { path: true } });
  const team = people.filter((p) => p.id !== options.leaderId && p.id !== options.employeeId && leaderUnits.some((u) => p.orgUnit?.path.startsWith(u.path)));
  const [draftPerson, proposedPerson, agreedPerson, activePerson] = team;
  const training = (code: string) => trainings.get(code) ?? null;
  const step = (kind: StepKind, title: string, dueOn: Day, extra: Partial<NewJourney["phases"][number]["steps"][number]> = {}) => ({ kind, title, dueOn, ...extra });
  if (draftPerson) {
    await insert(
      "draft",
      leaderAuthor,
      [
        {
          personId: draftPerson.id,
          title: "Sicher mit Tabellen arbeiten",
          goalKind: "FREE",
          goalText: "Auswertungen für das Sachgebiet selbst erstellen können.",
          startsOn: addDays(today, 14),
          endsOn: addDays(today, 14 + 12 * 7),
          status: "DRAFT",
          phases: [{ title: "Grundlagen", steps: [step("TRAINING", "Tabellenkalkulation – Grundlagen", addDays(today, 40), { trainingId: training("OF-02") }), step("ON_THE_JOB", "Monatsstatistik des Sachgebiets selbst erstellen", addDays(today, 70))] }],
        },
      ],
      addDays(today, -3),
    );
  }
  if (proposedPerson) {
    const ids = await insert(
      "proposed",
      hr,
      [
        {
          personId: proposedPerson.id,
          title: "E-Akte und Online-Anträge sicher beherrschen",
          goalKind: "POSITION_GAPS",
          goalText: "Lücken der eigenen Stelle schließen.",
          startsOn: addDays(today, 7),
          endsOn: addDays(today, 7 + 16 * 7),
          status: "DRAFT",
          phases: [
            {
              title: "Digitale Akte",
              steps: [
                step("TRAINING", "E-Akte Grundlagen", addDays(today, 30), { trainingId: training("EA-01"), rationale: "Schließt die Lücke „Digitale Aktenführung“ der Stelle." }),
                step("TRAINING", "Online-Anträge im Fachverfahren bearbeiten", addDays(today, 60), { trainingId: training("OZ-02"), rationale: "Schließt die Lücke „Onlinezugang“ der Stelle." }),
              ],
            },
            { title: "Transfer", steps: [step("REFLECTION", "Was hat sich in meiner Sachbearbeitung verändert?", addDays(today, 100))] },
          ],
        },
      ],
      addDays(today, -6),
    );
    await tx.learningJourney.updateMany({ where: { id: { in: ids } }, data: { status: "PROPOSED", proposedAt: toInstant(addDays(today, -5)) } });
    await events(hr, ids, "PROPOSED", addDays(today, -5), "Bitte um Zustimmung – die Termine im Januar passen gut.");
    await notify(tx, { personId: options.leaderId, kind: "journey.proposed", params: { title: "E-Akte und Online-Anträge sicher beherrschen", person: name(proposedPerson.id) }, link: `/lernreisen/${ids[0]}` });
  }
  if (agreedPerson) {
    const start = addDays(today, 10);
    const ids = await insert(
      "agreed",
      leaderAuthor,
      [
        {
          personId: agreedPerson.id,
          title: "Bürgerservice souverän gestalten",
          goalKind: "FREE",
          goalText: "Schwierige Gespräche am Schalter sicher führen.",
          startsOn: start,
          endsOn: addDays(start, 10 * 7),
          status: "DRAFT",
          phases: [
            {
              title: "Gespräche",
              steps: [
                step("READING", "Leitfaden Deeskalation lesen", addDays(start, 7)),
                step("MENTORING", "Hospitation bei einer erfahrenen Kollegin am Schalter", addDays(start, 21)),
                step("REFLECTION", "Reflexion: Mein schwierigstes Gespräch", addDays(start, 60)),
              ],
            },
          ],
        },
      ],
      addDays(today, -20),
    );
    await tx.learningJourney.updateMany({ where: { id: { in: ids } }, data: { status: "AGREED" } });
    await agreed(ids, leaderAuthor, addDays(today, -12), null);
    await events(leaderAuthor, ids, "PROPOSED", addDays(today, -15));
    await events(leaderAuthor, ids, "AGREED", addDays(today, -12), "Gern – die Hospitation stimmen wir im Team ab.");
  }
  if (activePerson) {
    const start = addMonths(today, -3);
    const ids = await insert(
      "active",
      leaderAuthor,
      [
        {
          personId: activePerson.id,
          title: "Verständlich schreiben",
          goalKind: "POSITION_GAPS",
          goalText: "Lücken der eigenen Stelle schließen.",
          startsOn: start,
          endsOn: addDays(start, 20 * 7),
          status: "ACTIVE",
          phases: [
            {
              title: "Schreiben",
              steps: [
                step("TRAINING", "Verständlich schreiben: Bescheide und Briefe in klarer Sprache", addDays(start, 30), { trainingId: training("BS-03") }),
                step("ON_THE_JOB", "Drei Musterbescheide überarbeiten", addDays(today, -10)),
                step("REFLECTION", "Rückmeldung von Bürgerinnen und Bürgern auswerten", addDays(today, 30)),
              ],
            },
          ],
        },
      ],
      addDays(start, -10),
    );
    await agreed(ids, leaderAuthor, addDays(start, -3), start);
    await events(leaderAuthor, ids, "AGREED", addDays(start, -3));
    await events(leaderAuthor, ids, "ACTIVATED", start);
    await settle(ids, ({ index }) => (index === 0 ? "DONE" : "OPEN"));
    await events(null, ids, "STEP_CHANGED", addDays(start, 30), "", { step: "Verständlich schreiben: Bescheide und Briefe in klarer Sprache", from: "OPEN", to: "DONE" });
  }

  // History of the running programme journeys and a comment on the demo employee's journey.
  const assigned = "Von der Personalentwicklung zugewiesen: die Zuweisung gilt als Vereinbarung.";
  await events(hr, hireIds, "ACTIVATED", hiresFrom, assigned);
  await events(hr, pilotIds, "ACTIVATED", pilotStart, assigned);
  await events(hr, leadIds, "ACTIVATED", leadStart, assigned);
  await events(hr, pastIds, "ACTIVATED", pastStart, assigned);
  const miriamJourney = miriamIndex >= 0 ? pilotIds[miriamIndex] : undefined;
  if (miriamJourney) {
    await events(leaderAuthor, [miriamJourney], "COMMENT", addDays(today, -20), "Die Bedarfserhebung im Team unterstütze ich gern – lass uns die Ergebnisse in der Teamrunde vorstellen.");
    await notify(tx, { personId: options.employeeId, kind: "journey.proposedToPerson", params: { title: pilot.spec.title, sender: hr.name }, link: `/lernreisen/${miriamJourney}` });
  }
  const thomasJourney = leadIds[0];
  if (thomasJourney) await notify(tx, { personId: options.leaderId, kind: "journey.proposedToPerson", params: { title: leadership.spec.title, sender: hr.name }, link: `/lernreisen/${thomasJourney}` });

  const count = Object.values(journeyIds).reduce((a, ids) => a + ids.length, 0);
  return { templates: templates.size, cohorts: 4, journeys: count };
}

/** Completed journeys keep a record of what they contained and achieved (as the workflow writes it). */
async function completeJourneys(tx: Tx, ids: string[], completedOn: Day) {
  if (ids.length === 0) return;
  const journeys = await tx.learningJourney.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      title: true,
      goalKind: true,
      goalText: true,
      startsOn: true,
      endsOn: true,
      agreedAt: true,
      activatedAt: true,
      phases: { select: { id: true, title: true } },
      steps: { orderBy: { position: "asc" }, select: { phaseId: true, kind: true, title: true, status: true, doneAt: true, skipReason: true, targetLevel: true } },
    },
  });
  const completedAt = toInstant(completedOn);
  for (const j of journeys) {
    const phaseTitle = new Map(j.phases.map((p) => [p.id, p.title]));
    const record = {
      title: j.title,
      goalKind: j.goalKind,
      goalText: j.goalText,
      startsOn: j.startsOn,
      endsOn: j.endsOn,
      agreedAt: j.agreedAt?.toISOString() ?? null,
      activatedAt: j.activatedAt?.toISOString() ?? null,
      completedAt: completedAt.toISOString(),
      progress: progressOf(j.steps.map((s) => ({ status: s.status as StepStatus }))),
      steps: j.steps.map((s) => ({ phase: phaseTitle.get(s.phaseId) ?? "", kind: s.kind, title: s.title, status: s.status, doneAt: s.doneAt?.toISOString() ?? null, skipReason: s.skipReason, competency: null, targetLevel: s.targetLevel })),
      levels: [],
    };
    await tx.learningJourney.update({ where: { id: j.id }, data: { status: "COMPLETED", completedAt, completionRecord: JSON.stringify(record) } });
  }
}
