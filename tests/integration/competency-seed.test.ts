// The competency-model part of the demo seed: DigComp 2.2, the municipal core model, role
// profiles and a position profile for every demo position.
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

const LEADER_PROFILE = "Führungskraft als Treiber der Transformation";
const DAY = 86_400_000;

let db: Db;
let drop: () => Promise<void>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  seeded = await seedDemo(db);
}, 120_000);

afterAll(async () => {
  await drop?.();
});

async function hrPersonId() {
  return (await db.person.findUniqueOrThrow({ where: { email: DEMO_EMAILS.hr } })).id;
}

describe("competency seed", () => {
  it("ships DigComp 2.2 with 5 areas, 21 competences, 8 levels in 4 bands and the CC BY attribution", async () => {
    const framework = await db.framework.findFirstOrThrow({
      where: { key: "digcomp-2-2" },
      include: { scale: { include: { levels: { orderBy: { ordinal: "asc" } } } }, nodes: { include: { descriptors: true, parent: true } } },
    });
    expect(framework).toMatchObject({
      version: 1,
      status: "PUBLISHED",
      name: "DigComp 2.2 – Europäischer Referenzrahmen für digitale Kompetenzen",
      source: "European Commission, Joint Research Centre",
      licence: "CC BY 4.0",
    });
    expect(framework.publishedAt).not.toBeNull();
    expect(framework.attribution.startsWith("DigComp 2.2, European Commission, Joint Research Centre (2022), CC BY 4.0")).toBe(true);
    expect(framework.attribution).toContain("Übersetzung und Kürzung");

    const clusters = framework.nodes.filter((n) => n.kind === "CLUSTER");
    const competences = framework.nodes.filter((n) => n.kind === "COMPETENCY");
    expect(clusters.map((c) => c.code).sort()).toEqual(["1", "2", "3", "4", "5"]);
    expect(competences).toHaveLength(21);
    const perArea = [3, 6, 4, 4, 4];
    perArea.forEach((n, i) => expect(competences.filter((c) => c.parent?.code === String(i + 1))).toHaveLength(n));
    for (const c of competences) {
      expect(c.code.startsWith(`${c.parent!.code}.`)).toBe(true);
      expect(c.description.length).toBeGreaterThan(30);
    }
    for (const code of ["1.1", "2.1", "3.1", "4.2"]) {
      const node = competences.find((c) => c.code === code)!;
      expect(node.descriptors.map((d) => d.ordinal).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }

    expect(framework.scale.name).toBe("DigComp 2.2 (8 Stufen)");
    expect(framework.scale.levels.map((l) => l.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(framework.scale.levels.map((l) => l.band)).toEqual([
      "Grundlagen",
      "Grundlagen",
      "Aufbau",
      "Aufbau",
      "Fortgeschritten",
      "Fortgeschritten",
      "Hochspezialisiert",
      "Hochspezialisiert",
    ]);
    for (const level of framework.scale.levels) expect(level.description).not.toBe("");
  });

  it("ships the municipal core model with 6 clusters and four descriptors for every competency", async () => {
    const framework = await db.framework.findFirstOrThrow({
      where: { key: "kernmodell-beispielstadt" },
      include: { scale: { include: { levels: { orderBy: { ordinal: "asc" } } } }, nodes: { include: { descriptors: true, parent: true, relatedTo: true } } },
    });
    expect(framework).toMatchObject({ status: "PUBLISHED", licence: "intern", source: "Eigene Entwicklung, Personalentwicklung (10.3)" });
    expect(framework.scale.levels.map((l) => l.label)).toEqual(["Grundkenntnisse", "Anwendung", "Vertiefung", "Expertise"]);
    const clusters = framework.nodes.filter((n) => n.kind === "CLUSTER");
    expect(clusters.map((c) => c.code).sort()).toEqual(["DK", "FK", "FüK", "MK", "SK", "SeK"].sort());
    const competencies = framework.nodes.filter((n) => n.kind === "COMPETENCY");
    for (const cluster of clusters) {
      const children = competencies.filter((c) => c.parentId === cluster.id);
      expect(children.length).toBeGreaterThanOrEqual(3);
      expect(children.length).toBeLessThanOrEqual(5);
    }
    for (const c of competencies) {
      expect(c.descriptors.map((d) => d.ordinal).sort()).toEqual([1, 2, 3, 4]);
      const indicators = c.indicators.split("\n").filter(Boolean);
      expect(indicators.length).toBeGreaterThanOrEqual(2);
      expect(indicators.length).toBeLessThanOrEqual(4);
      expect(c.code.startsWith(`${c.parent!.code}.`)).toBe(true);
    }
    const leadership = competencies.filter((c) => c.parent!.code === "FüK").map((c) => c.name);
    expect(leadership).toEqual(expect.arrayContaining(["Veränderung gestalten", "Mitarbeitende befähigen und entwickeln", "Digitale Transformation vorantreiben", "Kommunikation und Beteiligung"]));
    expect(competencies.reduce((n, c) => n + c.relatedTo.length, 0)).toBeGreaterThanOrEqual(2);
  });

  it("gives frameworks and role profiles a responsible person and a review date", async () => {
    const hr = await hrPersonId();
    const frameworks = await db.framework.findMany();
    expect(frameworks).toHaveLength(2);
    for (const f of frameworks) expect(f.responsiblePersonId).toBe(hr);
    const soon = frameworks.filter((f) => f.nextReviewAt! > new Date() && f.nextReviewAt!.getTime() < Date.now() + 30 * DAY);
    expect(soon.map((f) => f.key)).toContain("digcomp-2-2");

    const roles = await db.roleProfile.findMany({ include: { requirements: { include: { competency: { include: { framework: { include: { scale: { include: { levels: true } } } } } } } } } });
    expect(roles.map((r) => r.name).sort()).toEqual([LEADER_PROFILE, "Digitalisierungslots*in", "IT-Fachkraft", "Sachbearbeitung"].sort());
    for (const r of roles) {
      expect(r.responsiblePersonId).toBe(hr);
      expect(r.nextReviewAt).not.toBeNull();
      for (const q of r.requirements) {
        expect(q.competency.kind).toBe("COMPETENCY");
        expect(q.targetLevel).toBeGreaterThanOrEqual(1);
        expect(q.targetLevel).toBeLessThanOrEqual(q.competency.framework.scale.levels.length);
      }
    }
    const leader = roles.find((r) => r.name === LEADER_PROFILE)!;
    expect(leader.requirements.length).toBeGreaterThanOrEqual(6);
    expect(leader.requirements.length).toBeLessThanOrEqual(8);
    expect(leader.requirements.filter((q) => q.competency.code.startsWith("FüK.")).length).toBeGreaterThan(leader.requirements.length / 2);
    expect(leader.requirements.some((q) => q.competency.framework.key === "digcomp-2-2")).toBe(true);
  });

  it("gives every demo position a profile; leaders use the leader profile, Amt 12 the IT profile", async () => {
    const positions = await db.position.findMany({ include: { orgUnit: true, profile: { include: { roleProfile: true } } } });
    expect(positions.length).toBe(seeded.positions);
    expect(seeded.competency.positionProfiles).toBe(positions.length);
    expect(positions.filter((p) => !p.profile)).toEqual([]);
    const leaders = positions.filter((p) => p.isLeadership);
    expect(leaders.length).toBeGreaterThan(30);
    for (const p of leaders) expect(p.profile!.roleProfile!.name).toBe(LEADER_PROFILE);
    for (const p of positions.filter((p) => !p.isLeadership)) {
      expect(p.profile!.roleProfile!.name).not.toBe(LEADER_PROFILE);
      if (p.orgUnit.code === "12" || p.orgUnit.code.startsWith("12.")) expect(p.profile!.roleProfile!.name).toBe("IT-Fachkraft");
      if (p.orgUnit.code === "OE") expect(p.profile!.roleProfile!.name).toBe("Digitalisierungslots*in");
    }
    const byRole = new Map<string, number>();
    for (const p of positions) byRole.set(p.profile!.roleProfile!.name, (byRole.get(p.profile!.roleProfile!.name) ?? 0) + 1);
    expect(byRole.get("Sachbearbeitung")).toBeGreaterThan(byRole.get("Digitalisierungslots*in")!);
    const hr = await hrPersonId();
    expect(positions.every((p) => p.profile!.responsiblePersonId === hr)).toBe(true);
  });

  it("spreads position-profile reviews: some overdue, some due within 30 days, most later", async () => {
    const profiles = await db.positionProfile.findMany({ select: { nextReviewAt: true } });
    const now = Date.now();
    const overdue = profiles.filter((p) => p.nextReviewAt!.getTime() < now);
    const soon = profiles.filter((p) => p.nextReviewAt!.getTime() >= now && p.nextReviewAt!.getTime() <= now + 30 * DAY);
    const later = profiles.filter((p) => p.nextReviewAt!.getTime() > now + 30 * DAY);
    expect(overdue.length).toBeGreaterThan(0);
    expect(soon.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(profiles.length / 2);
  });

  it("has position-specific rows: additions, an override of an inherited row and an exclusion", async () => {
    const rows = await db.positionRequirement.findMany({
      include: { competency: true, profile: { include: { position: { include: { orgUnit: true } }, roleProfile: { include: { requirements: true } } } } },
    });
    expect(rows.length).toBeGreaterThan(0);
    const inherited = (r: (typeof rows)[number]) => r.profile.roleProfile!.requirements.find((q) => q.competencyId === r.competencyId);
    const additions = rows.filter((r) => !inherited(r));
    const overrides = rows.filter((r) => !r.excluded && inherited(r) && inherited(r)!.targetLevel !== r.targetLevel);
    const exclusions = rows.filter((r) => r.excluded && inherited(r));
    expect(additions.some((r) => r.profile.position.orgUnit.code.startsWith("20") && r.competency.code === "FK.3" && r.targetLevel === 3)).toBe(true);
    expect(overrides.length).toBeGreaterThan(0);
    expect(exclusions.length).toBeGreaterThan(0);
    // The demo employee (Bürgerbüro) sees the override.
    const employee = await db.person.findUniqueOrThrow({ where: { email: DEMO_EMAILS.employee }, include: { assignments: { where: { endDate: null } } } });
    const own = rows.filter((r) => r.profile.positionId === employee.assignments[0]!.positionId);
    expect(own.map((r) => [r.competency.code, r.targetLevel])).toEqual([["SK.3", 3]]);
  });
});
