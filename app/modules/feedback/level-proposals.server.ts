// After answering a transfer check, a person may propose an updated level of the training's
// target competencies to their leader (issue 8, "not automatic"). This is separate from the
// anonymous answer and deliberately not anonymous: the leader decides about this person's level.
// Leaders decide for people in their units, HR development for everyone; nobody for themselves.
// An accepted proposal is written through recordLevels (source LEADER), the one writer of levels.
import type { Db, Tx } from "~/utils/db.server.ts";
import { z } from "zod";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { hasPermission, pathInTeam, type Actor } from "~/modules/auth/permissions.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { notify } from "~/modules/notifications/notify.server.ts";
import { recordLevels } from "~/modules/assessment/level-records.server.ts";
import { nearestLeaders } from "./requests.server.ts";
import { targetCompetencies, type FeedbackInput } from "./responses.server.ts";

export const levelField = (lineageId: string) => `level-${lineageId}`;
const NOTE_MAX = 1000;

const first = (values: string[] | undefined) => (values ?? []).find((v) => v.trim() !== "")?.trim() ?? "";

/** The actor's answered transfer check of this id (others: not found). */
async function answeredTransferCheck(tx: Tx, actor: Actor, requestId: string) {
  const request = await tx.feedbackRequest.findUnique({ where: { id: requestId }, select: { id: true, personId: true, kind: true, status: true, trainingId: true, training: { select: { id: true, title: true } } } });
  if (!request || !actor.personId || request.personId !== actor.personId) throw new NotFoundError("Feedback-Anfrage nicht gefunden");
  return request;
}

/**
 * What the proposal form offers after an answered transfer check of the participant: the
 * training's target competencies with the person's current level and any pending proposal.
 * Null when there is nothing to propose (other kinds, not answered, no target competencies).
 */
export async function getProposalForm(db: Db, actor: Actor, requestId: string) {
  return db.$transaction(async (tx) => {
    const request = await answeredTransferCheck(tx, actor, requestId);
    if (request.kind !== "TRANSFER_PARTICIPANT" || request.status !== "ANSWERED") return null;
    const competencies = await targetCompetencies(tx, request.trainingId);
    if (competencies.length === 0) return null;
    const lineageIds = competencies.map((c) => c.lineageId);
    const [current, pending] = await Promise.all([
      tx.currentCompetencyLevel.findMany({ where: { personId: actor.personId!, lineageId: { in: lineageIds } }, select: { lineageId: true, level: true } }),
      tx.levelUpdateProposal.findMany({ where: { personId: actor.personId!, lineageId: { in: lineageIds }, status: "PENDING" }, select: { lineageId: true, proposedLevel: true } }),
    ]);
    const currentOf = new Map(current.map((c) => [c.lineageId, c.level]));
    const pendingOf = new Map(pending.map((p) => [p.lineageId, p.proposedLevel]));
    return {
      training: request.training,
      competencies: competencies.map((c) => ({ ...c, current: currentOf.get(c.lineageId) ?? null, pending: pendingOf.get(c.lineageId) ?? null })),
    };
  });
}

/** Proposes levels to the nearest leader (notification); returns how many proposals were made. */
export async function proposeLevels(db: Db, actor: Actor, requestId: string, input: FeedbackInput, { now = new Date() }: { now?: Date } = {}) {
  const form = await getProposalForm(db, actor, requestId);
  if (!form) throw new ValidationError("Für diese Anfrage können Sie keine Stufe vorschlagen.");
  const fieldErrors: Record<string, string[]> = {};
  const chosen: { competencyId: string; lineageId: string; name: string; level: number }[] = [];
  for (const c of form.competencies) {
    const raw = first(input[levelField(c.lineageId)]);
    if (raw === "") continue;
    const level = Number(raw);
    if (!/^\d+$/.test(raw) || !c.levels.some((l) => l.ordinal === level)) fieldErrors[levelField(c.lineageId)] = ["Bitte wählen Sie eine Stufe der Skala."];
    else if (c.pending !== null) fieldErrors[levelField(c.lineageId)] = ["Für diese Kompetenz liegt schon ein offener Vorschlag vor."];
    else chosen.push({ competencyId: c.competencyId, lineageId: c.lineageId, name: c.name, level });
  }
  const note = z.string().trim().max(NOTE_MAX).safeParse(first(input.note));
  if (!note.success) fieldErrors.note = [`Bitte fassen Sie sich kürzer (höchstens ${NOTE_MAX} Zeichen).`];
  if (Object.keys(fieldErrors).length) throw new ValidationError("Bitte prüfen Sie Ihre Angaben.", fieldErrors);
  if (chosen.length === 0) throw new ValidationError("Bitte wählen Sie für mindestens eine Kompetenz eine Stufe.", { form: ["Bitte wählen Sie für mindestens eine Kompetenz eine Stufe."] });
  const personId = actor.personId!;
  return db.$transaction(async (tx) => {
    // Guard against a double submit: pending proposals are unique per person and competency.
    const already = await tx.levelUpdateProposal.count({ where: { personId, lineageId: { in: chosen.map((c) => c.lineageId) }, status: "PENDING" } });
    if (already > 0) throw new ValidationError("Für diese Kompetenz liegt schon ein offener Vorschlag vor.");
    await tx.levelUpdateProposal.createMany({
      data: chosen.map((c) => ({ personId, competencyId: c.competencyId, lineageId: c.lineageId, proposedLevel: c.level, trainingId: form.training.id, note: note.success ? note.data : "", createdAt: now })),
    });
    const leaderId = (await nearestLeaders(tx, [personId])).get(personId)?.leaderId ?? null;
    const me = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { firstName: true, lastName: true } });
    if (leaderId) {
      await notify(
        tx,
        chosen.map((c) => ({
          personId: leaderId,
          kind: "feedback.levelProposal" as const,
          params: { person: `${me.firstName} ${me.lastName}`, training: form.training.title, competency: c.name, level: c.level },
          link: "/feedback/stufenvorschlaege",
        })),
      );
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: "levelproposal.created", entityType: "Person", entityId: personId, affectedPersonId: personId, summary: `Stufenvorschlag: ${chosen.map((c) => `${c.name} → ${c.level}`).join(", ")}` });
    return { count: chosen.length, leaderNotified: !!leaderId };
  });
}

const proposalSelect = {
  id: true,
  personId: true,
  competencyId: true,
  lineageId: true,
  proposedLevel: true,
  trainingId: true,
  note: true,
  status: true,
  decidedAt: true,
  decisionNote: true,
  createdAt: true,
  person: { select: { firstName: true, lastName: true, orgUnit: { select: { code: true, name: true, path: true } } } },
} as const;

/** Whom the actor decides for: "any" (HR development) or "team" (leaders, their units only). */
function scopeOf(actor: Actor): "any" | "team" {
  if (hasPermission(actor.roles, "update:levelproposal:any")) return "any";
  if (hasPermission(actor.roles, "update:levelproposal:team")) return "team";
  throw new AccessDeniedError("Sie dürfen über Stufenvorschläge nicht entscheiden.");
}

/** Open proposals the actor may decide (never their own), and recently decided ones. */
export async function listLevelProposals(db: Db, actor: Actor) {
  const scope = scopeOf(actor);
  if (scope === "team" && actor.ledUnitPaths.length === 0) return { scope, open: [], decided: [] };
  const where = {
    ...(actor.personId ? { personId: { not: actor.personId } } : {}),
    ...(scope === "team" ? { person: { orgUnit: { OR: actor.ledUnitPaths.map((p) => ({ path: { startsWith: p } })) } } } : {}),
  };
  const [open, decided] = await Promise.all([
    db.levelUpdateProposal.findMany({ where: { ...where, status: "PENDING" }, select: proposalSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 200 }),
    db.levelUpdateProposal.findMany({ where: { ...where, status: { in: ["ACCEPTED", "DECLINED"] } }, select: proposalSelect, orderBy: [{ decidedAt: "desc" }, { id: "asc" }], take: 20 }),
  ]);
  const all = [...open, ...decided];
  const [competencies, trainings, current] = await Promise.all([
    db.competencyNode.findMany({ where: { id: { in: [...new Set(all.map((p) => p.competencyId))] } }, select: { id: true, code: true, name: true, framework: { select: { scale: { select: { levels: { select: { ordinal: true, label: true }, orderBy: { ordinal: "asc" } } } } } } } }),
    db.training.findMany({ where: { id: { in: [...new Set(all.map((p) => p.trainingId))] } }, select: { id: true, title: true } }),
    open.length
      ? db.currentCompetencyLevel.findMany({ where: { OR: open.map((p) => ({ personId: p.personId, lineageId: p.lineageId })) }, select: { personId: true, lineageId: true, level: true } })
      : Promise.resolve([]),
  ]);
  const competencyOf = new Map(competencies.map((c) => [c.id, { code: c.code, name: c.name, levels: c.framework.scale.levels }]));
  const trainingOf = new Map(trainings.map((t) => [t.id, t.title]));
  const currentOf = new Map(current.map((c) => [`${c.personId}|${c.lineageId}`, c.level]));
  const shape = (p: (typeof all)[number]) => {
    const competency = competencyOf.get(p.competencyId) ?? { code: "", name: "", levels: [] };
    const levelLabel = (level: number | null) => (level === null ? null : (competency.levels.find((l) => l.ordinal === level)?.label ?? String(level)));
    const currentLevel = currentOf.get(`${p.personId}|${p.lineageId}`) ?? null;
    return {
      id: p.id,
      person: `${p.person.firstName} ${p.person.lastName}`,
      unit: p.person.orgUnit ? `${p.person.orgUnit.code} ${p.person.orgUnit.name}` : "",
      competency: { code: competency.code, name: competency.name },
      training: trainingOf.get(p.trainingId) ?? "",
      proposedLevel: p.proposedLevel,
      proposedLabel: levelLabel(p.proposedLevel),
      currentLevel,
      currentLabel: levelLabel(currentLevel),
      note: p.note,
      status: p.status,
      decidedAt: p.decidedAt,
      decisionNote: p.decisionNote,
      createdAt: p.createdAt,
    };
  };
  return { scope, open: open.map(shape), decided: decided.map(shape) };
}

const DecisionSchema = z
  .object({
    proposalId: z.string().trim().min(1),
    decision: z.enum(["accept", "decline"], { message: "Bitte nehmen Sie den Vorschlag an oder lehnen Sie ihn ab." }),
    note: z.string().trim().max(NOTE_MAX, { message: `Bitte fassen Sie sich kürzer (höchstens ${NOTE_MAX} Zeichen).` }).default(""),
  })
  .refine((v) => v.decision === "accept" || v.note !== "", { path: ["note"], message: "Bitte begründen Sie die Ablehnung." });

const DECISION_WORDS = { de: { accept: "angenommen", decline: "abgelehnt" }, en: { accept: "accepted", decline: "declined" } } as const;

/** Accepts (writes the level, source LEADER) or declines (with a note) a proposal; tells the person. */
export async function decideLevelProposal(db: Db, actor: Actor, input: { proposalId: unknown; decision: unknown; note: unknown }, { now = new Date() }: { now?: Date } = {}) {
  const scope = scopeOf(actor);
  const parsed = DecisionSchema.safeParse({ proposalId: input.proposalId ?? "", decision: input.decision ?? "", note: input.note ?? "" });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new ValidationError("Bitte prüfen Sie Ihre Angaben.", fieldErrors);
  }
  const { proposalId, decision, note } = parsed.data;
  return db.$transaction(async (tx) => {
    const proposal = await tx.levelUpdateProposal.findUnique({ where: { id: proposalId }, select: proposalSelect });
    if (!proposal) throw new NotFoundError("Stufenvorschlag nicht gefunden");
    if (proposal.personId === actor.personId) throw new AccessDeniedError("Über Ihre eigenen Vorschläge entscheidet Ihre Führungskraft.");
    if (scope === "team" && !pathInTeam(actor, proposal.person.orgUnit?.path)) throw new AccessDeniedError("Diese Person gehört nicht zu Ihrem Bereich.");
    const status = decision === "accept" ? "ACCEPTED" : "DECLINED";
    const moved = await tx.levelUpdateProposal.updateMany({ where: { id: proposalId, status: "PENDING" }, data: { status, decidedById: actor.userId, decidedAt: now, decisionNote: note } });
    if (moved.count !== 1) throw new ValidationError("Über diesen Vorschlag wurde schon entschieden.");
    if (decision === "accept") {
      await recordLevels(tx, [
        { personId: proposal.personId, competencyId: proposal.competencyId, lineageId: proposal.lineageId, level: proposal.proposedLevel, source: "LEADER", recordedAt: now, recordedById: actor.userId, note: note || "Stufenvorschlag nach Transfer-Check angenommen" },
      ]);
    }
    const competency = await tx.competencyNode.findUnique({ where: { id: proposal.competencyId }, select: { name: true } });
    // The notification text is rendered in the reader's language; the decision word is a parameter.
    const english = (await tx.user.findFirst({ where: { personId: proposal.personId }, select: { locale: true } }))?.locale === "en";
    await notify(tx, {
      personId: proposal.personId,
      kind: "feedback.levelProposalDecided",
      params: { competency: competency?.name ?? "", level: proposal.proposedLevel, decision: DECISION_WORDS[english ? "en" : "de"][decision] },
      link: "/kompetenzen",
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: decision === "accept" ? "levelproposal.accepted" : "levelproposal.declined",
      entityType: "LevelUpdateProposal",
      entityId: proposal.id,
      affectedPersonId: proposal.personId,
      summary: `${competency?.name ?? ""} → Stufe ${proposal.proposedLevel}${note ? `: ${note}` : ""}`,
    });
    return { decision, person: `${proposal.person.firstName} ${proposal.person.lastName}`, competency: competency?.name ?? "" };
  });
}
