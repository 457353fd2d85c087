import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import {
  addNode,
  createDraftVersion,
  createFramework,
  deleteNode,
  getFramework,
  getPublishPreview,
  listFrameworks,
  moveNode,
  publishFramework,
  updateNode,
} from "./frameworks.server.ts";
import { upsertPositionRequirement } from "./profiles.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createPublishedFramework } from "../../../tests/competency-factories.ts";

async function hrAndEmployee() {
  const s = await createScenario(db);
  return { s, hr: await actorFor(db, s.hrUser.id), employee: await actorFor(db, s.employeeUser.id) };
}

describe("building a framework from scratch", () => {
  it("creates, fills, reorders and publishes a framework", async () => {
    const { hr } = await hrAndEmployee();
    const { scale } = await createPublishedFramework(db);
    const key = `neu-${Date.now()}`;
    const framework = await createFramework(db, hr, { key, name: "Neues Modell", description: "", source: "", licence: "", attribution: "", scaleId: scale.id, nextReviewAt: null, responsiblePersonId: null });
    expect(framework.status).toBe("DRAFT");
    const cluster = await addNode(db, hr, framework.id, { parentId: null, kind: "CLUSTER", code: "A", name: "Cluster A", description: "", indicators: "" });
    const first = await addNode(db, hr, framework.id, { parentId: cluster.id, kind: "COMPETENCY", code: "A.1", name: "Erste", description: "", indicators: "" });
    const second = await addNode(db, hr, framework.id, { parentId: cluster.id, kind: "COMPETENCY", code: "A.2", name: "Zweite", description: "", indicators: "" });
    await moveNode(db, hr, second.id, { direction: "up" });
    let view = await getFramework(db, hr, framework.id);
    expect(view.ordered.map((n) => n.code)).toEqual(["A", "A.2", "A.1"]);
    await updateNode(db, hr, first.id, {
      kind: "COMPETENCY",
      code: "A.1",
      name: "Erste Kompetenz",
      description: "Beschreibung",
      indicators: "zeigt X\nzeigt Y",
      descriptors: [
        { ordinal: 1, text: "Stufe eins" },
        { ordinal: 9, text: "ignoriert: außerhalb der Skala" },
      ],
      relatedIds: [second.id],
    });
    view = await getFramework(db, hr, framework.id);
    const edited = view.ordered.find((n) => n.id === first.id)!;
    expect(edited.descriptors).toEqual([{ ordinal: 1, text: "Stufe eins" }]);
    expect(edited.related).toEqual([second.id]);
    await publishFramework(db, hr, framework.id, {});
    view = await getFramework(db, hr, framework.id);
    expect(view.framework.status).toBe("PUBLISHED");
  });

  it("refuses duplicate codes, moves into the own subtree and deleting a node with children", async () => {
    const { hr } = await hrAndEmployee();
    const { framework } = await createPublishedFramework(db, { status: "DRAFT" });
    const view = await getFramework(db, hr, framework.id);
    const cluster = view.ordered.find((n) => n.code === "K")!;
    const child = view.ordered.find((n) => n.code === "K.1")!;
    await expect(addNode(db, hr, framework.id, { parentId: null, kind: "CLUSTER", code: "K", name: "Doppelt", description: "", indicators: "" })).rejects.toBeInstanceOf(ValidationError);
    await expect(moveNode(db, hr, cluster.id, { parentId: child.id })).rejects.toThrow("competency.moveIntoOwnSubtree");
    await expect(deleteNode(db, hr, cluster.id)).rejects.toThrow("competency.deleteHasChildren");
    await moveNode(db, hr, child.id, { parentId: null });
    const after = await getFramework(db, hr, framework.id);
    expect(after.tree.map((n) => n.code)).toEqual(["K", "K.1"]);
  });

  it("does not let anyone edit a published version, and employees not at all", async () => {
    const { hr, employee } = await hrAndEmployee();
    const { framework, writing } = await createPublishedFramework(db);
    await expect(addNode(db, hr, framework.id, { parentId: null, kind: "CLUSTER", code: "X", name: "X", description: "", indicators: "" })).rejects.toThrow("competency.onlyDraftEditable");
    await expect(moveNode(db, hr, writing.id, { direction: "down" })).rejects.toThrow("competency.onlyDraftEditable");
    await expect(createDraftVersion(db, employee, framework.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("shows drafts to HR development only", async () => {
    const { hr, employee } = await hrAndEmployee();
    const { framework } = await createPublishedFramework(db, { status: "DRAFT" });
    await expect(getFramework(db, employee, framework.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getFramework(db, hr, framework.id)).framework.id).toBe(framework.id);
    expect((await listFrameworks(db, employee)).map((f) => f.id)).not.toContain(framework.id);
  });
});

describe("versions", () => {
  it("diffs a new version and carries requirements over, mapping removed competencies", async () => {
    const { s, hr } = await hrAndEmployee();
    const { framework, writing, listening, cluster } = await createPublishedFramework(db);
    await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: writing.id, targetLevel: 3, importance: "ESSENTIAL" });
    await upsertPositionRequirement(db, hr, s.colleague.position.id, { competencyId: listening.id, targetLevel: 2, importance: "IMPORTANT" });

    const draft = await createDraftVersion(db, hr, framework.id);
    expect(draft.version).toBe(2);
    // Calling it again opens the same draft rather than a second one.
    expect((await createDraftVersion(db, hr, framework.id)).id).toBe(draft.id);
    const draftView = await getFramework(db, hr, draft.id);
    const dWriting = draftView.ordered.find((n) => n.code === "K.1")!;
    const dListening = draftView.ordered.find((n) => n.code === "K.2")!;
    const dCluster = draftView.ordered.find((n) => n.code === "K")!;
    expect(dWriting.lineageId).toBe(writing.lineageId);
    expect(dCluster.lineageId).toBe(cluster.lineageId);

    await updateNode(db, hr, dWriting.id, { kind: "COMPETENCY", code: "K.1", name: "Klar schreiben", description: "", indicators: "", descriptors: [], relatedIds: [] });
    const newCluster = await addNode(db, hr, draft.id, { parentId: null, kind: "CLUSTER", code: "D", name: "Dialog", description: "", indicators: "" });
    const successor = await addNode(db, hr, draft.id, { parentId: newCluster.id, kind: "COMPETENCY", code: "D.1", name: "Aktiv zuhören", description: "", indicators: "" });
    await moveNode(db, hr, dWriting.id, { parentId: newCluster.id });
    await deleteNode(db, hr, dListening.id);

    const preview = await getPublishPreview(db, hr, draft.id);
    const summary = preview.changes.map((c) => `${c.kind}:${c.code}`).sort();
    expect(summary).toEqual(["added:D", "added:D.1", "changed:K.1", "moved:K.1", "removed:K.2"].sort());
    expect(preview.changes.find((c) => c.kind === "changed")!.details).toEqual(expect.arrayContaining(["name", "descriptors", "related"]));
    expect(preview.usage[listening.id]).toBe(1);

    const result = await publishFramework(db, hr, draft.id, { [listening.id]: successor.id });
    expect(result).toEqual({ moved: 2, dropped: 0 });
    const old = await db.framework.findUniqueOrThrow({ where: { id: framework.id } });
    expect(old.status).toBe("ARCHIVED");
    const employeeReq = await db.positionRequirement.findFirstOrThrow({ where: { profile: { positionId: s.employee.position.id } } });
    expect(employeeReq.competencyId).toBe(dWriting.id);
    const colleagueReq = await db.positionRequirement.findFirstOrThrow({ where: { profile: { positionId: s.colleague.position.id } } });
    expect(colleagueReq.competencyId).toBe(successor.id);
    // The archived version stays readable.
    expect((await getFramework(db, hr, framework.id)).ordered).toHaveLength(3);
  });

  it("drops requirements of a removed competency without successor", async () => {
    const { s, hr } = await hrAndEmployee();
    const { framework, listening } = await createPublishedFramework(db);
    await upsertPositionRequirement(db, hr, s.employee.position.id, { competencyId: listening.id, targetLevel: 2, importance: "IMPORTANT" });
    const draft = await createDraftVersion(db, hr, framework.id);
    const dListening = (await getFramework(db, hr, draft.id)).ordered.find((n) => n.code === "K.2")!;
    await deleteNode(db, hr, dListening.id);
    expect(await publishFramework(db, hr, draft.id, {})).toEqual({ moved: 0, dropped: 1 });
    expect(await db.positionRequirement.count({ where: { profile: { positionId: s.employee.position.id } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "framework.publish", entityId: draft.id } })).toBe(1);
  });
});
