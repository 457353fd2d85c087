// The rule pages as Remix calls them: only HR development opens and changes mandatory-training
// rules (403 for employees, leaders and admins; nothing changes), previews keep the draft and
// save nothing, bad input answers 400 with field messages and the kept draft, saving redirects
// to the list and the requirements are already there.
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { loader as listLoader } from "~/routes/pflichtschulungen_.regeln._index.tsx";
import { action as newAction, loader as newLoader } from "~/routes/pflichtschulungen_.regeln.neu.tsx";
import { action as editAction, loader as editLoader } from "~/routes/pflichtschulungen_.regeln.$ruleId.tsx";
import type { RuleFormResult } from "~/utils/compliance-rule-actions.server.ts";
import { createScenario, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";

type Args = Parameters<typeof listLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;
const post = (userId: string, url: string, fields: [string, string][]) => requestAs(userId, url, { method: "POST", body: new URLSearchParams(fields) });

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return value.status;
    if (value && typeof value === "object" && "init" in value) return (value as { init: { status?: number } | null }).init?.status ?? 200;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

function bodyOf<T = RuleFormResult>(value: unknown) {
  return (value && typeof value === "object" && "data" in value ? (value as { data: unknown }).data : value) as T;
}

async function setup() {
  const s = await createScenario(db);
  const { training } = await createTraining(db, { title: "Unterweisung Arbeitsschutz", format: "ELEARNING" });
  const name = `Unterweisung ${randomUUID().slice(0, 8)}`;
  const fields = (intent: string, overrides: [string, string][] = [], drop: string[] = []): [string, string][] => {
    const base: [string, string][] = [
      ["intent", intent],
      ["name", name],
      ["legalBasis", "§ 12 ArbSchG"],
      ["description", ""],
      ["trainingIds", training.id],
      ["units", s.amtA.id],
      ["unitsSub", s.amtA.id],
      ["firstDueMode", "AFTER_JOINING"],
      ["firstDueDays", "14"],
      ["firstDueDate", ""],
      ["recurrence", "ROLLING"],
      ["intervalMonths", "12"],
      ["yearlyMonth", ""],
      ["yearlyDay", ""],
      ["dueSoonDays", "30"],
      ["graceDays", "0"],
    ];
    const replaced = new Set(overrides.map(([k]) => k));
    return [...base.filter(([k]) => !replaced.has(k) && !drop.includes(k)), ...overrides];
  };
  return { s, training, name, fields };
}

describe("rule pages: access", () => {
  it("only HR development opens the rule pages; everyone else gets 403, signed-out users the sign-in page", async () => {
    const { s, fields } = await setup();
    expect(await statusOf(listLoader(args(await requestAs(s.hrUser.id, "/pflichtschulungen/regeln"))))).toBe(200);
    expect(await statusOf(newLoader(args(await requestAs(s.hrUser.id, "/pflichtschulungen/regeln/neu"))))).toBe(200);
    const rules = await db.complianceRule.count();
    for (const user of [s.employeeUser, s.leaderUser, s.adminUser]) {
      expect(await statusOf(listLoader(args(await requestAs(user.id, "/pflichtschulungen/regeln"))))).toBe(403);
      expect(await statusOf(newLoader(args(await requestAs(user.id, "/pflichtschulungen/regeln/neu"))))).toBe(403);
      for (const intent of ["save", "preview", "search:units"]) {
        expect(await statusOf(newAction(args(await post(user.id, "/pflichtschulungen/regeln/neu", fields(intent, [["q-units", "Amt"]])))))).toBe(403);
      }
    }
    expect(await db.complianceRule.count()).toBe(rules);
    expect(await statusOf(listLoader(args(await requestAs(null, "/pflichtschulungen/regeln"))))).toBe(302);
    expect(await statusOf(newAction(args(await requestAs(null, "/pflichtschulungen/regeln/neu", { method: "POST", body: new URLSearchParams(fields("save")) }))))).toBe(302);
  });
});

describe("rule pages: new rule", () => {
  it("previews a draft without saving, keeps it, and searches the pickers", async () => {
    const { s, name, fields, training } = await setup();
    const rules = await db.complianceRule.count();
    const preview = await newAction(args(await post(s.hrUser.id, "/pflichtschulungen/regeln/neu", fields("preview"))));
    expect(await statusOf(Promise.resolve(preview))).toBe(200);
    const result = bodyOf(preview);
    // Leader, employee and colleague in Amt A (with Abteilung A1); nobody has completed: all overdue.
    expect(result.preview?.totals).toMatchObject({ affected: 3, overdue: 3 });
    expect(result.preview?.groups.map((g) => [g.key, g.affected])).toEqual([[s.amtA.id, 3]]);
    expect(result.draft).toMatchObject({ name, trainingIds: [training.id], units: [{ unitId: s.amtA.id, includeSubunits: true }], intervalMonths: "12" });
    expect(result.labels.trainings.map((t) => t.id)).toEqual([training.id]);
    expect(result.labels.units).toEqual([{ id: s.amtA.id, label: `${s.amtA.code} ${s.amtA.name}` }]);
    expect(await db.complianceRule.count()).toBe(rules);

    const search = bodyOf(await newAction(args(await post(s.hrUser.id, "/pflichtschulungen/regeln/neu", fields("search:excludePersons", [["q-excludePersons", s.employee.lastName]])))));
    expect(search.search).toMatchObject({ kind: "excludePersons", q: s.employee.lastName, more: false });
    expect(search.search?.results.map((r) => r.id)).toEqual([s.employee.id]);
    expect(search.draft.name).toBe(name);
    expect(await statusOf(newAction(args(await post(s.hrUser.id, "/pflichtschulungen/regeln/neu", fields("search:everything")))))).toBe(400);
    expect(await statusOf(newAction(args(await post(s.hrUser.id, "/pflichtschulungen/regeln/neu", fields("delete")))))).toBe(400);
  });

  it("bad input answers 400 with German message keys per field and the kept draft; nothing is saved", async () => {
    const { s, fields } = await setup();
    const rules = await db.complianceRule.count();
    const response = await newAction(
      args(await post(s.hrUser.id, "/pflichtschulungen/regeln/neu", fields("save", [["recurrence", "FIXED_YEARLY"], ["yearlyMonth", "2"], ["yearlyDay", "30"], ["legalBasis", " "]], ["units", "unitsSub"]))),
    );
    expect(await statusOf(Promise.resolve(response))).toBe(400);
    const failure = bodyOf(response);
    expect(failure.ok).toBe(false);
    expect(failure.formError).toBe("form.checkFields");
    expect(failure.fieldErrors).toMatchObject({
      legalBasis: ["complianceRules.validation.legalBasisRequired"],
      audience: ["complianceRules.validation.audienceEmpty"],
      yearlyDay: ["complianceRules.validation.yearlyDay"],
    });
    expect(failure.draft).toMatchObject({ recurrence: "FIXED_YEARLY", yearlyMonth: "2", yearlyDay: "30", units: [] });
    // The preview of the same draft fails the same way (and saves nothing either).
    expect(await statusOf(newAction(args(await post(s.hrUser.id, "/pflichtschulungen/regeln/neu", fields("preview", [], ["trainingIds"])))))).toBe(400);
    expect(await db.complianceRule.count()).toBe(rules);
  });

  it("saving creates the rule with its requirements and redirects to the list, which shows its coverage", async () => {
    const { s, name, fields } = await setup();
    const response = (await newAction(args(await post(s.hrUser.id, "/pflichtschulungen/regeln/neu", fields("save"))))) as Response;
    expect(response.status).toBe(302);
    const rule = await db.complianceRule.findUniqueOrThrow({ where: { name } });
    expect(response.headers.get("Location")).toBe(`/pflichtschulungen/regeln?angelegt=${rule.id}`);
    expect(await db.complianceRequirement.count({ where: { ruleId: rule.id, closedOn: null } })).toBe(3);
    const list = (await listLoader(args(await requestAs(s.hrUser.id, "/pflichtschulungen/regeln")))) as Awaited<ReturnType<typeof listLoader>>;
    expect(list.rules.find((r) => r.id === rule.id)?.coverage).toMatchObject({ open: 3, overdue: 3, compliant: 0, rate: 0 });
  });
});

describe("rule pages: edit and archive", () => {
  it("edits a rule: preview shows the change, saving updates the requirements, archiving needs a confirmation", async () => {
    const { s, name, fields } = await setup();
    await newAction(args(await post(s.hrUser.id, "/pflichtschulungen/regeln/neu", fields("save"))));
    const rule = await db.complianceRule.findUniqueOrThrow({ where: { name } });
    const url = `/pflichtschulungen/regeln/${rule.id}`;

    const page = (await editLoader(args(await requestAs(s.hrUser.id, url), { ruleId: rule.id }))) as Awaited<ReturnType<typeof editLoader>>;
    expect(page.draft).toMatchObject({ name, units: [{ unitId: s.amtA.id, includeSubunits: true }] });
    expect(page.coverage.open).toBe(3);
    expect(page.labels.units.map((u) => u.id)).toEqual([s.amtA.id]);
    expect(await statusOf(editLoader(args(await requestAs(s.hrUser.id, "/"), { ruleId: "gibt-es-nicht" })))).toBe(404);

    // Only Amt A itself: employee and colleague (Abteilung A1) would no longer be affected.
    const narrow = fields("preview", [], ["unitsSub"]);
    const preview = bodyOf(await editAction(args(await post(s.hrUser.id, url, narrow), { ruleId: rule.id })));
    expect(preview.preview?.diff).toEqual({ current: 3, newlyAffected: 0, noLongerAffected: 2, newlyOverdue: 0 });
    expect(await db.complianceRequirement.count({ where: { ruleId: rule.id, closedOn: null } })).toBe(3);

    // Others cannot change or archive it.
    for (const user of [s.employeeUser, s.leaderUser, s.adminUser]) {
      expect(await statusOf(editLoader(args(await requestAs(user.id, url), { ruleId: rule.id })))).toBe(403);
      expect(await statusOf(editAction(args(await post(user.id, url, fields("save", [], ["unitsSub"])), { ruleId: rule.id })))).toBe(403);
      expect(await statusOf(editAction(args(await post(user.id, url, [["intent", "archive"], ["confirm", "on"]]), { ruleId: rule.id })))).toBe(403);
    }
    expect(await db.complianceRequirement.count({ where: { ruleId: rule.id, closedOn: null } })).toBe(3);

    const saved = (await editAction(args(await post(s.hrUser.id, url, fields("save", [], ["unitsSub"])), { ruleId: rule.id }))) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/pflichtschulungen/regeln?gespeichert=${rule.id}`);
    const open = await db.complianceRequirement.findMany({ where: { ruleId: rule.id, closedOn: null }, select: { personId: true } });
    expect(open.map((r) => r.personId)).toEqual([s.leader.id]);

    // Bad input on an edit keeps the draft and changes nothing.
    const bad = await editAction(args(await post(s.hrUser.id, url, fields("save", [["intervalMonths", "0"]])), { ruleId: rule.id }));
    expect(await statusOf(Promise.resolve(bad))).toBe(400);
    expect(bodyOf(bad).fieldErrors.intervalMonths).toEqual(["complianceRules.validation.intervalMonths"]);
    expect(bodyOf(bad).draft.intervalMonths).toBe("0");
    expect((await db.complianceRule.findUniqueOrThrow({ where: { id: rule.id } })).intervalMonths).toBe(12);

    // Archive: without the confirmation 400, with it the requirements close.
    const unconfirmed = await editAction(args(await post(s.hrUser.id, url, [["intent", "archive"]]), { ruleId: rule.id }));
    expect(await statusOf(Promise.resolve(unconfirmed))).toBe(400);
    expect(bodyOf<{ archiveError: string }>(unconfirmed).archiveError).toBe("complianceRules.validation.archiveConfirm");
    expect((await db.complianceRule.findUniqueOrThrow({ where: { id: rule.id } })).archivedAt).toBeNull();
    const archived = (await editAction(args(await post(s.hrUser.id, url, [["intent", "archive"], ["confirm", "on"]]), { ruleId: rule.id }))) as Response;
    expect(archived.status).toBe(302);
    expect(archived.headers.get("Location")).toBe("/pflichtschulungen/regeln?archiviert=1");
    expect(await db.complianceRequirement.count({ where: { ruleId: rule.id, closedOn: null } })).toBe(0);
    // Archived: still readable, no longer editable.
    expect(await statusOf(editLoader(args(await requestAs(s.hrUser.id, url), { ruleId: rule.id })))).toBe(200);
    const again = await editAction(args(await post(s.hrUser.id, url, fields("save")), { ruleId: rule.id }));
    expect(await statusOf(Promise.resolve(again))).toBe(400);
    expect(bodyOf(again).formError).toBe("complianceRules.validation.archived");
  });
});
