import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { db } from "~/utils/db.server.ts";
import { todayInBerlin, addDays } from "~/modules/compliance/days.ts";
import { action as pageAction, loader as pageLoader } from "~/routes/pflichtschulungen_.team.tsx";
import { loader as csvLoader } from "~/routes/pflichtschulungen_.team[.]csv.ts";
import { loader as xlsxLoader } from "~/routes/pflichtschulungen_.team[.]xlsx.ts";
import { loader as startLoader } from "~/routes/_index.tsx";
import { createPerson, createScenario, createUnit, requestAs } from "../factories.ts";
import { createRequirement, createRule } from "../compliance-cockpit-factories.ts";

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
const fmt = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

// Route loaders use the real today, so the days are relative to it.
async function world() {
  const s = await createScenario(db);
  const a2 = await createUnit(db, { parent: s.amtA, type: "ABTEILUNG", name: "Abteilung A2" });
  const dora = await createPerson(db, { unit: a2, firstName: "Dora", lastName: "Dietz" });
  const rule = await createRule(db, { name: `Datenschutz ${Math.random().toString(36).slice(2, 7)}` });
  const today = todayInBerlin();
  const r = {
    employee: await createRequirement(db, rule, s.employee, { dueOn: addDays(today, -10) }),
    colleague: await createRequirement(db, rule, s.colleague, { dueOn: addDays(today, 200), completedOn: addDays(today, -165), validUntil: addDays(today, 200) }),
    dora: await createRequirement(db, rule, dora, { dueOn: addDays(today, 12) }),
    outsider: await createRequirement(db, rule, s.outsider, { dueOn: addDays(today, -3) }),
  };
  return { s, a2, dora, rule, r, today };
}

describe("compliance cockpit routes", () => {
  it("shows the leader's cockpit with drill-down, and refuses employees, admins and units outside the team", async () => {
    const w = await world();
    const page = (await pageLoader(args(await requestAs(w.s.leaderUser.id, "/pflichtschulungen/team")))) as Awaited<ReturnType<typeof import("~/modules/compliance/cockpit.server.ts").getCockpit>>;
    expect(page.scope.unit?.id).toBe(w.s.amtA.id);
    expect(page.rules.find((r) => r.id === w.rule.id)).toMatchObject({ required: 3, compliant: 1, overdue: 1, dueSoon: 1 });
    expect(page.items.map((i) => i.person.id)).toEqual([w.s.employee.id, w.dora.id]);
    const drilled = (await pageLoader(args(await requestAs(w.s.leaderUser.id, `/pflichtschulungen/team?unit=${w.a2.id}`)))) as typeof page;
    expect(drilled.items.map((i) => i.person.id)).toEqual([w.dora.id]);
    expect(drilled.scope.breadcrumb.map((b) => b.id)).toEqual([w.s.amtA.id]);

    expect(await statusOf(pageLoader(args(await requestAs(w.s.employeeUser.id, "/pflichtschulungen/team"))))).toBe(403);
    expect(await statusOf(pageLoader(args(await requestAs(w.s.adminUser.id, "/pflichtschulungen/team"))))).toBe(403);
    expect(await statusOf(pageLoader(args(await requestAs(w.s.leaderUser.id, `/pflichtschulungen/team?unit=${w.s.amtB.id}`))))).toBe(403);
    expect(await statusOf(pageLoader(args(await requestAs(w.s.leaderUser.id, "/pflichtschulungen/team?unit=gibt-es-nicht"))))).toBe(404);
    expect(await statusOf(pageLoader(args(await requestAs(null, "/pflichtschulungen/team"))))).toBe(302);
    expect(await statusOf(pageLoader(args(await requestAs(w.s.hrUser.id, `/pflichtschulungen/team?unit=${w.s.amtB.id}`))))).toBe(200);
  });

  it("sends a reminder from the list once a day, and refuses items of other teams and employees", async () => {
    const w = await world();
    const post = async (userId: string, ids: string[]) => {
      const body = new URLSearchParams({ intent: "remind" });
      for (const id of ids) body.append("requirementId", id);
      return requestAs(userId, "/pflichtschulungen/team", { method: "POST", body });
    };
    const first = await pageAction(args(await post(w.s.leaderUser.id, [w.r.employee.id, w.r.dora.id])));
    expect(first).toMatchObject({ ok: true, sent: 2, people: 2, alreadyToday: 0 });
    const notification = await db.notification.findFirstOrThrow({ where: { personId: w.s.employee.id, kind: "compliance.manualReminder" } });
    expect(JSON.parse(notification.params)).toMatchObject({ rule: w.rule.name, date: fmt(w.r.employee.dueOn!) });
    expect(await db.complianceReminder.count({ where: { kind: "MANUAL", recipientPersonId: { in: [w.s.employee.id, w.dora.id] } } })).toBe(2);

    const second = await pageAction(args(await post(w.s.leaderUser.id, [w.r.employee.id])));
    expect(second).toMatchObject({ ok: true, sent: 0, alreadyToday: 1 });

    const none = await pageAction(args(await post(w.s.leaderUser.id, [])));
    expect(none).toMatchObject({ ok: false, formError: "complianceCockpit.remind.noneSelected" });

    const before = await db.notification.count();
    expect(await statusOf(pageAction(args(await post(w.s.leaderUser.id, [w.r.dora.id, w.r.outsider.id]))))).toBe(403);
    expect(await statusOf(pageAction(args(await post(w.s.employeeUser.id, [w.r.dora.id]))))).toBe(403);
    expect(await db.notification.count()).toBe(before);

    const page = (await pageLoader(args(await requestAs(w.s.leaderUser.id, "/pflichtschulungen/team")))) as { remindedToday: string[] };
    expect(page.remindedToday.sort()).toEqual([w.r.employee.id, w.r.dora.id].sort());
  });

  it("exports the open items as CSV and XLSX with German headers and dates, for the same people who may see the cockpit", async () => {
    const w = await world();
    const csvResponse = (await csvLoader(args(await requestAs(w.s.leaderUser.id, "/pflichtschulungen/team.csv")))) as Response;
    expect(csvResponse.headers.get("Content-Type")).toContain("text/csv");
    expect(csvResponse.headers.get("Content-Disposition")).toContain(".csv");
    const bytes = Buffer.from(await csvResponse.arrayBuffer());
    // A byte-order mark first, so German Excel reads UTF-8 (Response.text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString("utf8"), { delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual(["Nachname", "Vorname", "Organisationseinheit", "Pflichtschulung", "Fällig am", "Status", "Tage überfällig", "Nachweis gültig bis"]);
    expect(rows.slice(1).map((r) => [r[0], r[4], r[5], r[6]])).toEqual([
      [w.s.employee.lastName, fmt(w.r.employee.dueOn!), "Überfällig", "10"],
      ["Dietz", fmt(w.r.dora.dueOn!), "Bald fällig", "0"],
    ]);
    expect(rows[1]![3]).toBe(w.rule.name);

    // The filters of the page apply to the export.
    const filtered = (await csvLoader(args(await requestAs(w.s.leaderUser.id, `/pflichtschulungen/team.csv?status=overdue&unit=${w.s.amtA.id}`)))) as Response;
    expect(parse(await filtered.text(), { delimiter: ";", bom: true })).toHaveLength(2);

    const xlsxResponse = (await xlsxLoader(args(await requestAs(w.s.leaderUser.id, `/pflichtschulungen/team.xlsx?unit=${w.s.amtA.id}`)))) as Response;
    expect(xlsxResponse.headers.get("Content-Type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxResponse.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Offene Punkte", "Übersicht", "Quoten nach Einheit"]);
    const items = workbook.getWorksheet("Offene Punkte")!;
    expect(items.getRow(5).values).toEqual([undefined, ...["Nachname", "Vorname", "Organisationseinheit", "Pflichtschulung", "Fällig am", "Status", "Tage überfällig", "Nachweis gültig bis"]]);
    expect(items.getRow(6).getCell(1).value).toBe(w.s.employee.lastName);
    expect(items.getRow(6).getCell(5).value).toEqual(new Date(`${w.r.employee.dueOn}T00:00:00.000Z`));
    expect(items.getRow(6).getCell(5).numFmt).toBe("dd.mm.yyyy");
    const rates = workbook.getWorksheet("Quoten nach Einheit")!;
    const rowByLabel = new Map<string, number>();
    rates.eachRow((row, rowNumber) => rowByLabel.set(String(row.getCell(1).value), rowNumber));
    expect([...rowByLabel.keys()]).toEqual(expect.arrayContaining([`${w.s.abteilungA1.code} Abteilung A1`, `${w.a2.code} Abteilung A2`]));
    const a1Row = rates.getRow(rowByLabel.get(`${w.s.abteilungA1.code} Abteilung A1`)!);
    // A1: employee overdue, colleague compliant → 50 %.
    expect(a1Row.getCell(2).value).toBe(0.5);

    for (const loader of [csvLoader, xlsxLoader]) {
      expect(await statusOf(loader(args(await requestAs(w.s.employeeUser.id, "/pflichtschulungen/team.csv"))))).toBe(403);
      expect(await statusOf(loader(args(await requestAs(w.s.leaderUser.id, `/pflichtschulungen/team.csv?unit=${w.s.amtB.id}`))))).toBe(403);
      expect(await statusOf(loader(args(await requestAs(w.s.hrUser.id, `/pflichtschulungen/team.csv?unit=${w.s.amtB.id}`))))).toBe(200);
    }
    expect(await db.auditEvent.count({ where: { action: "compliance.cockpit-export", actorUserId: w.s.leaderUser.id } })).toBe(3);
  });

  it("puts the team's compliance on the leader's start page only", async () => {
    const w = await world();
    const leaderStart = (await startLoader(args(await requestAs(w.s.leaderUser.id, "/")))) as { complianceTeam: { rules: { id: string; overdue: number }[]; overall: { overdue: number; dueSoon: number } } | null };
    expect(leaderStart.complianceTeam?.rules.find((r) => r.id === w.rule.id)).toMatchObject({ overdue: 1 });
    expect(leaderStart.complianceTeam?.overall).toMatchObject({ overdue: 1, dueSoon: 1 });
    const employeeStart = (await startLoader(args(await requestAs(w.s.employeeUser.id, "/")))) as { complianceTeam: unknown };
    expect(employeeStart.complianceTeam).toBeNull();
  });
});
