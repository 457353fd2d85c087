import { db } from "~/utils/db.server.ts";
import { action as refreshAction, loader as pageLoader } from "~/routes/auswertungen.kompetenzluecken.tsx";
import { loader as csvLoader } from "~/routes/auswertungen.kompetenzluecken[.]csv.ts";
import { loader as xlsxLoader } from "~/routes/auswertungen.kompetenzluecken[.]xlsx.ts";
import { loader as teamLoader } from "~/routes/team_.kompetenzen.tsx";
import { createScenario, requestAs } from "../factories.ts";

type Args = Parameters<typeof pageLoader>[0];
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

describe("gap reports", () => {
  it("gives the organisation view and its exports to HR only", async () => {
    const s = await createScenario(db);
    for (const loader of [pageLoader, csvLoader, xlsxLoader]) {
      expect(await statusOf(loader(args(await requestAs(s.employeeUser.id, "/auswertungen/kompetenzluecken"))))).toBe(403);
      expect(await statusOf(loader(args(await requestAs(s.leaderUser.id, "/auswertungen/kompetenzluecken"))))).toBe(403);
    }
    expect(await statusOf(pageLoader(args(await requestAs(s.hrUser.id, "/auswertungen/kompetenzluecken"))))).toBe(200);
    const csv = (await csvLoader(args(await requestAs(s.hrUser.id, "/auswertungen/kompetenzluecken.csv")))) as Response;
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const xlsx = (await xlsxLoader(args(await requestAs(s.hrUser.id, "/auswertungen/kompetenzluecken.xlsx")))) as Response;
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
  });

  it("lets HR recompute the report, and nobody else", async () => {
    const s = await createScenario(db);
    const runs = () => db.gapReportRun.count();
    const post = async (userId: string) => requestAs(userId, "/auswertungen/kompetenzluecken", { method: "POST", body: new URLSearchParams() });
    const before = await runs();
    expect(await statusOf(refreshAction(args(await post(s.employeeUser.id))))).toBe(403);
    expect(await statusOf(refreshAction(args(await post(s.leaderUser.id))))).toBe(403);
    expect(await runs()).toBe(before);
    expect(await statusOf(refreshAction(args(await post(s.hrUser.id))))).toBe(302);
    expect(await runs()).toBe(before + 1);
    expect(await db.auditEvent.count({ where: { action: "gaps.report-refresh", actorUserId: s.hrUser.id } })).toBe(1);
  });

  it("gives the team heatmap to leaders only, and only for their units", async () => {
    const s = await createScenario(db);
    expect(await statusOf(teamLoader(args(await requestAs(s.employeeUser.id, "/team/kompetenzen"))))).toBe(403);
    expect(await statusOf(teamLoader(args(await requestAs(s.leaderUser.id, "/team/kompetenzen"))))).toBe(200);
    expect(await statusOf(teamLoader(args(await requestAs(s.leaderUser.id, `/team/kompetenzen?unit=${s.amtB.id}`))))).toBe(403);
  });
});
