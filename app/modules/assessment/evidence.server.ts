// Evidence: a person uploads a certificate or document for a competency and the level it shows;
// their leader or HR development accepts it (then it is a level record with source EVIDENCE, see
// levels.ts) or rejects it with a reason. Never the person themselves. Files live in the file
// store outside public/ (docs/decisions/013); every read of another person's file is audited.
import { recordLevels } from "./level-records.server.ts";
import { z } from "zod";
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, pathInTeam, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { effectiveRequirements } from "~/modules/competency/profiles.server.ts";
import {
  checkDocument,
  deleteStoredFile,
  FileRejectedError,
  fileStore,
  readStoredFile,
  safeFileName,
  saveDocument,
  type FileStore,
  type UploadedFile,
} from "~/modules/files/file-store.server.ts";

export type EvidenceStatusValue = "PENDING" | "ACCEPTED" | "REJECTED";

export const TITLE_MAX = 200;
export const REASON_MAX = 1000;
/** The review queue shows at most this many items at once (oldest first). */
export const REVIEW_LIMIT = 200;

export const EvidenceFieldsSchema = z.object({
  competencyId: z.string({ error: "evidence.competencyRequired" }).trim().min(1, { error: "evidence.competencyRequired" }),
  level: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ error: "evidence.levelRequired" }).int({ error: "evidence.levelOutOfRange" }).min(1, { error: "evidence.levelOutOfRange" }),
  ),
  title: z
    .string({ error: "evidence.titleRequired" })
    .trim()
    .min(1, { error: "evidence.titleRequired" })
    .max(TITLE_MAX, { error: "evidence.titleTooLong" }),
});

const FILE_MESSAGES: Record<FileRejectedError["reason"], string> = {
  missing: "evidence.file.missing",
  tooLarge: "evidence.file.tooLarge",
  type: "evidence.file.type",
};

const DecisionNoteSchema = z.string().trim().max(REASON_MAX, { error: "evidence.noteTooLong" });
const ReasonSchema = z
  .string({ error: "evidence.reasonRequired" })
  .trim()
  .min(1, { error: "evidence.reasonRequired" })
  .max(REASON_MAX, { error: "evidence.noteTooLong" });

const competencySelect = {
  id: true,
  code: true,
  name: true,
  kind: true,
  lineageId: true,
  descriptors: { select: { ordinal: true, text: true } },
  framework: {
    select: { id: true, name: true, status: true, scale: { select: { levels: { orderBy: { ordinal: "asc" as const }, select: { ordinal: true, label: true, band: true } } } } },
  },
} as const;

/** A competency a person may claim: a competency (not a cluster) of a published framework. */
async function claimableCompetency(tx: Tx, competencyId: string) {
  const competency = await tx.competencyNode.findUnique({ where: { id: competencyId }, select: competencySelect });
  if (!competency || competency.kind !== "COMPETENCY" || competency.framework.status !== "PUBLISHED") return null;
  return competency;
}

function inScale(level: number, levels: readonly unknown[]) {
  return Number.isInteger(level) && level >= 1 && level <= levels.length;
}

/**
 * What the upload form offers: competencies of published frameworks with their scales, and which
 * of them the person's current position requires (listed first in the form).
 */
export async function listEvidenceCompetencies(db: Db, actor: Actor) {
  if (!actor.personId || !hasPermission(actor.roles, "create:evidence:own")) throw new AccessDeniedError();
  const now = new Date();
  const assignment = await db.positionAssignment.findFirst({
    where: { personId: actor.personId, startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] },
    orderBy: [{ isPrimary: "desc" }, { fte: "desc" }, { startDate: "desc" }],
    select: { position: { select: { profile: { select: { id: true } } } } },
  });
  const profileId = assignment?.position.profile?.id;
  const required = profileId ? (await effectiveRequirements(db, profileId)).rows.map((r) => r.competency.id) : [];
  const frameworks = await db.framework.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      scale: { select: { levels: { orderBy: { ordinal: "asc" }, select: { ordinal: true, label: true } } } },
      nodes: { where: { kind: "COMPETENCY" }, orderBy: [{ code: "asc" }], select: { id: true, code: true, name: true } },
    },
  });
  return { frameworks, requiredIds: required };
}

/**
 * A person uploads evidence for themselves. All fields are checked together (so the form shows
 * every message at once); the file is written only when everything is valid, and removed again
 * if the database write fails.
 */
export async function uploadEvidence(
  db: Db,
  actor: Actor,
  input: { personId?: string | null; competencyId?: unknown; level?: unknown; title?: unknown; file: UploadedFile },
  { store = fileStore() }: { store?: FileStore } = {},
) {
  if (!actor.personId || !hasPermission(actor.roles, "create:evidence:own")) throw new AccessDeniedError("Nachweise gibt es nur für Konten von Beschäftigten.");
  const personId = input.personId || actor.personId;
  if (personId !== actor.personId) throw new AccessDeniedError("Nachweise lädt nur die Person selbst hoch.");

  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  const parsed = EvidenceFieldsSchema.safeParse({ competencyId: input.competencyId, level: input.level, title: input.title });
  if (!parsed.success) for (const issue of parsed.error.issues) add(String(issue.path[0] ?? "form"), issue.message);

  let competency: Awaited<ReturnType<typeof claimableCompetency>> = null;
  const competencyId = typeof input.competencyId === "string" ? input.competencyId.trim() : "";
  if (competencyId) {
    competency = await claimableCompetency(db, competencyId);
    if (!competency) add("competencyId", "evidence.competencyUnknown");
  }
  if (competency && parsed.success && !inScale(parsed.data.level, competency.framework.scale.levels)) add("level", "evidence.levelOutOfRange");

  let checked: Awaited<ReturnType<typeof checkDocument>> | null = null;
  try {
    if (input.file.tooLarge) throw new FileRejectedError("tooLarge");
    checked = await checkDocument(store, input.file.bytes);
  } catch (error) {
    if (!(error instanceof FileRejectedError)) throw error;
    add("file", FILE_MESSAGES[error.reason]);
  }
  if (Object.keys(fieldErrors).length > 0 || !parsed.success || !competency || !checked) {
    throw new ValidationError("form.checkFields", fieldErrors);
  }

  const saved = await saveDocument(store, input.file.bytes);
  try {
    return await db.$transaction(async (tx) => {
      const evidence = await tx.evidence.create({
        data: {
          personId,
          competencyId: competency.id,
          level: parsed.data.level,
          title: parsed.data.title,
          fileName: safeFileName(input.file.name, saved.ext),
          mimeType: saved.mime,
          sizeBytes: saved.sizeBytes,
          storageKey: saved.key,
        },
      });
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "evidence.upload",
        entityType: "Evidence",
        entityId: evidence.id,
        affectedPersonId: personId,
        summary: `${competency.code} ${competency.name}, Stufe ${parsed.data.level}, ${saved.mime}, ${saved.sizeBytes} Bytes`,
      });
      return evidence;
    });
  } catch (error) {
    await deleteStoredFile(store, saved.key);
    throw error;
  }
}

/** Names of the accounts that decided, for "entschieden von". */
async function deciders(db: Db | Tx, userIds: (string | null)[]) {
  const ids = [...new Set(userIds.filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map<string, string>();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, person: { select: { firstName: true, lastName: true } } } });
  return new Map(users.map((u) => [u.id, u.person ? `${u.person.firstName} ${u.person.lastName}` : u.email]));
}

/** The actor's own evidence, newest first, with the decision (who, when, why). */
export async function listOwnEvidence(db: Db, actor: Actor) {
  if (!actor.personId || !hasPermission(actor.roles, "read:evidence:own")) throw new AccessDeniedError();
  const items = await db.evidence.findMany({
    where: { personId: actor.personId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      level: true,
      status: true,
      fileName: true,
      mimeType: true,
      sizeBytes: true,
      createdAt: true,
      decidedAt: true,
      decidedById: true,
      decisionNote: true,
      competency: { select: { id: true, code: true, name: true, framework: { select: { name: true, scale: { select: { levels: { orderBy: { ordinal: "asc" }, select: { ordinal: true, label: true, band: true } } } } } } } },
    },
  });
  const names = await deciders(db, items.map((i) => i.decidedById));
  // The level that was recorded on acceptance (may differ from the claimed one).
  const accepted = items.filter((i) => i.status === "ACCEPTED").map((i) => i.id);
  const records = accepted.length
    ? await db.competencyLevelRecord.findMany({ where: { evidenceId: { in: accepted } }, select: { evidenceId: true, level: true } })
    : [];
  const recordedLevel = new Map(records.map((r) => [r.evidenceId!, r.level]));
  return items.map(({ decidedById, ...item }) => ({
    ...item,
    status: item.status as EvidenceStatusValue,
    decidedBy: decidedById ? (names.get(decidedById) ?? null) : null,
    acceptedLevel: recordedLevel.get(item.id) ?? null,
  }));
}

/**
 * May the actor decide on this person's evidence? HR development for everyone, a leader for
 * their team; never for their own evidence.
 */
function decisionAccess(actor: Actor, person: { id: string; orgUnit: { path: string } | null }): Access {
  if (person.id === actor.personId) throw new AccessDeniedError("Über eigene Nachweise entscheidet die Führungskraft oder die Personalentwicklung.");
  if (hasPermission(actor.roles, "update:evidence:any")) return "any";
  if (hasPermission(actor.roles, "update:evidence:team") && pathInTeam(actor, person.orgUnit?.path)) return "team";
  throw new AccessDeniedError("Sie dürfen über Nachweise dieser Person nicht entscheiden.");
}

/** May the actor read (download) this person's evidence? own, team (leader) or any (HR). */
function readAccess(actor: Actor, person: { id: string; orgUnit: { path: string } | null }): Access {
  if (person.id === actor.personId && hasPermission(actor.roles, "read:evidence:own")) return "own";
  if (hasPermission(actor.roles, "read:evidence:any")) return "any";
  if (hasPermission(actor.roles, "read:evidence:team") && pathInTeam(actor, person.orgUnit?.path)) return "team";
  throw new AccessDeniedError("Sie dürfen die Nachweise dieser Person nicht sehen.");
}

/**
 * Pending evidence the actor decides on: HR development sees all, a leader their team's; never
 * the actor's own. Oldest first (a queue, not a ranking). The read is audited like the team view.
 */
export async function listEvidenceForReview(db: Db, actor: Actor) {
  const any = hasPermission(actor.roles, "update:evidence:any");
  if (!any && (!hasPermission(actor.roles, "update:evidence:team") || actor.ledUnitPaths.length === 0)) {
    throw new AccessDeniedError("Nachweise prüfen Führungskräfte (für ihr Team) und die Personalentwicklung.");
  }
  const where = {
    status: "PENDING" as const,
    ...(actor.personId ? { personId: { not: actor.personId } } : {}),
    ...(any ? {} : { person: { orgUnit: { OR: actor.ledUnitPaths.map((p) => ({ path: { startsWith: p } })) } } }),
  };
  return db.$transaction(async (tx) => {
    const [total, items] = await Promise.all([
      tx.evidence.count({ where }),
      tx.evidence.findMany({
        where,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: REVIEW_LIMIT,
        select: {
          id: true,
          title: true,
          level: true,
          fileName: true,
          mimeType: true,
          sizeBytes: true,
          createdAt: true,
          person: { select: { id: true, firstName: true, lastName: true, orgUnit: { select: { code: true, name: true } } } },
          competency: { select: competencySelect },
        },
      }),
    ]);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "evidence.review-read",
      entityType: "Evidence",
      summary: `Nachweise prüfen (Zugriff: ${any ? "any" : "team"}), ${items.length} offene Nachweise`,
    });
    return { access: (any ? "any" : "team") as Access, total, items };
  });
}

async function evidenceForDecision(tx: Tx, actor: Actor, evidenceId: string) {
  const evidence = await tx.evidence.findUnique({
    where: { id: evidenceId },
    select: {
      id: true,
      personId: true,
      title: true,
      level: true,
      status: true,
      competency: { select: { id: true, code: true, lineageId: true, framework: { select: { scale: { select: { levels: { select: { ordinal: true } } } } } } } },
      person: { select: { id: true, firstName: true, lastName: true, orgUnit: { select: { path: true } } } },
    },
  });
  if (!evidence) throw new NotFoundError("Nachweis nicht gefunden");
  const access = decisionAccess(actor, evidence.person);
  if (evidence.status !== "PENDING") throw new ValidationError("evidence.alreadyDecided");
  return { evidence, access };
}

/** Marks the evidence decided, only if it is still pending (two reviewers at once: one wins). */
async function decide(tx: Tx, actor: Actor, evidenceId: string, status: "ACCEPTED" | "REJECTED", note: string, at: Date) {
  const { count } = await tx.evidence.updateMany({
    where: { id: evidenceId, status: "PENDING" },
    data: { status, decidedById: actor.userId, decidedAt: at, decisionNote: note },
  });
  if (count !== 1) throw new ValidationError("evidence.alreadyDecided");
}

/**
 * Accepts evidence at the claimed level or a different one within the scale. In the same
 * transaction: the decision, a level record (source EVIDENCE) and the audit event.
 */
export async function acceptEvidence(db: Db, actor: Actor, input: { evidenceId: string; level?: number | null; note?: string | null }) {
  return db.$transaction(async (tx) => {
    const { evidence, access } = await evidenceForDecision(tx, actor, input.evidenceId);
    const level = input.level ?? evidence.level;
    if (!inScale(level, evidence.competency.framework.scale.levels)) throw new ValidationError("evidence.levelOutOfRange", { level: ["evidence.levelOutOfRange"] });
    const note = DecisionNoteSchema.safeParse(input.note ?? "");
    if (!note.success) throw new ValidationError("form.checkFields", { note: ["evidence.noteTooLong"] });
    const now = new Date();
    await decide(tx, actor, evidence.id, "ACCEPTED", note.data, now);
    const [record] = await recordLevels(tx, [
      {
        personId: evidence.personId,
        competencyId: evidence.competency.id,
        lineageId: evidence.competency.lineageId,
        level,
        source: "EVIDENCE",
        recordedAt: now,
        recordedById: actor.userId,
        evidenceId: evidence.id,
        note: `Nachweis: ${evidence.title}`.slice(0, 500),
      },
    ]);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "evidence.accept",
      entityType: "Evidence",
      entityId: evidence.id,
      affectedPersonId: evidence.personId,
      summary: `${evidence.competency.code}: Stufe ${level} anerkannt (beansprucht ${evidence.level}, Zugriff: ${access})`,
    });
    return { level, record, person: { firstName: evidence.person.firstName, lastName: evidence.person.lastName } };
  });
}

/** Rejects evidence; the reason is required and shown to the person. */
export async function rejectEvidence(db: Db, actor: Actor, input: { evidenceId: string; reason?: string | null }) {
  return db.$transaction(async (tx) => {
    const { evidence, access } = await evidenceForDecision(tx, actor, input.evidenceId);
    const reason = ReasonSchema.safeParse(input.reason ?? "");
    if (!reason.success) throw new ValidationError("form.checkFields", { reason: [reason.error.issues[0]!.message] });
    await decide(tx, actor, evidence.id, "REJECTED", reason.data, new Date());
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "evidence.reject",
      entityType: "Evidence",
      entityId: evidence.id,
      affectedPersonId: evidence.personId,
      summary: `${evidence.competency.code}: abgelehnt (Zugriff: ${access})`,
    });
    return { person: { firstName: evidence.person.firstName, lastName: evidence.person.lastName } };
  });
}

/** The person withdraws their own pending evidence; the file is removed once the row is gone. */
export async function deleteOwnEvidence(db: Db, actor: Actor, evidenceId: string, { store = fileStore() }: { store?: FileStore } = {}) {
  const storageKey = await db.$transaction(async (tx) => {
    const evidence = await tx.evidence.findUnique({ where: { id: evidenceId }, select: { id: true, personId: true, status: true, storageKey: true, title: true } });
    if (!evidence) throw new NotFoundError("Nachweis nicht gefunden");
    if (evidence.personId !== actor.personId || !hasPermission(actor.roles, "delete:evidence:own")) {
      throw new AccessDeniedError("Nur die Person selbst zieht ihre Nachweise zurück.");
    }
    if (evidence.status !== "PENDING") throw new ValidationError("evidence.onlyPendingDeletable");
    await tx.evidence.delete({ where: { id: evidence.id } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "evidence.delete", entityType: "Evidence", entityId: evidence.id, affectedPersonId: evidence.personId, summary: evidence.title });
    return evidence.storageKey;
  });
  await deleteStoredFile(store, storageKey);
}

/**
 * The stored file for a download, if the actor may read it: the person, their leader, HR. A read
 * by anyone but the person is written to the audit log (in the same transaction as the read).
 */
export async function getEvidenceFile(db: Db, actor: Actor, evidenceId: string, { store = fileStore() }: { store?: FileStore } = {}) {
  return db.$transaction(async (tx) => {
    const evidence = await tx.evidence.findUnique({
      where: { id: evidenceId },
      select: { id: true, personId: true, fileName: true, mimeType: true, storageKey: true, person: { select: { id: true, orgUnit: { select: { path: true } } } } },
    });
    if (!evidence) throw new NotFoundError("Nachweis nicht gefunden");
    const access = readAccess(actor, evidence.person);
    const bytes = await readStoredFile(store, evidence.storageKey);
    if (!bytes) throw new NotFoundError("Die Datei zu diesem Nachweis fehlt.");
    if (access !== "own") {
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "evidence.download",
        entityType: "Evidence",
        entityId: evidence.id,
        affectedPersonId: evidence.personId,
        summary: `Datei ${evidence.fileName} geöffnet (Zugriff: ${access})`,
      });
    }
    return { fileName: evidence.fileName, mimeType: evidence.mimeType, bytes, access };
  });
}
