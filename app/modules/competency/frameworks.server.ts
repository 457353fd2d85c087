// Frameworks, their versions and their node trees (Moodle's core_competency\api in spirit):
// every write checks the actor, runs in one transaction and writes an audit event.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { buildTree, diffVersions, flatten, type FlatNode } from "./tree.ts";

export function requireEditor(actor: Actor) {
  if (!hasPermission(actor.roles, "update:competency:any")) throw new AccessDeniedError("Nur die Personalentwicklung pflegt Kompetenzmodelle.");
}

export interface NewNode {
  /** Reference used only within this input (e.g. Moodle's id number). */
  ref: string;
  parentRef: string | null;
  kind: "CLUSTER" | "COMPETENCY";
  code: string;
  name: string;
  description?: string;
  indicators?: string;
  sortOrder?: number;
  descriptors?: { ordinal: number; text: string }[];
  relatedRefs?: string[];
}

export interface NewFramework {
  key: string;
  name: string;
  description?: string;
  source?: string;
  licence?: string;
  attribution?: string;
  status?: "DRAFT" | "PUBLISHED";
  scaleId: string;
  responsiblePersonId?: string | null;
  nextReviewAt?: Date | null;
  nodes: NewNode[];
}

/**
 * Writes a whole framework version with its tree inside the caller's transaction (imports,
 * seeds). Node references must be unique and parents must exist; the caller validates first.
 */
export async function insertFramework(tx: Tx, actorUserId: string | null, input: NewFramework) {
  const latest = await tx.framework.findFirst({ where: { key: input.key }, orderBy: { version: "desc" }, select: { version: true } });
  const now = new Date();
  const framework = await tx.framework.create({
    data: {
      key: input.key,
      version: (latest?.version ?? 0) + 1,
      status: input.status ?? "DRAFT",
      name: input.name,
      description: input.description ?? "",
      source: input.source ?? "",
      licence: input.licence ?? "",
      attribution: input.attribution ?? "",
      scaleId: input.scaleId,
      responsiblePersonId: input.responsiblePersonId ?? null,
      nextReviewAt: input.nextReviewAt ?? null,
      publishedAt: input.status === "PUBLISHED" ? now : null,
    },
  });
  const idByRef = new Map(input.nodes.map((n) => [n.ref, randomUUID()]));
  const siblingsSeen = new Map<string, number>();
  await tx.competencyNode.createMany({
    data: input.nodes.map((n) => {
      const parentKey = n.parentRef ?? "";
      const order = n.sortOrder ?? siblingsSeen.get(parentKey) ?? 0;
      siblingsSeen.set(parentKey, order + 1);
      return {
        id: idByRef.get(n.ref)!,
        frameworkId: framework.id,
        parentId: n.parentRef ? idByRef.get(n.parentRef)! : null,
        kind: n.kind,
        code: n.code,
        name: n.name,
        description: n.description ?? "",
        indicators: n.indicators ?? "",
        sortOrder: order,
        lineageId: randomUUID(),
      };
    }),
  });
  const descriptors = input.nodes.flatMap((n) => (n.descriptors ?? []).filter((d) => d.text.trim()).map((d) => ({ nodeId: idByRef.get(n.ref)!, ordinal: d.ordinal, text: d.text.trim() })));
  if (descriptors.length) await tx.levelDescriptor.createMany({ data: descriptors });
  const relations = new Set<string>();
  for (const n of input.nodes) {
    for (const ref of n.relatedRefs ?? []) {
      const a = idByRef.get(n.ref)!;
      const b = idByRef.get(ref);
      if (!b || a === b) continue;
      relations.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
  }
  if (relations.size) {
    await tx.competencyRelation.createMany({ data: [...relations].map((r) => ({ fromId: r.split("|")[0]!, toId: r.split("|")[1]! })) });
  }
  await recordAudit(tx, {
    actorUserId,
    action: "framework.create",
    entityType: "Framework",
    entityId: framework.id,
    summary: `${input.name} v${framework.version} (${input.nodes.length} Knoten, ${framework.status})`,
  });
  return framework;
}

/** Loads one version with its nodes as flat rows (descriptors and relations included). */
export async function loadNodes(tx: Tx, frameworkId: string): Promise<FlatNode[]> {
  const nodes = await tx.competencyNode.findMany({
    where: { frameworkId },
    include: { descriptors: true, relatedTo: { select: { toId: true } }, relatedFrom: { select: { fromId: true } } },
  });
  return nodes.map((n) => ({
    id: n.id,
    parentId: n.parentId,
    kind: n.kind,
    code: n.code,
    name: n.name,
    description: n.description,
    indicators: n.indicators,
    sortOrder: n.sortOrder,
    lineageId: n.lineageId,
    descriptors: n.descriptors.map((d) => ({ ordinal: d.ordinal, text: d.text })),
    related: [...n.relatedTo.map((r) => r.toId), ...n.relatedFrom.map((r) => r.fromId)],
  }));
}

/** Frameworks the actor may see: published ones for everybody; drafts and archive for HR. */
export async function listFrameworks(db: Db, actor: Actor) {
  const editor = hasPermission(actor.roles, "update:competency:any");
  const frameworks = await db.framework.findMany({
    where: editor ? {} : { status: "PUBLISHED" },
    orderBy: [{ name: "asc" }, { version: "desc" }],
    include: { scale: { select: { name: true } }, _count: { select: { nodes: true } }, responsible: { select: { firstName: true, lastName: true } } },
  });
  const competencyCounts = await db.competencyNode.groupBy({
    by: ["frameworkId"],
    where: { kind: "COMPETENCY", frameworkId: { in: frameworks.map((f) => f.id) } },
    _count: { _all: true },
  });
  const counts = new Map(competencyCounts.map((c) => [c.frameworkId, c._count._all]));
  return frameworks.map((f) => ({ ...f, competencyCount: counts.get(f.id) ?? 0 }));
}

export async function getFramework(db: Db, actor: Actor, frameworkId: string) {
  const framework = await db.framework.findUnique({
    where: { id: frameworkId },
    include: {
      scale: { include: { levels: { orderBy: { ordinal: "asc" } } } },
      responsible: { select: { id: true, firstName: true, lastName: true } },
    },
  });
  if (!framework) throw new NotFoundError("Kompetenzmodell nicht gefunden");
  if (framework.status !== "PUBLISHED" && !hasPermission(actor.roles, "update:competency:any")) {
    throw new NotFoundError("Kompetenzmodell nicht gefunden");
  }
  const nodes = await loadNodes(db, framework.id);
  const tree = buildTree(nodes);
  const versions = await db.framework.findMany({
    where: { key: framework.key },
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, publishedAt: true, archivedAt: true },
  });
  const reviews = await db.reviewRecord.findMany({
    where: { entityType: "Framework", entityId: framework.key },
    orderBy: { reviewedAt: "desc" },
    include: { reviewedBy: { select: { email: true } } },
    take: 20,
  });
  return { framework, tree, ordered: flatten(tree), versions, reviews };
}

async function requireDraft(tx: Tx, frameworkId: string) {
  const framework = await tx.framework.findUnique({ where: { id: frameworkId } });
  if (!framework) throw new NotFoundError("Kompetenzmodell nicht gefunden");
  if (framework.status !== "DRAFT") {
    throw new ValidationError("competency.onlyDraftEditable");
  }
  return framework;
}

export async function createFramework(db: Db, actor: Actor, input: { key: string; name: string; description: string; source: string; licence: string; attribution: string; scaleId: string; nextReviewAt: Date | null; responsiblePersonId: string | null }) {
  requireEditor(actor);
  return db.$transaction(async (tx) => {
    if (await tx.framework.findFirst({ where: { key: input.key } })) {
      throw new ValidationError("validation.keyTaken", { key: ["validation.keyTaken"] });
    }
    if (!(await tx.proficiencyScale.findUnique({ where: { id: input.scaleId } }))) throw new ValidationError("validation.scaleRequired");
    return insertFramework(tx, actor.userId, { ...input, nodes: [] });
  });
}

export async function updateFrameworkMeta(
  db: Db,
  actor: Actor,
  frameworkId: string,
  input: { name: string; description: string; source: string; licence: string; attribution: string; nextReviewAt: Date | null; responsiblePersonId: string | null },
) {
  requireEditor(actor);
  await db.$transaction(async (tx) => {
    const framework = await tx.framework.findUnique({ where: { id: frameworkId } });
    if (!framework) throw new NotFoundError();
    if (framework.status === "ARCHIVED") throw new ValidationError("competency.archivedReadOnly");
    // Review date and responsible person may change on a published version; content may not.
    const contentChanged =
      framework.name !== input.name || framework.description !== input.description || framework.source !== input.source || framework.licence !== input.licence || framework.attribution !== input.attribution;
    if (framework.status === "PUBLISHED" && contentChanged) throw new ValidationError("competency.onlyDraftEditable");
    await tx.framework.update({ where: { id: frameworkId }, data: input });
    await recordAudit(tx, { actorUserId: actor.userId, action: "framework.update", entityType: "Framework", entityId: frameworkId, summary: input.name });
  });
}

export async function addNode(
  db: Db,
  actor: Actor,
  frameworkId: string,
  input: { parentId: string | null; kind: "CLUSTER" | "COMPETENCY"; code: string; name: string; description: string; indicators: string },
) {
  requireEditor(actor);
  return db.$transaction(async (tx) => {
    await requireDraft(tx, frameworkId);
    if (input.parentId) {
      const parent = await tx.competencyNode.findUnique({ where: { id: input.parentId } });
      if (!parent || parent.frameworkId !== frameworkId) throw new ValidationError("competency.parentInvalid");
    }
    if (await tx.competencyNode.findUnique({ where: { frameworkId_code: { frameworkId, code: input.code } } })) {
      throw new ValidationError("validation.codeTaken", { code: ["validation.codeTaken"] });
    }
    const last = await tx.competencyNode.findFirst({ where: { frameworkId, parentId: input.parentId }, orderBy: { sortOrder: "desc" }, select: { sortOrder: true } });
    const node = await tx.competencyNode.create({
      data: { ...input, frameworkId, sortOrder: (last?.sortOrder ?? -1) + 1, lineageId: randomUUID() },
    });
    await recordAudit(tx, { actorUserId: actor.userId, action: "framework.node-add", entityType: "CompetencyNode", entityId: node.id, summary: `${input.code} ${input.name}` });
    return node;
  });
}

export async function updateNode(
  db: Db,
  actor: Actor,
  nodeId: string,
  input: { kind: "CLUSTER" | "COMPETENCY"; code: string; name: string; description: string; indicators: string; descriptors: { ordinal: number; text: string }[]; relatedIds: string[] },
) {
  requireEditor(actor);
  await db.$transaction(async (tx) => {
    const node = await tx.competencyNode.findUnique({ where: { id: nodeId } });
    if (!node) throw new NotFoundError();
    const framework = await requireDraft(tx, node.frameworkId);
    const clash = await tx.competencyNode.findUnique({ where: { frameworkId_code: { frameworkId: framework.id, code: input.code } } });
    if (clash && clash.id !== nodeId) throw new ValidationError("validation.codeTaken", { code: ["validation.codeTaken"] });
    const levels = await tx.scaleLevel.count({ where: { scaleId: framework.scaleId } });
    await tx.competencyNode.update({ where: { id: nodeId }, data: { kind: input.kind, code: input.code, name: input.name, description: input.description, indicators: input.indicators } });
    await tx.levelDescriptor.deleteMany({ where: { nodeId } });
    const descriptors = input.descriptors.filter((d) => d.text.trim() && d.ordinal >= 1 && d.ordinal <= levels);
    if (descriptors.length) await tx.levelDescriptor.createMany({ data: descriptors.map((d) => ({ nodeId, ordinal: d.ordinal, text: d.text.trim() })) });
    const related = await tx.competencyNode.findMany({ where: { id: { in: input.relatedIds }, frameworkId: framework.id, NOT: { id: nodeId } }, select: { id: true } });
    await tx.competencyRelation.deleteMany({ where: { OR: [{ fromId: nodeId }, { toId: nodeId }] } });
    if (related.length) {
      await tx.competencyRelation.createMany({ data: related.map((r) => (nodeId < r.id ? { fromId: nodeId, toId: r.id } : { fromId: r.id, toId: nodeId })) });
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: "framework.node-update", entityType: "CompetencyNode", entityId: nodeId, summary: `${node.code} → ${input.code} ${input.name}` });
  });
}

/** Moves a node one place up or down among its siblings, or under another parent (last place). */
export async function moveNode(db: Db, actor: Actor, nodeId: string, move: { direction: "up" | "down" } | { parentId: string | null }) {
  requireEditor(actor);
  await db.$transaction(async (tx) => {
    const node = await tx.competencyNode.findUnique({ where: { id: nodeId } });
    if (!node) throw new NotFoundError();
    await requireDraft(tx, node.frameworkId);
    if ("direction" in move) {
      const siblings = await tx.competencyNode.findMany({ where: { frameworkId: node.frameworkId, parentId: node.parentId }, orderBy: [{ sortOrder: "asc" }, { code: "asc" }], select: { id: true } });
      const index = siblings.findIndex((s) => s.id === nodeId);
      const target = move.direction === "up" ? index - 1 : index + 1;
      if (target < 0 || target >= siblings.length) return;
      [siblings[index], siblings[target]] = [siblings[target]!, siblings[index]!];
      for (const [i, s] of siblings.entries()) await tx.competencyNode.update({ where: { id: s.id }, data: { sortOrder: i } });
    } else {
      if (move.parentId) {
        const all = await tx.competencyNode.findMany({ where: { frameworkId: node.frameworkId }, select: { id: true, parentId: true } });
        const parentOf = new Map(all.map((n) => [n.id, n.parentId]));
        if (!parentOf.has(move.parentId)) throw new ValidationError("competency.parentInvalid");
        // No cycles: the new parent must not be the node or one of its descendants.
        for (let p: string | null | undefined = move.parentId; p; p = parentOf.get(p)) {
          if (p === nodeId) throw new ValidationError("competency.moveIntoOwnSubtree");
        }
      }
      const last = await tx.competencyNode.findFirst({ where: { frameworkId: node.frameworkId, parentId: move.parentId }, orderBy: { sortOrder: "desc" }, select: { sortOrder: true } });
      await tx.competencyNode.update({ where: { id: nodeId }, data: { parentId: move.parentId, sortOrder: (last?.sortOrder ?? -1) + 1 } });
    }
    await recordAudit(tx, { actorUserId: actor.userId, action: "framework.node-move", entityType: "CompetencyNode", entityId: nodeId, summary: `${node.code}: ${JSON.stringify(move)}` });
  });
}

export async function deleteNode(db: Db, actor: Actor, nodeId: string) {
  requireEditor(actor);
  await db.$transaction(async (tx) => {
    const node = await tx.competencyNode.findUnique({ where: { id: nodeId }, include: { _count: { select: { children: true } } } });
    if (!node) throw new NotFoundError();
    await requireDraft(tx, node.frameworkId);
    if (node._count.children > 0) throw new ValidationError("competency.deleteHasChildren");
    await tx.positionRequirement.deleteMany({ where: { competencyId: nodeId } });
    await tx.roleProfileRequirement.deleteMany({ where: { competencyId: nodeId } });
    await tx.competencyNode.delete({ where: { id: nodeId } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "framework.node-delete", entityType: "CompetencyNode", entityId: nodeId, summary: `${node.code} ${node.name}` });
  });
}

/** Editing a published framework starts here: a draft copy with the same lineage ids. */
export async function createDraftVersion(db: Db, actor: Actor, publishedId: string) {
  requireEditor(actor);
  return db.$transaction(async (tx) => {
    const published = await tx.framework.findUnique({ where: { id: publishedId } });
    if (!published) throw new NotFoundError();
    if (published.status !== "PUBLISHED") throw new ValidationError("competency.draftOnlyFromPublished");
    const existing = await tx.framework.findFirst({ where: { key: published.key, status: "DRAFT" } });
    if (existing) return existing;
    const nodes = await loadNodes(tx, published.id);
    const latest = await tx.framework.findFirst({ where: { key: published.key }, orderBy: { version: "desc" }, select: { version: true } });
    const draft = await tx.framework.create({
      data: {
        key: published.key,
        version: (latest?.version ?? published.version) + 1,
        status: "DRAFT",
        name: published.name,
        description: published.description,
        source: published.source,
        licence: published.licence,
        attribution: published.attribution,
        scaleId: published.scaleId,
        responsiblePersonId: published.responsiblePersonId,
        nextReviewAt: published.nextReviewAt,
        basedOnId: published.id,
      },
    });
    const newId = new Map(nodes.map((n) => [n.id, randomUUID()]));
    await tx.competencyNode.createMany({
      data: nodes.map((n) => ({
        id: newId.get(n.id)!,
        frameworkId: draft.id,
        parentId: n.parentId ? newId.get(n.parentId)! : null,
        kind: n.kind,
        code: n.code,
        name: n.name,
        description: n.description,
        indicators: n.indicators,
        sortOrder: n.sortOrder,
        lineageId: n.lineageId,
      })),
    });
    const descriptors = nodes.flatMap((n) => n.descriptors.map((d) => ({ nodeId: newId.get(n.id)!, ordinal: d.ordinal, text: d.text })));
    if (descriptors.length) await tx.levelDescriptor.createMany({ data: descriptors });
    const relations = new Set<string>();
    for (const n of nodes) for (const r of n.related) relations.add([newId.get(n.id)!, newId.get(r)!].sort().join("|"));
    if (relations.size) await tx.competencyRelation.createMany({ data: [...relations].map((r) => ({ fromId: r.split("|")[0]!, toId: r.split("|")[1]! })) });
    await recordAudit(tx, { actorUserId: actor.userId, action: "framework.draft", entityType: "Framework", entityId: draft.id, summary: `${draft.name} v${draft.version} aus v${published.version}` });
    return draft;
  });
}

/** The diff between a draft and the published version of the same framework (none for a first version). */
export async function getPublishPreview(db: Db, actor: Actor, draftId: string) {
  requireEditor(actor);
  const draft = await db.framework.findUnique({ where: { id: draftId } });
  if (!draft) throw new NotFoundError();
  if (draft.status !== "DRAFT") throw new ValidationError("competency.onlyDraftEditable");
  const published = await db.framework.findFirst({ where: { key: draft.key, status: "PUBLISHED" } });
  const newNodes = await loadNodes(db, draft.id);
  const oldNodes = published ? await loadNodes(db, published.id) : [];
  const changes = diffVersions(oldNodes, newNodes);
  const removedIds = changes.filter((c) => c.kind === "removed").map((c) => c.oldId!);
  const usage = removedIds.length
    ? await db.positionRequirement.groupBy({ by: ["competencyId"], where: { competencyId: { in: removedIds } }, _count: { _all: true } })
    : [];
  const roleUsage = removedIds.length
    ? await db.roleProfileRequirement.groupBy({ by: ["competencyId"], where: { competencyId: { in: removedIds } }, _count: { _all: true } })
    : [];
  const used = new Map<string, number>();
  for (const u of [...usage, ...roleUsage]) used.set(u.competencyId, (used.get(u.competencyId) ?? 0) + u._count._all);
  const candidates = newNodes.filter((n) => n.kind === "COMPETENCY").sort((a, b) => a.code.localeCompare(b.code, "de"));
  return { draft, published, changes, usage: Object.fromEntries(used), candidates: candidates.map((c) => ({ id: c.id, code: c.code, name: c.name })) };
}

/**
 * Publishes a draft: the previous published version is archived, requirements that pointed at
 * its competencies move to the same competency in the new version, or to the successor HR chose
 * for a removed one; requirements of a removed competency without successor are deleted.
 */
export async function publishFramework(db: Db, actor: Actor, draftId: string, successors: Record<string, string | null>) {
  requireEditor(actor);
  return db.$transaction(async (tx) => {
    const draft = await requireDraft(tx, draftId);
    const newNodes = await loadNodes(tx, draft.id);
    if (!newNodes.some((n) => n.kind === "COMPETENCY")) throw new ValidationError("competency.publishEmpty");
    const published = await tx.framework.findFirst({ where: { key: draft.key, status: "PUBLISHED" } });
    const now = new Date();
    let moved = 0;
    let dropped = 0;
    if (published) {
      const oldNodes = await loadNodes(tx, published.id);
      const newByLineage = new Map(newNodes.map((n) => [n.lineageId, n]));
      const newIds = new Set(newNodes.map((n) => n.id));
      const target = new Map<string, string | null>();
      for (const o of oldNodes) {
        const same = newByLineage.get(o.lineageId);
        if (same) target.set(o.id, same.id);
        else {
          const chosen = successors[o.id];
          if (chosen && !newIds.has(chosen)) throw new ValidationError("competency.successorInvalid");
          target.set(o.id, chosen ?? null);
        }
      }
      for (const table of ["positionRequirement", "roleProfileRequirement"] as const) {
        const rows =
          table === "positionRequirement"
            ? await tx.positionRequirement.findMany({ where: { competencyId: { in: [...target.keys()] } }, select: { id: true, competencyId: true, profileId: true } })
            : (await tx.roleProfileRequirement.findMany({ where: { competencyId: { in: [...target.keys()] } }, select: { id: true, competencyId: true, roleProfileId: true } })).map((r) => ({ id: r.id, competencyId: r.competencyId, profileId: r.roleProfileId }));
        const taken = new Set<string>();
        for (const row of rows) {
          const to = target.get(row.competencyId) ?? null;
          const key = `${row.profileId}|${to}`;
          if (!to || taken.has(key)) {
            // No successor, or two removed competencies mapped onto the same one in a profile.
            if (table === "positionRequirement") await tx.positionRequirement.delete({ where: { id: row.id } });
            else await tx.roleProfileRequirement.delete({ where: { id: row.id } });
            dropped++;
            continue;
          }
          taken.add(key);
          if (table === "positionRequirement") await tx.positionRequirement.update({ where: { id: row.id }, data: { competencyId: to } });
          else await tx.roleProfileRequirement.update({ where: { id: row.id }, data: { competencyId: to } });
          moved++;
        }
      }
      await tx.framework.update({ where: { id: published.id }, data: { status: "ARCHIVED", archivedAt: now } });
    }
    await tx.framework.update({ where: { id: draft.id }, data: { status: "PUBLISHED", publishedAt: now } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "framework.publish",
      entityType: "Framework",
      entityId: draft.id,
      summary: `${draft.name} v${draft.version} veröffentlicht${published ? `, v${published.version} archiviert; ${moved} Anforderungen übernommen, ${dropped} entfallen` : ""}`,
    });
    return { moved, dropped };
  });
}

export async function archiveFramework(db: Db, actor: Actor, frameworkId: string) {
  requireEditor(actor);
  await db.$transaction(async (tx) => {
    const framework = await tx.framework.findUnique({ where: { id: frameworkId } });
    if (!framework) throw new NotFoundError();
    if (framework.status !== "PUBLISHED") throw new ValidationError("competency.archiveOnlyPublished");
    const inUse = await tx.positionRequirement.count({ where: { competency: { frameworkId } } });
    if (inUse > 0) throw new ValidationError("competency.archiveInUse");
    await tx.framework.update({ where: { id: frameworkId }, data: { status: "ARCHIVED", archivedAt: new Date() } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "framework.archive", entityType: "Framework", entityId: frameworkId, summary: `${framework.name} v${framework.version}` });
  });
}

export async function discardDraft(db: Db, actor: Actor, draftId: string) {
  requireEditor(actor);
  await db.$transaction(async (tx) => {
    const draft = await requireDraft(tx, draftId);
    await tx.positionRequirement.deleteMany({ where: { competency: { frameworkId: draftId } } });
    await tx.roleProfileRequirement.deleteMany({ where: { competency: { frameworkId: draftId } } });
    await tx.competencyRelation.deleteMany({ where: { from: { frameworkId: draftId } } });
    await tx.competencyNode.updateMany({ where: { frameworkId: draftId }, data: { parentId: null } });
    await tx.framework.delete({ where: { id: draftId } });
    await recordAudit(tx, { actorUserId: actor.userId, action: "framework.discard", entityType: "Framework", entityId: draftId, summary: `${draft.name} v${draft.version}` });
  });
}

export async function listScales(db: Db) {
  return db.proficiencyScale.findMany({ orderBy: { name: "asc" }, include: { levels: { orderBy: { ordinal: "asc" } } } });
}

export async function createScale(tx: Tx, actorUserId: string | null, input: { name: string; description: string; levels: { label: string; band?: string; description: string }[] }) {
  const scale = await tx.proficiencyScale.create({
    data: {
      name: input.name,
      description: input.description,
      levels: { create: input.levels.map((l, i) => ({ ordinal: i + 1, label: l.label, band: l.band || null, description: l.description })) },
    },
  });
  await recordAudit(tx, { actorUserId, action: "scale.create", entityType: "ProficiencyScale", entityId: scale.id, summary: `${input.name} (${input.levels.length} Stufen)` });
  return scale;
}
