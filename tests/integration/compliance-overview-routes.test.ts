import { db } from "~/utils/db.server.ts";
import { loader as overviewLoader } from "~/routes/pflichtschulungen_.uebersicht.tsx";
import { loader as startLoader } from "~/routes/_index.tsx";
import { createScenario, requestAs } from "../factories.ts";
import { createDezernate, createOverviewRequirement, createOverviewRule, person } from "../compliance-overview-factories.ts";

type Args = Parameters<typeof overviewLoader>[0];
const args = (request: Request) => ({ request, params: {}, context: {} }) as Args;
async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("HR compliance overview routes", () => {
  it("gives the overview to HR development and refuses leaders, employees and the administrator", async () => {
    const s = await createScenario(db);
    const u = await createDezernate(db);
    const rule = await createOverviewRule(db);
    const p = await person(db, u.a1, "Rita");
    await createOverviewRequirement(db, rule, p, { dueOn: "2020-02-01" });

    for (const user of [s.leaderUser, s.employeeUser, s.adminUser]) {
      expect(await statusOf(overviewLoader(args(await requestAs(user.id, "/pflichtschulungen/uebersicht"))))).toBe(403);
    }
    expect(await statusOf(overviewLoader(args(await requestAs(null, "/pflichtschulungen/uebersicht"))))).toBe(302);

    const data = await overviewLoader(args(await requestAs(s.hrUser.id, "/pflichtschulungen/uebersicht")));
    const i = data.rules.findIndex((r) => r.id === rule.id);
    expect(i).toBeGreaterThanOrEqual(0);
    const d1 = data.dezernate.find((d) => d.unit?.id === u.d1.id)!;
    expect(d1.cells[i]).toMatchObject({ total: 1, required: 1, compliant: 0, overdue: 1, rate: 0 });
    expect(d1.amter.find((a) => a.unit?.id === u.a1.id)!.cells[i]).toMatchObject({ overdue: 1 });
    expect(data.trend).toHaveLength(12);
    // Figures only: nobody's name travels to the page.
    expect(JSON.stringify(data)).not.toContain(p.lastName);
  });

  it("shows the Compliance gesamt card on HR's start page only", async () => {
    const s = await createScenario(db);
    const u = await createDezernate(db);
    const rule = await createOverviewRule(db);
    await createOverviewRequirement(db, rule, await person(db, u.b1, "Rolf"), { dueOn: "2099-01-01", completedOn: "2026-01-01", validUntil: "2099-01-01" });
    const start = async (userId: string) => (await startLoader(args(await requestAs(userId, "/")))) as { complianceOverall: { dezernate: { unit: { id: string } | null; rate: number | null }[] } | null };
    const hr = await start(s.hrUser.id);
    expect(hr.complianceOverall?.dezernate.find((d) => d.unit?.id === u.d2.id)).toMatchObject({ rate: 1 });
    expect((await start(s.leaderUser.id)).complianceOverall).toBeNull();
    expect((await start(s.employeeUser.id)).complianceOverall).toBeNull();
  });
});
