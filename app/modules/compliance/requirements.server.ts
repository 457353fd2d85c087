// "Meine Pflichtschulungen" and a person's mandatory-trainings tab: the person's requirements
// with status, due date, why they apply (explain.ts), where to enrol, their history and the
// reminders the person received. The person sees their own; leaders their team; HR anyone.
// Reads of someone else's data are audited.
import type { Db, Tx } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { hasPermission, pathInTeam, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { openSessionWhere } from "~/modules/training/catalogue.server.ts";
import type { AudienceReason } from "./audience.ts";
import { dayOf, todayInBerlin, type Day } from "./days.ts";
import { daysOverdue, REQUIREMENT_STATUSES, statusOn, type RequirementStatus } from "./engine.ts";
import { explainEvent, explainRequirement, type ExplainLine, type Explanation } from "./explain.ts";

const ACTIVE_ENROLMENT = ["REQUESTED", "WAITLISTED", "CONFIRMED"] as const;
const HISTORY_LIMIT = 200;
const REMINDER_LIMIT = 100;

/** Row-level access to a person's mandatory trainings; throws 404/403. */
export async function requireComplianceAccess(tx: Tx, actor: Actor, personId: string) {
  const person = await tx.person.findUnique({
    where: { id: personId },
    select: { id: true, firstName: true, lastName: true, status: true, entryDate: true, orgUnit: { select: { path: true } } },
  });
  if (!person) throw new NotFoundError("Person nicht gefunden");
  let access: Access | null = null;
  if (person.id === actor.personId && hasPermission(actor.roles, "read:compliance:own")) access = "own";
  else if (hasPermission(actor.roles, "read:compliance:any")) access = "any";
  else if (hasPermission(actor.roles, "read:compliance:team") && pathInTeam(actor, person.orgUnit?.path)) access = "team";
  if (!access) throw new AccessDeniedError("Sie dürfen die Pflichtschulungen dieser Person nicht sehen.");
  return { person, access };
}

function parseReasons(json: string): AudienceReason[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as AudienceReason[]) : [];
  } catch {
    return [];
  }
}

export interface RequirementTraining {
  id: string;
  code: string;
  title: string;
  /** Only published trainings can be opened by everyone. */
  published: boolean;
  nextSession: { id: string; startsAt: Date; endsAt: Date; location: string; freeSeats: number } | null;
  /** The person's own active enrolment in a coming session of this training. */
  enrolment: { id: string; status: (typeof ACTIVE_ENROLMENT)[number]; sessionId: string; startsAt: Date } | null;
}

export interface OpenRequirement {
  id: string;
  rule: { id: string; name: string; legalBasis: string; description: string };
  status: RequirementStatus;
  dueOn: Day | null;
  daysOverdue: number;
  completedOn: Day | null;
  validUntil: Day | null;
  audienceSince: Day;
  pausedFrom: Day | null;
  pausedUntil: Day | null;
  exemptUntil: Day | null;
  trainings: RequirementTraining[];
  why: Explanation;
}

export interface RequirementsOfPerson {
  access: Access;
  today: Day;
  person: { id: string; firstName: string; lastName: string; status: string };
  counts: Record<RequirementStatus, number>;
  open: OpenRequirement[];
  closed: { id: string; ruleName: string; audienceSince: Day; closedOn: Day; reason: string | null; completedOn: Day | null }[];
  history: { id: string; at: Date; ruleName: string; message: ExplainLine }[];
  reminders: { id: string; kind: string; sentAt: Date; ruleName: string | null; dueOn: Day | null; subject: string | null }[];
  /** HR may manage exemptions of this person. */
  canManageExemptions: boolean;
}

/**
 * Everything about a person's mandatory trainings, with a handful of set-based queries (no
 * query per requirement). `today` is the Berlin day the statuses are computed for.
 */
export async function listRequirementsOfPerson(
  db: Db,
  actor: Actor,
  personId: string,
  { today = todayInBerlin(), now = new Date() }: { today?: Day; now?: Date } = {},
): Promise<RequirementsOfPerson> {
  return db.$transaction(async (tx) => {
    const { person, access } = await requireComplianceAccess(tx, actor, personId);
    const rows = await tx.complianceRequirement.findMany({
      where: { personId },
      select: {
        id: true,
        audienceSince: true,
        closedOn: true,
        closedReason: true,
        reasons: true,
        completionId: true,
        completedOn: true,
        validUntil: true,
        dueOn: true,
        dueSoonFrom: true,
        overdueFrom: true,
        pausedFrom: true,
        pausedUntil: true,
        exemptUntil: true,
        activeUntil: true,
        rule: {
          select: {
            id: true,
            name: true,
            legalBasis: true,
            description: true,
            archivedAt: true,
            firstDueMode: true,
            firstDueDays: true,
            firstDueDate: true,
            recurrence: true,
            intervalMonths: true,
            yearlyMonth: true,
            yearlyDay: true,
            dueSoonDays: true,
            graceDays: true,
            trainings: { select: { training: { select: { id: true, code: true, title: true, status: true } } } },
          },
        },
      },
    });
    const isOpen = (r: (typeof rows)[number]) => r.closedOn === null && (r.activeUntil === null || r.activeUntil >= today);
    const openRows = rows.filter(isOpen);
    const closedRows = rows.filter((r) => !isOpen(r));

    // Names for the explanations, the counting completions, sessions and enrolments: one query each.
    const reasons = new Map(openRows.map((r) => [r.id, parseReasons(r.reasons)]));
    const allReasons = [...reasons.values()].flat();
    const unitIds = [...new Set(allReasons.flatMap((r) => (r.kind === "unit" ? [r.unitId] : [])))];
    const positionIds = [...new Set(allReasons.flatMap((r) => (r.kind === "position" ? [r.positionId] : [])))];
    const roleProfileIds = [...new Set(allReasons.flatMap((r) => (r.kind === "roleProfile" ? [r.roleProfileId] : [])))];
    const completionIds = openRows.flatMap((r) => (r.completionId ? [r.completionId] : []));
    const trainingIds = [...new Set(openRows.flatMap((r) => r.rule.trainings.map((t) => t.training.id)))];
    const exempted = openRows.filter((r) => r.exemptUntil !== null && r.exemptUntil >= today).map((r) => r.rule.id);
    const seeExemptionReason = access === "own" || access === "any";
    const [units, positions, roleProfiles, completions, sessions, enrolments, exemptions] = await Promise.all([
      unitIds.length ? tx.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }) : [],
      positionIds.length ? tx.position.findMany({ where: { id: { in: positionIds } }, select: { id: true, title: true } }) : [],
      roleProfileIds.length ? tx.roleProfile.findMany({ where: { id: { in: roleProfileIds } }, select: { id: true, name: true } }) : [],
      completionIds.length ? tx.trainingCompletion.findMany({ where: { id: { in: completionIds } }, select: { id: true, training: { select: { title: true } } } }) : [],
      trainingIds.length
        ? tx.trainingSession.findMany({
            where: { trainingId: { in: trainingIds }, ...openSessionWhere(now, tx.trainingSession.fields), training: { status: "PUBLISHED" } },
            orderBy: [{ startsAt: "asc" }, { id: "asc" }],
            select: { id: true, trainingId: true, startsAt: true, endsAt: true, location: true, capacity: true, confirmedCount: true },
          })
        : [],
      trainingIds.length
        ? tx.enrolment.findMany({
            where: { personId, trainingId: { in: trainingIds }, status: { in: [...ACTIVE_ENROLMENT] }, session: { endsAt: { gt: now } } },
            orderBy: { session: { startsAt: "asc" } },
            select: { id: true, status: true, trainingId: true, sessionId: true, session: { select: { startsAt: true } } },
          })
        : [],
      seeExemptionReason && exempted.length
        ? tx.complianceExemption.findMany({
            where: { personId, ruleId: { in: exempted }, revokedAt: null },
            orderBy: { validUntil: "desc" },
            select: { ruleId: true, reason: true, validUntil: true },
          })
        : [],
    ]);
    const names = {
      units: new Map(units.map((u) => [u.id, u.name])),
      positions: new Map(positions.map((p) => [p.id, p.title])),
      roleProfiles: new Map(roleProfiles.map((p) => [p.id, p.name])),
    };
    const completedTraining = new Map(completions.map((c) => [c.id, c.training.title]));
    const nextSession = new Map<string, (typeof sessions)[number]>();
    for (const s of sessions) if (!nextSession.has(s.trainingId)) nextSession.set(s.trainingId, s);
    const enrolment = new Map<string, (typeof enrolments)[number]>();
    for (const e of enrolments) if (!enrolment.has(e.trainingId)) enrolment.set(e.trainingId, e);
    const exemptionReason = new Map<string, string>();
    for (const e of exemptions) if (!exemptionReason.has(e.ruleId)) exemptionReason.set(e.ruleId, e.reason);

    const entryOn = dayOf(person.entryDate);
    const counts = Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<RequirementStatus, number>;
    const open: OpenRequirement[] = openRows.map((r) => {
      const status = statusOn(r, today);
      counts[status]++;
      return {
        id: r.id,
        rule: { id: r.rule.id, name: r.rule.name, legalBasis: r.rule.legalBasis, description: r.rule.description },
        status,
        dueOn: r.dueOn,
        daysOverdue: status === "OVERDUE" || status === "EXPIRED" ? daysOverdue(r, today) : 0,
        completedOn: r.completedOn,
        validUntil: r.validUntil,
        audienceSince: r.audienceSince,
        pausedFrom: r.pausedFrom,
        pausedUntil: r.pausedUntil,
        exemptUntil: r.exemptUntil,
        trainings: r.rule.trainings
          .map(({ training: t }) => {
            const s = nextSession.get(t.id);
            const e = enrolment.get(t.id);
            return {
              id: t.id,
              code: t.code,
              title: t.title,
              published: t.status === "PUBLISHED",
              nextSession: s ? { id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, location: s.location, freeSeats: Math.max(0, s.capacity - s.confirmedCount) } : null,
              enrolment: e ? { id: e.id, status: e.status as (typeof ACTIVE_ENROLMENT)[number], sessionId: e.sessionId, startsAt: e.session.startsAt } : null,
            };
          })
          .sort((a, b) => a.title.localeCompare(b.title, "de")),
        why: explainRequirement(r.rule, { ...r, reasons: reasons.get(r.id) ?? [] }, {
          entryOn,
          today,
          names,
          completedTraining: r.completionId ? (completedTraining.get(r.completionId) ?? null) : null,
          exemptionReason: exemptionReason.get(r.rule.id) ?? null,
        }),
      };
    });
    // By due date (nothing due last), then by name: never by person or "worst first".
    open.sort((a, b) => (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999") || a.rule.name.localeCompare(b.rule.name, "de"));

    const ruleName = new Map(rows.map((r) => [r.id, r.rule.name]));
    const [events, reminders] = await Promise.all([
      rows.length
        ? tx.complianceRequirementEvent.findMany({
            where: { requirementId: { in: rows.map((r) => r.id) } },
            orderBy: [{ createdAt: "desc" }, { id: "asc" }],
            take: HISTORY_LIMIT,
            select: { id: true, requirementId: true, kind: true, detail: true, createdAt: true },
          })
        : [],
      tx.complianceReminder.findMany({
        // Leaders see the reminders about the person's own trainings, not those the person got as a leader or HR.
        where: { recipientPersonId: personId, ...(access === "team" ? { kind: { in: ["BEFORE_DUE", "ON_DUE", "MANUAL"] } } : {}) },
        orderBy: [{ sentAt: "desc" }, { id: "asc" }],
        take: REMINDER_LIMIT,
        select: { id: true, kind: true, sentAt: true, ruleId: true, dueOn: true, subjectPersonId: true },
      }),
    ]);
    const reminderRuleIds = [...new Set(reminders.flatMap((r) => (r.ruleId ? [r.ruleId] : [])))];
    const subjectIds = [...new Set(reminders.flatMap((r) => (r.subjectPersonId && r.subjectPersonId !== personId ? [r.subjectPersonId] : [])))];
    const [reminderRules, subjects] = await Promise.all([
      reminderRuleIds.length ? tx.complianceRule.findMany({ where: { id: { in: reminderRuleIds } }, select: { id: true, name: true } }) : [],
      subjectIds.length ? tx.person.findMany({ where: { id: { in: subjectIds } }, select: { id: true, firstName: true, lastName: true } }) : [],
    ]);
    const reminderRuleName = new Map(reminderRules.map((r) => [r.id, r.name]));
    const subjectName = new Map(subjects.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));

    if (access !== "own") {
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "compliance.read",
        entityType: "Person",
        entityId: person.id,
        affectedPersonId: person.id,
        summary: `Pflichtschulungen angesehen (Zugriff: ${access}, ${openRows.length} offen)`,
      });
    }

    return {
      access,
      today,
      person: { id: person.id, firstName: person.firstName, lastName: person.lastName, status: person.status },
      counts,
      open,
      closed: closedRows
        .map((r) => ({
          id: r.id,
          ruleName: r.rule.name,
          audienceSince: r.audienceSince,
          // A person who left has an open row with activeUntil in the past.
          closedOn: r.closedOn ?? r.activeUntil ?? today,
          reason: r.closedReason ?? (r.closedOn === null ? "LEFT_ORGANISATION" : null),
          completedOn: r.completedOn,
        }))
        .sort((a, b) => b.closedOn.localeCompare(a.closedOn) || a.ruleName.localeCompare(b.ruleName, "de")),
      history: events.map((e) => ({ id: e.id, at: e.createdAt, ruleName: ruleName.get(e.requirementId) ?? "–", message: explainEvent(e.kind, e.detail) })),
      reminders: reminders.map((r) => ({
        id: r.id,
        kind: r.kind,
        sentAt: r.sentAt,
        ruleName: r.ruleId ? (reminderRuleName.get(r.ruleId) ?? null) : null,
        dueOn: r.dueOn,
        subject: r.subjectPersonId ? (subjectName.get(r.subjectPersonId) ?? null) : null,
      })),
      canManageExemptions: hasPermission(actor.roles, "read:exemption:any"),
    };
  });
}

/** The start page's counts of the actor's own requirements (one grouped query). */
export async function countOwnRequirements(db: Db, actor: Actor, { today = todayInBerlin() }: { today?: Day } = {}) {
  if (!actor.personId || !hasPermission(actor.roles, "read:compliance:own")) return null;
  const rows = await db.complianceRequirement.findMany({
    where: { personId: actor.personId, closedOn: null, OR: [{ activeUntil: null }, { activeUntil: { gte: today } }] },
    select: { completedOn: true, validUntil: true, dueOn: true, dueSoonFrom: true, overdueFrom: true, pausedFrom: true, pausedUntil: true, exemptUntil: true },
  });
  const counts = Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<RequirementStatus, number>;
  for (const r of rows) counts[statusOn(r, today)]++;
  return { total: rows.length, counts };
}
