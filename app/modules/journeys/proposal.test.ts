import { proposeJourney, trainingClosesGap, type ProposalGap, type ProposalTraining } from "./proposal.ts";

// 2026-11-27 10:00 UTC (a Friday); the planned time frame ends 2027-02-27.
const NOW = new Date("2026-11-27T10:00:00Z");

function gap(code: string, required: number, current: number, importance: ProposalGap["importance"] = "IMPORTANT"): ProposalGap {
  return { competencyId: `c-${code}`, lineageId: `l-${code}`, code, name: `Kompetenz ${code}`, required, current, importance };
}

function training(code: string, levels: Record<string, number>, { duration = 240, sessions = [] as { id?: string; day: string; free?: number }[] } = {}): ProposalTraining {
  return {
    id: `t-${code}`,
    code,
    title: `Schulung ${code}`,
    durationMinutes: duration,
    competencies: Object.entries(levels).map(([c, targetLevel]) => ({ lineageId: `l-${c}`, targetLevel })),
    openSessions: sessions.map((s, i) => ({
      id: s.id ?? `s-${code}-${i}`,
      startsAt: new Date(`${s.day}T08:00:00Z`),
      endsAt: new Date(`${s.day}T15:00:00Z`),
      freeSeats: s.free ?? 5,
    })),
  };
}

const steps = (p: ReturnType<typeof proposeJourney>) => p.phases.flatMap((ph) => ph.steps);

describe("trainingClosesGap", () => {
  it("needs the required level and a level above the current one", () => {
    expect(trainingClosesGap({ required: 3, current: 1 }, 3)).toBe(true);
    expect(trainingClosesGap({ required: 3, current: 1 }, 4)).toBe(true);
    expect(trainingClosesGap({ required: 3, current: 1 }, 2)).toBe(false);
    expect(trainingClosesGap({ required: 2, current: 2 }, 2)).toBe(false);
  });
});

describe("proposeJourney", () => {
  it("chooses the training that reaches the required level and says why", () => {
    const p = proposeJourney({
      gaps: [gap("K.1", 3, 1, "ESSENTIAL")],
      trainings: [training("A-1", { "K.1": 2 }, { sessions: [{ day: "2026-12-03" }] }), training("A-2", { "K.1": 3 }, { sessions: [{ day: "2026-12-10", free: 4 }] })],
      now: NOW,
    });
    expect(steps(p)).toEqual([
      expect.objectContaining({ trainingId: "t-A-2", sessionId: "s-A-2-0", lineageId: "l-K.1", competencyId: "c-K.1", targetLevel: 3, dueOn: "2026-12-10", closes: ["l-K.1"] }),
    ]);
    const rationale = steps(p)[0]!.rationale;
    expect(rationale).toContain("Schließt die Lücke in K.1 Kompetenz K.1 (wesentlich; erforderlich Stufe 3, aktuell Stufe 1).");
    expect(rationale).toContain("Nächster Termin am 10.12.2026 mit freien Plätzen (4 frei).");
    expect(rationale).toContain("Einzige passende Schulung im Katalog.");
    expect(p.unclosable).toEqual([]);
    expect(p.startsOn).toBe("2026-11-27");
    expect(p.emptyMessage).toBeNull();
  });

  it("prefers a training with an upcoming session with free seats", () => {
    const p = proposeJourney({
      gaps: [gap("K.1", 2, 0)],
      // B-1 is shorter and first by code, but has no session; B-2's first session is full.
      trainings: [
        training("B-1", { "K.1": 2 }, { duration: 60 }),
        training("B-2", { "K.1": 2 }, { duration: 480, sessions: [{ day: "2026-12-01", free: 0 }, { day: "2027-01-12", free: 2 }] }),
      ],
      now: NOW,
    });
    const [step] = steps(p);
    expect(step).toMatchObject({ trainingId: "t-B-2", sessionId: "s-B-2-1", dueOn: "2027-01-12" });
    expect(step!.rationale).toContain("Gewählt unter 2 passenden Schulungen, weil sie einen Termin mit freien Plätzen hat.");
    expect(step!.rationale).toContain("aktuell noch nicht eingeschätzt");
  });

  it("prefers one training that closes several gaps at once (fewer steps) and covers them all", () => {
    const p = proposeJourney({
      gaps: [gap("K.1", 2, 1, "ESSENTIAL"), gap("K.2", 3, 1), gap("K.3", 2, 0)],
      trainings: [
        training("C-1", { "K.1": 2 }, { duration: 60, sessions: [{ day: "2026-12-02" }] }),
        training("C-2", { "K.1": 3, "K.2": 3 }, { duration: 480, sessions: [{ day: "2026-12-15" }] }),
        training("C-3", { "K.2": 4, "K.3": 2 }, { duration: 120, sessions: [{ day: "2026-12-20" }] }),
      ],
      now: NOW,
    });
    // C-2 closes K.1 and K.2; then only K.3 is open, and C-3 closes it (without a duplicate of K.2).
    expect(steps(p).map((s) => [s.trainingCode, s.closes])).toEqual([
      ["C-2", ["l-K.1", "l-K.2"]],
      ["C-3", ["l-K.3"]],
    ]);
    expect(steps(p)[0]!.rationale).toContain("Schließt 2 Lücken auf einmal");
    expect(steps(p)[0]!.rationale).toContain("weil sie mehr Ihrer Lücken auf einmal schließt (kürzerer Weg, weniger Schritte)");
    expect(steps(p)[1]!.rationale).toContain("Einzige passende Schulung im Katalog.");
  });

  it("then prefers the shorter training, then the catalogue code", () => {
    const shorter = proposeJourney({
      gaps: [gap("K.1", 2, 0)],
      trainings: [training("D-1", { "K.1": 2 }, { duration: 480 }), training("D-2", { "K.1": 4 }, { duration: 90 }), training("D-3", { "K.1": 2 }, { duration: 0 })],
      now: NOW,
    });
    expect(steps(shorter)[0]).toMatchObject({ trainingCode: "D-2", targetLevel: 4, sessionId: null });
    expect(steps(shorter)[0]!.rationale).toContain("Gewählt unter 3 passenden Schulungen, weil sie kürzer ist (1,5 Std. statt 8 Std.).");
    expect(steps(shorter)[0]!.rationale).toContain("Derzeit kein Termin mit freien Plätzen");

    const byCode = proposeJourney({
      gaps: [gap("K.1", 2, 0)],
      trainings: [training("E-10", { "K.1": 2 }), training("E-9", { "K.1": 2 })],
      now: NOW,
    });
    expect(steps(byCode)[0]!.trainingCode).toBe("E-9");
    expect(steps(byCode)[0]!.rationale).toContain("bei sonst gleichen Voraussetzungen nach Katalognummer");
  });

  it("lists the gaps no training closes as unclosable", () => {
    const p = proposeJourney({
      gaps: [gap("K.1", 3, 1, "ESSENTIAL"), gap("K.2", 2, 0, "DESIRABLE"), gap("K.3", 2, 2)],
      trainings: [training("F-1", { "K.1": 2 }), training("F-2", { "K.2": 2 })],
      now: NOW,
    });
    expect(steps(p).map((s) => s.trainingCode)).toEqual(["F-2"]);
    expect(p.unclosable).toEqual([{ lineageId: "l-K.1", code: "K.1", name: "Kompetenz K.1", required: 3, current: 1, importance: "ESSENTIAL" }]);
    // K.3 is no gap (current = required).
    expect(p.gapCount).toBe(2);
    expect(p.phases.map((ph) => ph.title)).toEqual(["Weitere Lücken"]);
  });

  it("works on essential gaps first and groups them in their own phase", () => {
    const p = proposeJourney({
      gaps: [gap("A.1", 2, 0, "DESIRABLE"), gap("Z.9", 2, 1, "ESSENTIAL"), gap("B.1", 4, 1, "IMPORTANT"), gap("B.2", 2, 1, "IMPORTANT")],
      trainings: [training("G-1", { "A.1": 2 }), training("G-2", { "Z.9": 2 }), training("G-3", { "B.1": 4 }), training("G-4", { "B.2": 2 })],
      now: NOW,
    });
    expect(p.phases.map((ph) => [ph.title, ph.steps.map((s) => s.trainingCode)])).toEqual([
      ["Wesentliche Lücken", ["G-2"]],
      ["Weitere Lücken", ["G-3", "G-4", "G-1"]],
    ]);
    // Without sessions the due days are spread over the three months in step order.
    expect(steps(p).map((s) => s.dueOn)).toEqual(["2026-12-20", "2027-01-12", "2027-02-04", "2027-02-27"]);
    expect(p.endsOn).toBe("2027-02-27");
  });

  it("extends the time frame to a session beyond it", () => {
    const p = proposeJourney({ gaps: [gap("K.1", 2, 0)], trainings: [training("H-1", { "K.1": 2 }, { sessions: [{ day: "2027-04-20" }] })], now: NOW, months: 3 });
    expect(steps(p)[0]!.dueOn).toBe("2027-04-20");
    expect(p.endsOn).toBe("2027-04-20");
  });

  it("is deterministic: the same data in any order gives the same proposal", () => {
    const gaps = [gap("K.1", 2, 0, "ESSENTIAL"), gap("K.2", 3, 1), gap("K.3", 2, 1), gap("K.4", 1, 0)];
    const trainings = [
      training("J-1", { "K.1": 2, "K.3": 2 }, { sessions: [{ day: "2027-01-05" }] }),
      training("J-2", { "K.1": 3 }, { sessions: [{ day: "2026-12-05" }] }),
      training("J-3", { "K.2": 3 }),
      training("J-4", { "K.2": 3, "K.4": 1 }, { duration: 600 }),
    ];
    const a = proposeJourney({ gaps, trainings, now: NOW });
    const b = proposeJourney({ gaps: [...gaps].reverse(), trainings: [...trainings].reverse(), now: NOW });
    expect(b).toEqual(a);
    expect(proposeJourney({ gaps, trainings, now: NOW })).toEqual(a);
    expect(steps(a).map((s) => s.trainingCode)).toEqual(["J-1", "J-4"]);
  });

  it("gives a friendly empty result without gaps", () => {
    const p = proposeJourney({ gaps: [gap("K.1", 2, 2), gap("K.2", 1, 3)], trainings: [training("X-1", { "K.1": 3 })], now: NOW });
    expect(p.phases).toEqual([]);
    expect(p.unclosable).toEqual([]);
    expect(p.gapCount).toBe(0);
    expect(p.emptyMessage).toContain("Keine Kompetenzlücken");
  });
});
