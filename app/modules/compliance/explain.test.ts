import { getT } from "~/utils/i18n.ts";
import { explainEvent, explainRequirement, type ExplainLine, type ExplainParam, type ExplainRule, type ExplainRequirement } from "./explain.ts";

const names = {
  units: new Map([["u1", "Amt für Digitalisierung"]]),
  positions: new Map([["p1", "Sachbearbeitung Vergabe"]]),
  roleProfiles: new Map([["r1", "Ersthilfe"]]),
};

const rolling: ExplainRule = {
  firstDueMode: "AFTER_ENTRY",
  firstDueDays: 90,
  firstDueDate: null,
  recurrence: "ROLLING",
  intervalMonths: 24,
  yearlyMonth: null,
  yearlyDay: null,
  dueSoonDays: 30,
  graceDays: 0,
};

const base: ExplainRequirement = {
  audienceSince: "2026-03-01",
  reasons: [{ kind: "everyone", since: "2026-03-01" }],
  completedOn: null,
  validUntil: null,
  dueOn: "2026-05-30",
  dueSoonFrom: "2026-04-30",
  overdueFrom: "2026-05-31",
  pausedFrom: null,
  pausedUntil: null,
  exemptUntil: null,
};

const ctx = { entryOn: "2026-03-01", today: "2026-11-27", names };

/** The German text, as the page renders it (days as dd.mm.yyyy). */
function render(line: ExplainLine, context?: "them", locale: "de" | "en" = "de") {
  const t = getT(locale);
  const param = (v: ExplainParam): string | number => {
    if (typeof v === "string" || typeof v === "number") return v;
    if ("day" in v) return v.day.split("-").reverse().join(".");
    if ("monthDay" in v) return `${v.monthDay.day}.${v.monthDay.month}.`;
    return t(v.key);
  };
  const key = context ? `${line.key}_${context}` : line.key;
  return t(line.key, { ...Object.fromEntries(Object.entries(line.params).map(([k, v]) => [k, param(v)])), context, defaultValue: `MISSING ${key}` });
}

function expectTranslated(lines: ExplainLine[]) {
  for (const locale of ["de", "en"] as const) {
    const t = getT(locale);
    for (const line of lines) {
      expect(t(line.key, { defaultValue: "MISSING" }), `${locale}: ${line.key}`).not.toBe("MISSING");
      for (const value of Object.values(line.params)) {
        if (typeof value === "object" && "key" in value) expect(t(value.key, { defaultValue: "MISSING" }), `${locale}: ${value.key}`).not.toBe("MISSING");
      }
    }
  }
}

describe("explainRequirement", () => {
  it("explains an everyone rule due 90 days after entry, rolling every 24 months", () => {
    const why = explainRequirement(rolling, base, ctx);
    expect(why.audience.map((l) => render(l))).toEqual(["Diese Pflichtschulung gilt für alle Beschäftigten. Sie gehören seit Ihrem Dienstantritt am 01.03.2026 dazu."]);
    expect(render(why.audience[0]!, "them")).toBe("Diese Pflichtschulung gilt für alle Beschäftigten, also auch für diese Person (seit dem Dienstantritt am 01.03.2026).");
    expect(why.due.map((l) => render(l))).toEqual([
      "Erstmals fällig 90 Tage nach dem Dienstantritt am 01.03.2026, also am 30.05.2026.",
      "Danach ist sie alle 24 Monate zu wiederholen, gerechnet ab dem jeweils letzten Abschluss.",
      "Fällig am 30.05.2026.",
      "Als „bald fällig“ gilt sie ab dem 30.04.2026 (30 Tage vorher).",
      "Überfällig ab dem 31.05.2026.",
    ]);
    expect(why.special).toEqual([]);
  });

  it("names the unit, position, role profile, leadership and designation, and the day the rule applies from", () => {
    const why = explainRequirement(
      { ...rolling, firstDueMode: "AFTER_JOINING", firstDueDays: 30 },
      {
        ...base,
        audienceSince: "2025-07-01",
        reasons: [
          { kind: "unit", unitId: "u1", includeSubunits: true, since: "2025-07-01" },
          { kind: "unit", unitId: "gone", includeSubunits: false, since: "2025-07-01" },
          { kind: "position", positionId: "p1", since: "2025-09-01" },
          { kind: "roleProfile", roleProfileId: "r1", since: "2025-09-01" },
          { kind: "leader", since: "2026-01-01" },
          { kind: "flag", flag: "FIRST_AIDER", since: "2026-02-01" },
        ],
      },
      ctx,
    );
    expect(why.audience.map((l) => render(l))).toEqual([
      "Sie gilt für Amt für Digitalisierung mit allen Untereinheiten; Sie arbeiten seit dem 01.07.2025 dort.",
      "Sie gilt für die Organisationseinheit (eine nicht mehr vorhandene Einheit), in der Sie seit dem 01.07.2025 arbeiten.",
      "Sie gilt für die Stelle „Sachbearbeitung Vergabe“, die Sie seit dem 01.09.2025 innehaben.",
      "Sie gilt für Stellen mit dem Rollenprofil „Ersthilfe“; Ihre Stelle gehört seit dem 01.09.2025 dazu.",
      "Sie gilt für Führungskräfte; Sie führen seit dem 01.01.2026.",
      "Sie gilt für Beschäftigte mit der Benennung „Ersthelfer*in“; Sie haben diese Benennung seit dem 01.02.2026.",
      "Damit gilt sie für Sie seit dem 01.07.2025.",
    ]);
    expect(render(why.due[0]!)).toBe("Erstmals fällig 30 Tage nach dem Beginn der Zugehörigkeit zur Zielgruppe am 01.07.2025, also am 31.07.2025.");
    expectTranslated([...why.audience, ...why.due]);
  });

  it("explains a first due date after entry that the audience date overtakes", () => {
    const why = explainRequirement(rolling, { ...base, audienceSince: "2026-09-01", dueOn: "2026-09-01" }, { ...ctx, entryOn: "2020-01-01" });
    expect(render(why.due[0]!)).toBe("Erstmals fällig 90 Tage nach dem Dienstantritt am 01.01.2020; weil die Regel erst seit dem 01.09.2026 gilt, ist sie ab diesem Tag fällig.");
  });

  it("explains fixed dates, late joiners and fixed yearly dates", () => {
    const fixed = { ...rolling, firstDueMode: "FIXED_DATE" as const, firstDueDays: 60, firstDueDate: "2026-06-30" };
    expect(render(explainRequirement(fixed, { ...base, audienceSince: "2026-01-01" }, ctx).due[0]!)).toBe("Erstmals fällig zum festen Termin am 30.06.2026.");
    expect(render(explainRequirement(fixed, { ...base, audienceSince: "2026-06-01" }, ctx).due[0]!)).toBe(
      "Der feste Termin am 30.06.2026 wäre zu früh: Wer erst am 01.06.2026 hinzukam, hat 60 Tage Zeit.",
    );
    const yearly = { ...fixed, firstDueDate: null, recurrence: "FIXED_YEARLY" as const, intervalMonths: null, yearlyMonth: 3, yearlyDay: 31 };
    const why = explainRequirement(yearly, { ...base, audienceSince: "2026-02-15" }, ctx);
    expect(why.due[0]).toEqual({ key: "compliance.why.first.fixedYearly", params: { yearly: { monthDay: { month: 3, day: 31 } }, days: 60, since: { day: "2026-02-15" } } });
    expect(why.due[1]).toEqual({ key: "compliance.why.recurrence.fixedYearly", params: { yearly: { monthDay: { month: 3, day: 31 } } } });
    expectTranslated([...why.due]);
  });

  it("explains a completion, one from before joining the audience, a one-off, grace days, pauses and exemptions", () => {
    const done = explainRequirement(
      rolling,
      { ...base, completedOn: "2026-04-10", validUntil: "2028-04-10", dueOn: "2028-04-10", dueSoonFrom: "2028-03-11", overdueFrom: "2028-04-11" },
      { ...ctx, completedTraining: "Datenschutz kompakt" },
    );
    expect(done.due.slice(0, 2).map((l) => render(l))).toEqual([
      "Abgeschlossen am 10.04.2026 mit „Datenschutz kompakt“.",
      "Wiederholung alle 24 Monate ab dem letzten Abschluss am 10.04.2026: gültig bis zum 10.04.2028.",
    ]);
    const before = explainRequirement(rolling, { ...base, completedOn: "2025-11-01", validUntil: "2027-11-01", dueOn: "2027-11-01" }, ctx);
    expect(render(before.due[0]!)).toBe(
      "Angerechnet wird „eine anerkannte Schulung“ vom 01.11.2025: Der Abschluss liegt vor dem Beginn der Zugehörigkeit am 01.03.2026, war da aber noch gültig.",
    );
    const once = explainRequirement({ ...rolling, recurrence: "NONE", intervalMonths: null }, { ...base, completedOn: "2026-04-10", validUntil: null, dueOn: null, dueSoonFrom: null, overdueFrom: null }, ctx);
    expect(once.due.map((l) => l.key)).toEqual(["compliance.why.completion.done", "compliance.why.completion.forever"]);
    // A certificate that expires before the rule's yearly date (31 March): the earlier day counts.
    const yearly = { ...rolling, recurrence: "FIXED_YEARLY" as const, intervalMonths: null, yearlyMonth: 3, yearlyDay: 31 };
    const early = explainRequirement(yearly, { ...base, completedOn: "2026-01-10", validUntil: "2026-11-02", dueOn: "2026-11-02" }, ctx);
    expect(early.due.slice(1).map((l) => l.key)).toEqual(["compliance.why.completion.expiresEarly", "compliance.why.recurrence.fixedYearly", "compliance.why.dueOn", "compliance.why.dueSoonFrom", "compliance.why.overdueFrom"]);
    expect(render(early.due[1]!)).toBe("Der Nachweis gilt nur bis zum 02.11.2026, früher als die Wiederholung nach der Regel (bis zum 31.03.2027).");
    const onDate = explainRequirement(yearly, { ...base, completedOn: "2026-01-10", validUntil: "2027-03-31", dueOn: "2027-03-31" }, ctx);
    expect(onDate.due[1]!.key).toBe("compliance.why.completion.fixedYearly");
    const grace = explainRequirement({ ...rolling, graceDays: 14 }, { ...base, overdueFrom: "2026-06-14" }, ctx);
    expect(render(grace.due.at(-1)!)).toBe("Überfällig ab dem 14.06.2026, nach einer Nachfrist von 14 Tagen.");

    const paused = explainRequirement(rolling, { ...base, pausedFrom: "2026-10-01", pausedUntil: null, exemptUntil: "2027-03-31" }, { ...ctx, exemptionReason: "Langzeitprojekt" });
    expect(paused.special.map((l) => render(l))).toEqual([
      "Die Frist ruht wegen einer längeren Abwesenheit seit dem 01.10.2026. Wenn sie endet, läuft die verbleibende Zeit weiter.",
      "Befreit bis zum 31.03.2027.",
      "Begründung der Befreiung: Langzeitprojekt",
    ]);
    const resumed = explainRequirement(rolling, { ...base, pausedFrom: "2026-01-01", pausedUntil: "2026-06-30", exemptUntil: "2026-01-31" }, ctx);
    expect(resumed.special.map((l) => l.key)).toEqual(["compliance.why.paused.past"]);
    const current = explainRequirement(rolling, { ...base, pausedFrom: "2026-11-01", pausedUntil: "2027-01-31" }, ctx);
    expect(current.special.map((l) => l.key)).toEqual(["compliance.why.paused.range"]);
    expectTranslated([...early.due, ...done.due, ...before.due, ...once.due, ...grace.due, ...paused.special, ...resumed.special, ...current.special]);
  });
});

describe("explainEvent", () => {
  it("turns the stored history into messages with their cause", () => {
    expect(render(explainEvent("STARTED", JSON.stringify({ dueOn: "2026-12-10", cause: "rule.created" })))).toBe("Gilt ab jetzt; fällig am 10.12.2026 (Anlass: eine Änderung der Regel).");
    expect(render(explainEvent("CHANGED", JSON.stringify({ dueOn: "2028-12-01", previousDueOn: "2026-12-10", cause: "completion" })))).toBe(
      "Fälligkeit vom 10.12.2026 auf den 01.12.2028 geändert (Anlass: ein Schulungsabschluss).",
    );
    expect(render(explainEvent("CHANGED", JSON.stringify({ dueOn: "2027-02-01", previousDueOn: "2026-12-10", cause: "lifeevent.absence" })))).toContain("(Anlass: eine Abwesenheit)");
    expect(render(explainEvent("CLOSED", JSON.stringify({ reason: "LEFT_AUDIENCE", cause: "lifeevent.position" })))).toBe(
      "Gilt nicht mehr: nicht mehr in der Zielgruppe (Anlass: ein Stellen- oder Einheitswechsel).",
    );
    expect(render(explainEvent("REOPENED", JSON.stringify({ dueOn: null, cause: "something.new" })))).toBe("Gilt wieder; bereits erfüllt (Anlass: eine Änderung).");
    expect(render(explainEvent("CHANGED", "not json"))).toBe("Angaben aktualisiert (Anlass: eine Änderung).");
    expect(render(explainEvent("CHANGED", JSON.stringify({ dueOn: null, previousDueOn: "2026-12-10", cause: "exemption.grant" })), undefined, "en")).toBe(
      "Fulfilled, nothing further due (cause: an exemption).",
    );
  });
});
