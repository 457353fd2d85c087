// "Meine Pflichtschulungen", the person tab for leaders and HR, the start-page card, the person
// page's link and the upload preselection, as Remix calls them; with every forbidden path.
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { addDays, todayInBerlin } from "~/modules/compliance/days.ts";
import { loader as mineLoader } from "~/routes/pflichtschulungen._index.tsx";
import { loader as tabLoader } from "~/routes/personen.$personId_.pflichtschulungen.tsx";
import { loader as personLoader } from "~/routes/personen.$personId.tsx";
import { loader as startLoader } from "~/routes/_index.tsx";
import { loader as evidenceLoader } from "~/routes/nachweise._index.tsx";
import { createAccount, createScenario, makeLeader, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { createRule, sync } from "../compliance-mine-factories.ts";

type Args = Parameters<typeof mineLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    return { status: 200, body: await promise };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: thrown.headers.get("Location") ?? (await thrown.text()) };
    throw thrown;
  }
}

async function setup() {
  const s = await createScenario(db);
  await makeLeader(db, s.amtB.id, s.outsider.id);
  const ottoUser = await createAccount(db, s.outsider);
  const claraUser = await createAccount(db, s.colleague);
  const today = todayInBerlin();
  const { training, session } = await createTraining(db, { title: "Informationssicherheit kompakt", startsInDays: 7 });
  const security = await createRule(db, {
    name: `Informationssicherheit ${randomUUID().slice(0, 6)}`,
    legalBasis: "BSI IT-Grundschutz ORP.3",
    audience: { everyone: true },
    trainingIds: [training.id],
    firstDueMode: "FIXED_DATE",
    firstDueDays: 0,
    firstDueDate: addDays(today, 10),
    recurrence: "ROLLING",
    intervalMonths: 12,
  });
  const instruction = await createRule(db, {
    name: `Unterweisung ${randomUUID().slice(0, 6)}`,
    legalBasis: "§ 12 ArbSchG",
    audience: { units: [{ unitId: s.amtA.id, includeSubunits: true }] },
    trainingIds: [training.id],
    firstDueMode: "FIXED_DATE",
    firstDueDays: 0,
    firstDueDate: addDays(today, -5),
    recurrence: "ROLLING",
    intervalMonths: 12,
  });
  await sync(db, [s.leader.id, s.employee.id, s.colleague.id, s.outsider.id, s.hrPerson.id], [security.id, instruction.id], today);
  return { s, ottoUser, claraUser, training, session, security, instruction, today };
}

const tab = async (userId: string | null, personId: string) =>
  outcome(tabLoader(args(await requestAs(userId, `/personen/${personId}/pflichtschulungen`), { personId })));

describe("Meine Pflichtschulungen", () => {
  it("shows the employee's own requirements by due date with why, next session and history", async () => {
    const x = await setup();
    const data = await mineLoader(args(await requestAs(x.s.employeeUser.id, "/pflichtschulungen")));
    expect(data.access).toBe("own");
    expect(data.open.map((r) => [r.rule.name, r.status])).toEqual([
      [x.instruction.name, "OVERDUE"],
      [x.security.name, "DUE_SOON"],
    ]);
    expect(data.open[0]!.daysOverdue).toBe(5);
    expect(data.open[1]!.trainings[0]).toMatchObject({ id: x.training.id, published: true, nextSession: { id: x.session.id } });
    expect(data.open[1]!.why.audience[0]!.key).toBe("compliance.why.audience.everyone");
    expect(data.history.length).toBeGreaterThanOrEqual(2);
    // Own page: not logged.
    expect(await db.auditEvent.count({ where: { action: "compliance.read", affectedPersonId: x.s.employee.id } })).toBe(0);
  });

  it("needs a signed-in person", async () => {
    const x = await setup();
    const anonymous = await outcome(mineLoader(args(await requestAs(null, "/pflichtschulungen"))));
    expect(anonymous.status).toBe(302);
    // An administrator account without a person has no mandatory trainings to see.
    expect((await outcome(mineLoader(args(await requestAs(x.s.adminUser.id, "/pflichtschulungen"))))).status).toBe(403);
  });

  it("shows the start-page card with the counts of the own requirements", async () => {
    const x = await setup();
    const start = await startLoader(args(await requestAs(x.s.employeeUser.id, "/")));
    expect(start.compliance).toMatchObject({ total: 2, counts: { OVERDUE: 1, DUE_SOON: 1 } });
    const admin = await startLoader(args(await requestAs(x.s.adminUser.id, "/")));
    expect(admin.compliance).toBeNull();
  });

  it("preselects the training on Meine Nachweise when the link comes from a requirement", async () => {
    const x = await setup();
    const data = await evidenceLoader(args(await requestAs(x.s.employeeUser.id, `/nachweise?schulung=${x.training.id}`)));
    expect(data.preselect).toBe(x.training.id);
  });
});

describe("person tab /personen/:personId/pflichtschulungen", () => {
  it("shows a team member to the leader and anyone to HR, logged", async () => {
    const x = await setup();
    const asLeader = await tab(x.s.leaderUser.id, x.s.employee.id);
    expect(asLeader.status).toBe(200);
    expect(asLeader.body).toMatchObject({ access: "team", person: { id: x.s.employee.id }, canManageExemptions: false });
    const asHr = await tab(x.s.hrUser.id, x.s.outsider.id);
    expect(asHr.body).toMatchObject({ access: "any", canManageExemptions: true });
    expect(await db.auditEvent.count({ where: { action: "compliance.read", affectedPersonId: { in: [x.s.employee.id, x.s.outsider.id] } } })).toBe(2);
    // The person page links to the tab for both.
    const page = await personLoader(args(await requestAs(x.s.leaderUser.id, `/personen/${x.s.employee.id}`), { personId: x.s.employee.id }));
    expect(page.complianceTab).toBe(true);
  });

  it("refuses another team's leader, colleagues and administrators; unknown people are 404; the own id goes to Meine Pflichtschulungen", async () => {
    const x = await setup();
    expect((await tab(x.ottoUser.id, x.s.employee.id)).status).toBe(403);
    expect((await tab(x.s.leaderUser.id, x.s.outsider.id)).status).toBe(403);
    expect((await tab(x.s.leaderUser.id, x.s.hrPerson.id)).status).toBe(403);
    expect((await tab(x.claraUser.id, x.s.employee.id)).status).toBe(403);
    expect((await tab(x.s.employeeUser.id, x.s.colleague.id)).status).toBe(403);
    expect((await tab(x.s.adminUser.id, x.s.employee.id)).status).toBe(403);
    expect((await tab(x.s.hrUser.id, "no-such-person")).status).toBe(404);
    expect((await tab(x.s.leaderUser.id, "no-such-person")).status).toBe(404);
    expect(await tab(x.s.leaderUser.id, x.s.leader.id)).toEqual({ status: 302, body: "/pflichtschulungen" });
    expect((await tab(null, x.s.employee.id)).status).toBe(302);
    // Nothing was logged for the refused reads.
    expect(await db.auditEvent.count({ where: { action: "compliance.read", affectedPersonId: { in: [x.s.employee.id, x.s.outsider.id, x.s.hrPerson.id, x.s.colleague.id] } } })).toBe(0);
  });
});
