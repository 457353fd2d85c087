// "Personalverwaltung" and "Befreiungen" of a person as Remix calls them: HR reads and writes,
// leaders and employees are refused (nothing changes), an unknown person is 404, and a wrong
// input comes back as German messages with the input kept.
import { db } from "~/utils/db.server.ts";
import { getT } from "~/utils/i18n.ts";
import { todayInBerlin, addDays } from "~/modules/compliance/days.ts";
import { syncRequirements } from "~/modules/compliance/sync.server.ts";
import { action as adminAction, loader as adminLoader } from "~/routes/personen.$personId_.verwaltung.tsx";
import { action as exemptionAction, loader as exemptionLoader } from "~/routes/personen.$personId_.befreiungen.tsx";
import { loader as personLoader } from "~/routes/personen.$personId.tsx";
import { createAccount, createScenario, requestAs } from "../factories.ts";
import { createPosition, createRule, createTrainingOnly } from "../life-events-factories.ts";

type Args = Parameters<typeof adminLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, body: value };
    if (value && typeof value === "object" && "data" in value && "init" in value) {
      const v = value as { data: unknown; init: { status?: number } | null };
      return { status: v.init?.status ?? 200, body: v.data };
    }
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: thrown.headers.get("Location") ?? (await thrown.text()) };
    throw thrown;
  }
}

const de = getT("de");
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

async function setup() {
  const s = await createScenario(db);
  const training = await createTrainingOnly(db, "Erste Hilfe");
  const rule = await createRule(db, { trainingIds: [training.id], audience: { units: [{ unitId: s.amtB.id, includeSubunits: true }] }, name: `Erste Hilfe ${Math.random().toString(36).slice(2, 8)}` });
  const positionB = await createPosition(db, s.amtB, "Sachbearbeitung Kasse");
  const today = todayInBerlin();
  await db.$transaction((tx) => syncRequirements(tx, { personIds: [s.employee.id, s.outsider.id], ruleIds: [rule.id], cause: "test", today }));
  const outsiderUser = await createAccount(db, s.outsider);
  return { s, rule, positionB, today, outsiderUser };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const adminUrl = (personId: string, search = "") => `/personen/${personId}/verwaltung${search}`;
const exemptionUrl = (personId: string) => `/personen/${personId}/befreiungen`;
const loadAdmin = async (userId: string | null, personId: string, search = "") => outcome(adminLoader(args(await requestAs(userId, adminUrl(personId, search)), { personId })));
const postAdmin = async (userId: string, personId: string, fields: Record<string, string>) =>
  outcome(adminAction(args(await requestAs(userId, adminUrl(personId), { method: "POST", body: form(fields) }), { personId })));
const loadExemptions = async (userId: string | null, personId: string) => outcome(exemptionLoader(args(await requestAs(userId, exemptionUrl(personId)), { personId })));
const postExemption = async (userId: string, personId: string, fields: Record<string, string>) =>
  outcome(exemptionAction(args(await requestAs(userId, exemptionUrl(personId), { method: "POST", body: form(fields) }), { personId })));

async function stateOf(ctx: Setup) {
  const personId = ctx.s.employee.id;
  const [person, assignments, absences, flags, exemptions, requirements] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: personId }, select: { status: true, exitDate: true, orgUnitId: true } }),
    db.positionAssignment.findMany({ where: { personId }, orderBy: { startDate: "asc" }, select: { id: true, endDate: true } }),
    db.personAbsence.findMany({ where: { personId }, select: { id: true, endOn: true } }),
    db.personFlag.findMany({ where: { personId } }),
    db.complianceExemption.findMany({ where: { personId }, select: { id: true, revokedAt: true } }),
    db.complianceRequirement.findMany({ where: { personId }, select: { ruleId: true, closedOn: true, dueOn: true, exemptUntil: true, pausedFrom: true } }),
  ]);
  return { person, assignments, absences, flags, exemptions, requirements };
}

describe("Personalverwaltung", () => {
  it("shows HR the person's position and forms; the position search narrows the choice", async () => {
    const ctx = await setup();
    const page = await loadAdmin(ctx.s.hrUser.id, ctx.s.employee.id);
    expect(page.status).toBe(200);
    const body = page.body as Awaited<ReturnType<typeof adminLoader>>;
    expect(body.person).toMatchObject({ id: ctx.s.employee.id, status: "ACTIVE", entryOn: "2020-01-01" });
    expect(body.current?.position.id).toBe(ctx.s.employee.position.id);
    expect(body.positions.length).toBeGreaterThan(0);
    const searched = (await loadAdmin(ctx.s.hrUser.id, ctx.s.employee.id, "?q=kasse")).body as Awaited<ReturnType<typeof adminLoader>>;
    expect(searched.q).toBe("kasse");
    expect(searched.positions.map((p) => p.id)).toContain(ctx.positionB.id);
    expect(searched.positions.every((p) => p.title.toLowerCase().includes("kasse") || p.unitName.toLowerCase().includes("kasse"))).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "lifeevent.read", affectedPersonId: ctx.s.employee.id } })).toBe(2);
  });

  it("refuses leader, employee and outsider; unknown person is 404; signed out goes to the login", async () => {
    const ctx = await setup();
    expect((await loadAdmin(ctx.s.leaderUser.id, ctx.s.employee.id)).status).toBe(403);
    expect((await loadAdmin(ctx.s.employeeUser.id, ctx.s.employee.id)).status).toBe(403);
    expect((await loadAdmin(ctx.outsiderUser.id, ctx.s.employee.id)).status).toBe(403);
    expect((await loadAdmin(ctx.s.hrUser.id, "no-such-person")).status).toBe(404);
    const signedOut = await loadAdmin(null, ctx.s.employee.id);
    expect(signedOut.status).toBe(302);
    expect(String(signedOut.body)).toContain("/login");

    const before = await stateOf(ctx);
    const writes: Record<string, string>[] = [
      { intent: "position", positionId: ctx.positionB.id, startOn: ctx.today },
      { intent: "absence", kind: "PARENTAL_LEAVE", startOn: ctx.today, endOn: "" },
      { intent: "exit", exitOn: ctx.today },
      { intent: "flag-set", flag: "FIRST_AIDER", since: ctx.today },
    ];
    for (const fields of writes) {
      expect((await postAdmin(ctx.s.leaderUser.id, ctx.s.employee.id, fields)).status).toBe(403);
      expect((await postAdmin(ctx.s.employeeUser.id, ctx.s.employee.id, fields)).status).toBe(403);
    }
    expect((await postAdmin(ctx.s.hrUser.id, "no-such-person", writes[0]!)).status).toBe(404);
    expect((await postAdmin(ctx.s.hrUser.id, ctx.s.employee.id, { intent: "promote" })).status).toBe(400);
    expect(await stateOf(ctx)).toEqual(before);
  });

  it("HR records a job change: the person's unit follows and the requirement of the new unit starts", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    expect(await db.complianceRequirement.findUnique({ where: { ruleId_personId: { ruleId: ctx.rule.id, personId } } })).toBeNull();
    const saved = await postAdmin(ctx.s.hrUser.id, personId, { intent: "position", positionId: ctx.positionB.id, startOn: ctx.today, personId: ctx.s.outsider.id });
    expect(saved).toMatchObject({ status: 200, body: { ok: true, intent: "position", message: "lifeEvents.saved.position" } });
    expect(de("lifeEvents.saved.position")).toBe("Der Stellenwechsel ist gespeichert.");
    expect(await db.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ orgUnitId: ctx.s.amtB.id });
    // The person of the URL is changed, never one smuggled into the form.
    expect(await db.positionAssignment.count({ where: { personId: ctx.s.outsider.id } })).toBe(1);
    expect(await db.complianceRequirement.findUnique({ where: { ruleId_personId: { ruleId: ctx.rule.id, personId } } })).toMatchObject({ closedOn: null, audienceSince: ctx.today, dueOn: addDays(ctx.today, 30) });
  });

  it("wrong input comes back as German messages with the input kept, and nothing is saved", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    const before = await stateOf(ctx);

    const absence = await postAdmin(ctx.s.hrUser.id, personId, { intent: "absence", kind: "LONG_ILLNESS", startOn: "2026-10-10", endOn: "2026-10-01", note: "Reha" });
    expect(absence.status).toBe(400);
    expect(absence.body).toMatchObject({
      ok: false,
      intent: "absence",
      formError: "form.checkFields",
      fieldErrors: { endOn: ["lifeEvents.error.endBeforeStart"] },
      values: { kind: "LONG_ILLNESS", startOn: "2026-10-10", endOn: "2026-10-01", note: "Reha" },
    });
    expect(de("lifeEvents.error.endBeforeStart")).toBe("Das Ende darf nicht vor dem Beginn liegen.");
    expect(de("form.checkFields")).toBe("Bitte prüfen Sie die markierten Felder.");

    const change = await postAdmin(ctx.s.hrUser.id, personId, { intent: "position", positionId: "", startOn: addDays(ctx.today, 1) });
    expect(change).toMatchObject({ status: 400, body: { fieldErrors: { positionId: ["lifeEvents.error.positionRequired"] }, values: { startOn: addDays(ctx.today, 1) } } });
    expect(de("lifeEvents.error.positionRequired")).toBe("Bitte wählen Sie die neue Stelle.");
    const future = await postAdmin(ctx.s.hrUser.id, personId, { intent: "position", positionId: ctx.positionB.id, startOn: addDays(ctx.today, 1) });
    expect(future).toMatchObject({ status: 400, body: { fieldErrors: { startOn: ["lifeEvents.error.startInFuture"] }, values: { positionId: ctx.positionB.id } } });
    expect(de("lifeEvents.error.startInFuture")).toBe("Der Wechsel darf nicht in der Zukunft liegen.");

    const exit = await postAdmin(ctx.s.hrUser.id, personId, { intent: "exit", exitOn: "31.12.2026" });
    expect(exit).toMatchObject({ status: 400, body: { fieldErrors: { exitOn: ["lifeEvents.error.dateInvalid"] }, values: { exitOn: "31.12.2026" } } });
    const flag = await postAdmin(ctx.s.hrUser.id, personId, { intent: "flag-set", flag: "", since: "" });
    expect(flag).toMatchObject({ status: 400, body: { fieldErrors: { flag: ["lifeEvents.error.flagInvalid"], since: ["lifeEvents.error.sinceRequired"] } } });
    expect(de("lifeEvents.error.flagInvalid")).toBe("Bitte wählen Sie ein Kennzeichen.");
    expect(await stateOf(ctx)).toEqual(before);
  });

  it("HR records and ends an absence, sets and removes a flag, and records an exit", async () => {
    const ctx = await setup();
    const personId = ctx.s.employee.id;
    expect((await postAdmin(ctx.s.hrUser.id, personId, { intent: "absence", kind: "SECONDMENT", startOn: "2026-01-01", endOn: "" })).body).toMatchObject({ ok: true });
    const absence = await db.personAbsence.findFirstOrThrow({ where: { personId } });
    expect(absence).toMatchObject({ kind: "SECONDMENT", endOn: null, recordedById: ctx.s.hrUser.id });
    const overlap = await postAdmin(ctx.s.hrUser.id, personId, { intent: "absence", kind: "OTHER", startOn: "2026-03-01", endOn: "2026-03-31" });
    expect(overlap).toMatchObject({ status: 400, body: { fieldErrors: { startOn: ["lifeEvents.error.absenceOverlap"] } } });
    expect((await postAdmin(ctx.s.hrUser.id, personId, { intent: "absence-end", absenceId: absence.id, endOn: "2026-06-30" })).body).toMatchObject({ ok: true, message: "lifeEvents.saved.absenceEnd" });
    expect(await db.personAbsence.findUniqueOrThrow({ where: { id: absence.id } })).toMatchObject({ endOn: "2026-06-30" });
    // Another person's absence through this person's page: 404.
    expect((await postAdmin(ctx.s.hrUser.id, ctx.s.colleague.id, { intent: "absence-end", absenceId: absence.id, endOn: "2026-07-31" })).status).toBe(404);

    expect((await postAdmin(ctx.s.hrUser.id, personId, { intent: "flag-set", flag: "FIRST_AIDER", since: "2026-05-01" })).body).toMatchObject({ ok: true });
    expect(await db.personFlag.findMany({ where: { personId } })).toEqual([{ personId, flag: "FIRST_AIDER", since: "2026-05-01" }]);
    expect((await postAdmin(ctx.s.hrUser.id, personId, { intent: "flag-remove", flag: "FIRST_AIDER" })).body).toMatchObject({ ok: true });
    expect(await db.personFlag.count({ where: { personId } })).toBe(0);

    expect((await postAdmin(ctx.s.hrUser.id, personId, { intent: "exit", exitOn: ctx.today })).body).toMatchObject({ ok: true });
    expect(await db.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ status: "LEFT" });
    const page = (await loadAdmin(ctx.s.hrUser.id, personId)).body as Awaited<ReturnType<typeof adminLoader>>;
    expect(page.person).toMatchObject({ status: "LEFT", exitOn: ctx.today });
    expect(page.absences).toEqual([expect.objectContaining({ id: absence.id, endOn: "2026-06-30", running: false })]);
  });
});

describe("Befreiungen", () => {
  it("HR grants and revokes; the list shows active and past exemptions", async () => {
    const ctx = await setup();
    const personId = ctx.s.outsider.id;
    const empty = (await loadExemptions(ctx.s.hrUser.id, personId)).body as Awaited<ReturnType<typeof exemptionLoader>>;
    expect(empty).toMatchObject({ active: [], past: [] });
    expect(empty.rules.map((r) => r.id)).toContain(ctx.rule.id);

    const until = addDays(ctx.today, 90);
    const granted = await postExemption(ctx.s.hrUser.id, personId, { intent: "grant", ruleId: ctx.rule.id, reason: "Gleichwertige Schulung beim Roten Kreuz", validUntil: until });
    expect(granted).toMatchObject({ status: 200, body: { ok: true, message: "lifeEvents.saved.grant" } });
    expect(await db.complianceRequirement.findUniqueOrThrow({ where: { ruleId_personId: { ruleId: ctx.rule.id, personId } } })).toMatchObject({ exemptUntil: until });
    const list = (await loadExemptions(ctx.s.hrUser.id, personId)).body as Awaited<ReturnType<typeof exemptionLoader>>;
    expect(list.active).toEqual([expect.objectContaining({ reason: "Gleichwertige Schulung beim Roten Kreuz", validUntil: until, grantedBy: `Hanna ${ctx.s.hrPerson.lastName}` })]);

    const exemptionId = list.active[0]!.id;
    expect((await postExemption(ctx.s.hrUser.id, personId, { intent: "revoke", exemptionId })).body).toMatchObject({ ok: true, message: "lifeEvents.saved.revoke" });
    const after = (await loadExemptions(ctx.s.hrUser.id, personId)).body as Awaited<ReturnType<typeof exemptionLoader>>;
    expect(after.active).toEqual([]);
    expect(after.past).toEqual([expect.objectContaining({ id: exemptionId, revokedOn: expect.any(String), revokedBy: `Hanna ${ctx.s.hrPerson.lastName}` })]);
    expect(await db.complianceRequirement.findUniqueOrThrow({ where: { ruleId_personId: { ruleId: ctx.rule.id, personId } } })).toMatchObject({ exemptUntil: null });
    expect(await db.auditEvent.count({ where: { affectedPersonId: personId, action: { in: ["exemption.grant", "exemption.revoke"] } } })).toBe(2);
  });

  it("an exemption without the HR role is refused; wrong input comes back in German with the input kept", async () => {
    const ctx = await setup();
    const personId = ctx.s.outsider.id;
    expect((await loadExemptions(ctx.s.leaderUser.id, personId)).status).toBe(403);
    expect((await loadExemptions(ctx.s.employeeUser.id, personId)).status).toBe(403);
    expect((await loadExemptions(ctx.s.hrUser.id, "no-such-person")).status).toBe(404);
    const fields = { intent: "grant", ruleId: ctx.rule.id, reason: "Attest", validUntil: addDays(ctx.today, 30) };
    expect((await postExemption(ctx.s.leaderUser.id, personId, fields)).status).toBe(403);
    expect((await postExemption(ctx.s.employeeUser.id, personId, fields)).status).toBe(403);
    expect((await postExemption(ctx.outsiderUser.id, personId, fields)).status).toBe(403);
    expect((await postExemption(ctx.s.hrUser.id, "no-such-person", fields)).status).toBe(404);
    // HR does not exempt themselves.
    expect((await postExemption(ctx.s.hrUser.id, ctx.s.hrPerson.id, fields)).status).toBe(403);

    const bad = await postExemption(ctx.s.hrUser.id, personId, { intent: "grant", ruleId: ctx.rule.id, reason: "  ", validUntil: addDays(ctx.today, 365 * 6) });
    expect(bad).toMatchObject({
      status: 400,
      body: { ok: false, intent: "grant", fieldErrors: { reason: ["lifeEvents.error.reasonRequired"] }, values: { ruleId: ctx.rule.id, validUntil: addDays(ctx.today, 365 * 6) } },
    });
    expect(de("lifeEvents.error.reasonRequired")).toBe("Bitte geben Sie einen Grund an.");
    const tooFar = await postExemption(ctx.s.hrUser.id, personId, { ...fields, validUntil: addDays(ctx.today, 365 * 6) });
    expect(tooFar).toMatchObject({ status: 400, body: { fieldErrors: { validUntil: ["lifeEvents.error.untilTooFar"] }, values: { reason: "Attest" } } });
    expect(de("lifeEvents.error.untilTooFar")).toBe("Eine Befreiung gilt höchstens fünf Jahre.");
    const past = await postExemption(ctx.s.hrUser.id, personId, { ...fields, validUntil: ctx.today });
    expect(past).toMatchObject({ status: 400, body: { fieldErrors: { validUntil: ["lifeEvents.error.untilNotFuture"] } } });
    expect(await db.complianceExemption.count({ where: { personId } })).toBe(0);
    expect(await db.complianceRequirement.findUniqueOrThrow({ where: { ruleId_personId: { ruleId: ctx.rule.id, personId } } })).toMatchObject({ exemptUntil: null });
  });
});

describe("person page", () => {
  it("links HR to both pages, nobody else", async () => {
    const ctx = await setup();
    const asHr = await outcome(personLoader(args(await requestAs(ctx.s.hrUser.id, `/personen/${ctx.s.employee.id}`), { personId: ctx.s.employee.id })));
    expect(asHr.body).toMatchObject({ hrLinks: true });
    const asLeader = await outcome(personLoader(args(await requestAs(ctx.s.leaderUser.id, `/personen/${ctx.s.employee.id}`), { personId: ctx.s.employee.id })));
    expect(asLeader.body).toMatchObject({ hrLinks: false });
  });
});
