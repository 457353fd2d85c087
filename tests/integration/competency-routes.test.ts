// The competency pages as Remix calls them: forbidden paths answer 403/404 and change nothing.
import { db } from "~/utils/db.server.ts";
import { action as frameworkAction, loader as frameworkLoader } from "~/routes/kompetenzmodelle.$frameworkId.tsx";
import { action as frameworksAction, loader as frameworksLoader } from "~/routes/kompetenzmodelle._index.tsx";
import { action as publishAction, loader as publishLoader } from "~/routes/kompetenzmodelle.$frameworkId_.veroeffentlichen.tsx";
import { action as profileAction, loader as profileLoader } from "~/routes/stellenprofile.$positionId.tsx";
import { loader as profilesLoader } from "~/routes/stellenprofile._index.tsx";
import { loader as roleProfilesLoader } from "~/routes/rollenprofile._index.tsx";
import { createScenario, requestAs } from "../factories.ts";
import { createPublishedFramework } from "../competency-factories.ts";

type Args = Parameters<typeof frameworkLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;
const post = (userId: string, url: string, fields: Record<string, string>) => requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return value.status;
    if (value && typeof value === "object" && "init" in value) return (value as { init: { status?: number } }).init.status ?? 200;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("competency frameworks pages", () => {
  it("lets everyone read published frameworks; drafts only for HR (404 otherwise)", async () => {
    const s = await createScenario(db);
    const published = await createPublishedFramework(db);
    const draft = await createPublishedFramework(db, { status: "DRAFT" });
    expect(await statusOf(frameworkLoader(args(await requestAs(s.employeeUser.id, "/"), { frameworkId: published.framework.id })))).toBe(200);
    expect(await statusOf(frameworkLoader(args(await requestAs(s.employeeUser.id, "/"), { frameworkId: draft.framework.id })))).toBe(404);
    expect(await statusOf(frameworkLoader(args(await requestAs(s.hrUser.id, "/"), { frameworkId: draft.framework.id })))).toBe(200);
    const list = (await frameworksLoader(args(await requestAs(s.employeeUser.id, "/kompetenzmodelle")))) as { frameworks: { id: string }[]; editor: boolean };
    expect(list.editor).toBe(false);
    expect(list.frameworks.map((f) => f.id)).not.toContain(draft.framework.id);
  });

  it("refuses edits and publishing to employees and leaders, and changes nothing", async () => {
    const s = await createScenario(db);
    const draft = await createPublishedFramework(db, { status: "DRAFT" });
    for (const user of [s.employeeUser.id, s.leaderUser.id]) {
      const add = post(user, "/", { intent: "add-node", kind: "CLUSTER", code: "Z", name: "Z" });
      expect(await statusOf(frameworkAction(args(await add, { frameworkId: draft.framework.id })))).toBe(403);
      expect(await statusOf(publishLoader(args(await requestAs(user, "/"), { frameworkId: draft.framework.id })))).toBe(403);
      expect(await statusOf(publishAction(args(await post(user, "/", {}), { frameworkId: draft.framework.id })))).toBe(403);
      expect(await statusOf(frameworksAction(args(await post(user, "/", { intent: "create", key: "x-y", name: "X", scaleId: draft.scale.id }))))).toBe(403);
    }
    expect(await db.competencyNode.count({ where: { frameworkId: draft.framework.id } })).toBe(3);
    expect((await db.framework.findUniqueOrThrow({ where: { id: draft.framework.id } })).status).toBe("DRAFT");
  });

  it("gives HR clear field errors for bad input and keeps the draft unchanged", async () => {
    const s = await createScenario(db);
    const draft = await createPublishedFramework(db, { status: "DRAFT" });
    const result = await frameworkAction(args(await post(s.hrUser.id, "/", { intent: "add-node", kind: "CLUSTER", code: "mit leerzeichen", name: "" }), { frameworkId: draft.framework.id }));
    expect(JSON.stringify(result)).toContain("validation.codeNoSpaces");
    expect(JSON.stringify(result)).toContain("validation.nameRequired");
    const dup = await frameworkAction(args(await post(s.hrUser.id, "/", { intent: "add-node", kind: "CLUSTER", code: "K", name: "Doppelt" }), { frameworkId: draft.framework.id }));
    expect(JSON.stringify(dup)).toContain("validation.codeTaken");
    expect(await db.competencyNode.count({ where: { frameworkId: draft.framework.id } })).toBe(3);
    const badKey = await frameworksAction(args(await post(s.hrUser.id, "/", { intent: "create", key: "Mit Leerzeichen", name: "X", scaleId: draft.scale.id })));
    expect(JSON.stringify(badKey)).toContain("validation.keyInvalid");
  });

  it("publishes through the publish page", async () => {
    const s = await createScenario(db);
    const draft = await createPublishedFramework(db, { status: "DRAFT" });
    const preview = (await publishLoader(args(await requestAs(s.hrUser.id, "/"), { frameworkId: draft.framework.id }))) as { changes: unknown[]; published: unknown };
    expect(preview.published).toBeNull();
    expect(await statusOf(publishAction(args(await post(s.hrUser.id, "/", {}), { frameworkId: draft.framework.id })))).toBe(302);
    expect((await db.framework.findUniqueOrThrow({ where: { id: draft.framework.id } })).status).toBe("PUBLISHED");
  });
});

describe("position profile pages", () => {
  it("shows an employee their own position, not a colleague's; leaders their team; HR all", async () => {
    const s = await createScenario(db);
    const own = s.employee.position.id;
    expect(await statusOf(profileLoader(args(await requestAs(s.employeeUser.id, "/"), { positionId: own })))).toBe(200);
    expect(await statusOf(profileLoader(args(await requestAs(s.employeeUser.id, "/"), { positionId: s.colleague.position.id })))).toBe(403);
    expect(await statusOf(profileLoader(args(await requestAs(s.leaderUser.id, "/"), { positionId: own })))).toBe(200);
    expect(await statusOf(profileLoader(args(await requestAs(s.leaderUser.id, "/"), { positionId: s.outsider.position.id })))).toBe(403);
    expect(await statusOf(profileLoader(args(await requestAs(s.hrUser.id, "/"), { positionId: s.outsider.position.id })))).toBe(200);
    expect(await statusOf(profileLoader(args(await requestAs(s.hrUser.id, "/"), { positionId: "unknown" })))).toBe(404);
  });

  it("refuses the HR lists and edits to lower roles", async () => {
    const s = await createScenario(db);
    const { writing } = await createPublishedFramework(db);
    expect(await statusOf(profilesLoader(args(await requestAs(s.employeeUser.id, "/stellenprofile"))))).toBe(403);
    expect(await statusOf(profilesLoader(args(await requestAs(s.leaderUser.id, "/stellenprofile"))))).toBe(403);
    expect(await statusOf(roleProfilesLoader(args(await requestAs(s.leaderUser.id, "/rollenprofile"))))).toBe(403);
    const edit = { intent: "requirement", competencyId: writing.id, targetLevel: "2", importance: "IMPORTANT" };
    expect(await statusOf(profileAction(args(await post(s.employeeUser.id, "/", edit), { positionId: s.employee.position.id })))).toBe(403);
    expect(await statusOf(profileAction(args(await post(s.leaderUser.id, "/", edit), { positionId: s.employee.position.id })))).toBe(403);
    expect(await db.positionRequirement.count({ where: { profile: { positionId: s.employee.position.id } } })).toBe(0);
    expect(await statusOf(profileAction(args(await post(s.hrUser.id, "/", edit), { positionId: s.employee.position.id })))).toBe(302);
    expect(await db.positionRequirement.count({ where: { profile: { positionId: s.employee.position.id } } })).toBe(1);
  });
});
