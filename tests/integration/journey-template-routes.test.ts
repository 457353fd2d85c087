// The template pages as Remix calls them: only HR development opens and changes templates and
// assigns them (403 for employees and leaders, nothing changes), bad input answers 400 with the
// input kept, a group assignment redirects to the cohort page, the cohort and overview pages are
// HR's, and the template-change offer is shown to the owner and applied by the leader, never by
// an outsider.
import { db } from "~/utils/db.server.ts";
import { loader as listLoader } from "~/routes/lernreisen.vorlagen._index.tsx";
import { action as newAction, loader as newLoader } from "~/routes/lernreisen.vorlagen.neu.tsx";
import { action as editAction, loader as editLoader } from "~/routes/lernreisen.vorlagen.$templateId.tsx";
import { loader as cohortLoader } from "~/routes/lernreisen.kohorten.$cohortId.tsx";
import { loader as overviewLoader } from "~/routes/lernreisen.uebersicht.tsx";
import { action as applyAction, loader as applyLoader } from "~/routes/lernreisen.$journeyId_.vorlage.tsx";
import { createAccount, createPerson, createScenario, requestAs } from "../factories.ts";
import { createJourneyTemplate } from "../journey-template-factories.ts";

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

function bodyOf<T>(value: unknown) {
  return (value && typeof value === "object" && "data" in value ? (value as { data: unknown }).data : value) as T;
}

interface Failure {
  ok: false;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
}

describe("template routes", () => {
  it("lets HR create a template and edit a step (version rises); bad input keeps the input", async () => {
    const s = await createScenario(db);
    const created = await newAction(args(await post(s.hrUser.id, "/lernreisen/vorlagen/neu", [["title", "Einarbeitung Bauamt"], ["programme", "ONBOARDING"], ["durationWeeks", "12"], ["description", ""]])));
    expect(created).toBeInstanceOf(Response);
    const location = (created as Response).headers.get("Location")!;
    const templateId = location.split("/").pop()!.split("?")[0]!;
    const page = await editLoader(args(await requestAs(s.hrUser.id, location), { templateId }));
    const phaseId = page.template.phases[0]!.id;

    const bad = await editAction(
      args(await post(s.hrUser.id, `/lernreisen/vorlagen/${templateId}`, [["intent", "addStep"], ["target", `new-${phaseId}`], ["phaseId", phaseId], ["kind", "ELEARNING"], ["title", "Kurs"], ["dueAmount", "zwei"], ["dueUnit", "WEEKS"], ["url", ""]]), { templateId }),
    );
    expect(await statusOf(Promise.resolve(bad))).toBe(400);
    const failure = bodyOf<Failure>(bad);
    expect(failure.fieldErrors).toMatchObject({ dueAmount: ["journeyTemplates.validation.dueAmount"] });
    expect(failure.values).toMatchObject({ title: "Kurs", target: `new-${phaseId}` });

    const ok = await editAction(
      args(await post(s.hrUser.id, `/lernreisen/vorlagen/${templateId}`, [["intent", "addStep"], ["phaseId", phaseId], ["kind", "READING"], ["title", "Leitbild"], ["dueAmount", "2"], ["dueUnit", "WEEKS"]]), { templateId }),
    );
    expect((ok as Response).status).toBe(302);
    const after = await editLoader(args(await requestAs(s.hrUser.id, `/lernreisen/vorlagen/${templateId}`), { templateId }));
    expect(after.template.version).toBe(2);
    expect(after.template.phases[0]!.steps[0]).toMatchObject({ title: "Leitbild", label: "Woche 2" });
    const list = await listLoader(args(await requestAs(s.hrUser.id, "/lernreisen/vorlagen")));
    expect(list.templates.find((t) => t.id === templateId)).toMatchObject({ version: 2, steps: 1 });
  });

  it("refuses employees and leaders (403) and changes nothing", async () => {
    const s = await createScenario(db);
    const t = await createJourneyTemplate(db);
    for (const userId of [s.employeeUser.id, s.leaderUser.id]) {
      expect(await statusOf(listLoader(args(await requestAs(userId, "/lernreisen/vorlagen"))))).toBe(403);
      expect(await statusOf(newLoader(args(await requestAs(userId, "/lernreisen/vorlagen/neu"))))).toBe(403);
      expect(await statusOf(editLoader(args(await requestAs(userId, `/lernreisen/vorlagen/${t.id}`), { templateId: t.id })))).toBe(403);
      expect(await statusOf(editAction(args(await post(userId, `/lernreisen/vorlagen/${t.id}`, [["intent", "addPhase"], ["title", "X"]]), { templateId: t.id })))).toBe(403);
      expect(await statusOf(overviewLoader(args(await requestAs(userId, "/lernreisen/uebersicht"))))).toBe(403);
    }
    expect((await db.journeyTemplate.findUniqueOrThrow({ where: { id: t.id } })).version).toBe(1);
    expect(await statusOf(editLoader(args(await requestAs(s.hrUser.id, "/lernreisen/vorlagen/nope"), { templateId: "nope" })))).toBe(404);
  });

  it("previews and assigns to a unit, redirecting to the cohort page with the counts", async () => {
    const s = await createScenario(db);
    const t = await createJourneyTemplate(db);
    const fields: [string, string][] = [["audienceKind", "UNIT"], ["unitId", s.amtA.id], ["includeSubunits", "on"], ["startsOn", "2026-12-01"], ["title", "Amt A Einarbeitung"], ["persons", ""]];
    const preview = bodyOf<{ ok: true; preview: { count: number; skipped: number } }>(await editAction(args(await post(s.hrUser.id, `/lernreisen/vorlagen/${t.id}`, [["intent", "preview"], ...fields]), { templateId: t.id })));
    expect(preview.preview).toMatchObject({ count: 3, skipped: 0 });
    expect(await db.journeyCohort.count({ where: { templateId: t.id } })).toBe(0);
    const assigned = await editAction(args(await post(s.hrUser.id, `/lernreisen/vorlagen/${t.id}`, [["intent", "assign"], ...fields]), { templateId: t.id }));
    const location = (assigned as Response).headers.get("Location")!;
    expect(location).toMatch(/^\/lernreisen\/kohorten\/.+\?angelegt=3&uebersprungen=0$/);
    const cohortId = location.split("/").pop()!.split("?")[0]!;
    const view = await cohortLoader(args(await requestAs(s.hrUser.id, location), { cohortId }));
    expect(view.total).toBe(3);
    expect(view.participants).toHaveLength(3);
    expect(await statusOf(cohortLoader(args(await requestAs(s.leaderUser.id, location), { cohortId })))).toBe(403);
    const overview = await overviewLoader(args(await requestAs(s.hrUser.id, "/lernreisen/uebersicht")));
    expect(overview.cohorts.find((c) => c.id === cohortId)).toMatchObject({ total: 3 });
    expect(Array.isArray(overview.unclosableGaps)).toBe(true);

    // One person by personnel number: a single journey, no cohort, straight to the journey.
    const other = await createJourneyTemplate(db);
    const person = await db.person.findUniqueOrThrow({ where: { id: s.outsider.id } });
    const single = await editAction(args(await post(s.hrUser.id, `/lernreisen/vorlagen/${other.id}`, [["intent", "assign"], ["audienceKind", "PERSONS"], ["persons", person.personnelNumber], ["startsOn", "2026-12-01"]]), { templateId: other.id }));
    expect((single as Response).headers.get("Location")).toMatch(/^\/lernreisen\/[^/]+$/);
    // An unknown personnel number: 400, the list kept.
    const unknown = await editAction(args(await post(s.hrUser.id, `/lernreisen/vorlagen/${other.id}`, [["intent", "assign"], ["target", "assign"], ["audienceKind", "PERSONS"], ["persons", "X-GIBT-ES-NICHT"], ["startsOn", "2026-12-01"]]), { templateId: other.id }));
    expect(bodyOf<Failure>(unknown).fieldErrors.persons).toEqual(["journeyTemplates.validation.personsUnknown"]);
    expect(bodyOf<Failure>(unknown).values.persons).toBe("X-GIBT-ES-NICHT");
  });

  it("offers template changes to the owner; the leader applies them; an outsider gets 403", async () => {
    const s = await createScenario(db);
    const t = await createJourneyTemplate(db);
    const assigned = await editAction(
      args(await post(s.hrUser.id, `/lernreisen/vorlagen/${t.id}`, [["intent", "assign"], ["audienceKind", "PERSONS"], ["persons", (await db.person.findUniqueOrThrow({ where: { id: s.employee.id } })).personnelNumber], ["startsOn", "2026-12-01"]]), { templateId: t.id }),
    );
    const journeyId = (assigned as Response).headers.get("Location")!.split("/").pop()!;
    const upToDate = await applyLoader(args(await requestAs(s.employeeUser.id, `/lernreisen/${journeyId}/vorlage`), { journeyId }));
    expect(upToDate.diff).toBeNull();
    await editAction(args(await post(s.hrUser.id, `/lernreisen/vorlagen/${t.id}`, [["intent", "addStep"], ["phaseId", t.phases[1]!.id], ["kind", "MENTORING"], ["title", "Mentoring"], ["dueAmount", "1"], ["dueUnit", "MONTHS"]]), { templateId: t.id }));
    const offer = await applyLoader(args(await requestAs(s.employeeUser.id, `/lernreisen/${journeyId}/vorlage`), { journeyId }));
    expect(offer.diff!.added.map((a) => [a.title, a.dueOn])).toEqual([["Mentoring", "2027-01-01"]]);
    expect(offer.canApply).toBe(true);

    const outsider = await createAccount(db, await createPerson(db, { unit: s.amtB }));
    expect(await statusOf(applyLoader(args(await requestAs(outsider.id, `/lernreisen/${journeyId}/vorlage`), { journeyId })))).toBe(403);
    expect(await statusOf(applyAction(args(await post(outsider.id, `/lernreisen/${journeyId}/vorlage`, []), { journeyId })))).toBe(403);
    expect(await db.journeyStep.count({ where: { journeyId } })).toBe(3);

    const applied = await applyAction(args(await post(s.leaderUser.id, `/lernreisen/${journeyId}/vorlage`, []), { journeyId }));
    expect((applied as Response).headers.get("Location")).toBe(`/lernreisen/${journeyId}?vorlageUebernommen=1`);
    expect(await db.journeyStep.count({ where: { journeyId } })).toBe(4);
    const again = await applyAction(args(await post(s.leaderUser.id, `/lernreisen/${journeyId}/vorlage`, []), { journeyId }));
    expect(await statusOf(Promise.resolve(again))).toBe(400);
  });
});
