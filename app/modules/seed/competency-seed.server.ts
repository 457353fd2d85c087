// Competency-model seed of the demo administration: DigComp 2.2 and the municipal core model
// with their scales, four role profiles and a position profile for every demo position.
// Set-based (one createMany per table) and deterministic: the same positions and seed date
// give the same profiles, requirements and review dates.
import { createHash } from "node:crypto";
import type { Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { createScale, insertFramework } from "~/modules/competency/frameworks.server.ts";
import { DIGCOMP_FRAMEWORK, DIGCOMP_SCALE, type SeedFramework, type SeedScale } from "./data/digcomp.ts";
import { MUNICIPAL_FRAMEWORK, MUNICIPAL_SCALE } from "./data/municipal-model.ts";
import { positionRequirementsFor, ROLE_PROFILES, roleProfileFor, type CompetencyRef, type SeedPosition } from "./data/role-profiles.ts";

export type { SeedPosition } from "./data/role-profiles.ts";

const DAY = 86_400_000;

/** A stable UUID-shaped id derived from a name (so reseeding the same data gives the same ids). */
function stableId(name: string) {
  const h = createHash("sha1").update(`lernreise-seed:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function startOfUtcDay(d: Date) {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * Review date of the i-th position profile, in days from the seed date: every 12th is overdue
 * (1–60 days), every 12th after that due within 30 days, all others between 31 days and two years.
 */
export function positionReviewOffset(i: number) {
  const k = Math.floor(i / 12);
  switch (i % 12) {
    case 0:
      return -(1 + ((k * 13) % 60));
    case 1:
      return 1 + ((k * 7) % 29);
    default:
      return 31 + ((i * 37) % 700);
  }
}

/** Framework review dates in days from the seed date: DigComp is due within 30 days. */
const FRAMEWORK_REVIEW_DAYS: Record<string, number> = { [DIGCOMP_FRAMEWORK.key]: 21, [MUNICIPAL_FRAMEWORK.key]: 180 };

export interface CompetencySeedOptions {
  /** The HR development person responsible for frameworks and profiles. */
  hrPersonId: string;
  positions: SeedPosition[];
  /** Seed date; review dates are relative to it (default: now). */
  today?: Date;
  actorUserId?: string | null;
}

export async function seedCompetencyModel(tx: Tx, { hrPersonId, positions, today = new Date(), actorUserId = null }: CompetencySeedOptions) {
  const day0 = startOfUtcDay(today);
  const at = (days: number) => new Date(day0.getTime() + days * DAY);

  // Scales and frameworks (insertFramework writes nodes, descriptors and relations set-based).
  const models: [SeedFramework, SeedScale][] = [
    [DIGCOMP_FRAMEWORK, DIGCOMP_SCALE],
    [MUNICIPAL_FRAMEWORK, MUNICIPAL_SCALE],
  ];
  const levelsOf = new Map<string, number>();
  const frameworkIds: string[] = [];
  for (const [framework, scaleInput] of models) {
    const scale = await createScale(tx, actorUserId, scaleInput);
    const created = await insertFramework(tx, actorUserId, {
      ...framework,
      scaleId: scale.id,
      responsiblePersonId: hrPersonId,
      nextReviewAt: at(FRAMEWORK_REVIEW_DAYS[framework.key] ?? 365),
    });
    levelsOf.set(framework.key, scaleInput.levels.length);
    frameworkIds.push(created.id);
  }
  const nodes = await tx.competencyNode.findMany({
    where: { frameworkId: { in: frameworkIds }, kind: "COMPETENCY" },
    select: { id: true, code: true, framework: { select: { key: true } } },
  });
  const nodeId = new Map(nodes.map((n) => [`${n.framework.key}|${n.code}`, n.id]));
  const resolve = (ref: CompetencyRef & { targetLevel: number }) => {
    const id = nodeId.get(`${ref.framework}|${ref.code}`);
    if (!id) throw new Error(`Seed: Kompetenz ${ref.code} fehlt in ${ref.framework}`);
    const max = levelsOf.get(ref.framework)!;
    if (ref.targetLevel < 1 || ref.targetLevel > max) throw new Error(`Seed: Stufe ${ref.targetLevel} für ${ref.code} liegt außerhalb 1–${max}`);
    return id;
  };

  // Role profiles.
  const roleId = new Map(ROLE_PROFILES.map((r) => [r.name, stableId(`role:${r.name}`)]));
  const now = new Date();
  await tx.roleProfile.createMany({
    data: ROLE_PROFILES.map((r) => ({
      id: roleId.get(r.name)!,
      name: r.name,
      description: r.description,
      responsiblePersonId: hrPersonId,
      nextReviewAt: at(r.reviewInDays),
      createdAt: now,
      updatedAt: now,
    })),
  });
  const roleRequirements = ROLE_PROFILES.flatMap((r) =>
    r.requirements.map((q) => ({
      id: stableId(`role-req:${r.name}:${q.framework}:${q.code}`),
      roleProfileId: roleId.get(r.name)!,
      competencyId: resolve(q),
      targetLevel: q.targetLevel,
      importance: q.importance,
    })),
  );
  await tx.roleProfileRequirement.createMany({ data: roleRequirements });

  // Position profiles: one per position, with a few position-specific rows.
  const profiles: { id: string; positionId: string; roleProfileId: string; responsiblePersonId: string; nextReviewAt: Date; createdAt: Date; updatedAt: Date }[] = [];
  const positionRequirements: { id: string; profileId: string; competencyId: string; targetLevel: number; importance: "ESSENTIAL" | "IMPORTANT" | "DESIRABLE"; excluded: boolean }[] = [];
  positions.forEach((p, i) => {
    const role = roleProfileFor(p);
    const profileId = stableId(`position-profile:${p.id}`);
    profiles.push({ id: profileId, positionId: p.id, roleProfileId: roleId.get(role)!, responsiblePersonId: hrPersonId, nextReviewAt: at(positionReviewOffset(i)), createdAt: now, updatedAt: now });
    for (const q of positionRequirementsFor(p, role)) {
      positionRequirements.push({
        id: stableId(`position-req:${p.id}:${q.framework}:${q.code}`),
        profileId,
        competencyId: resolve(q),
        targetLevel: q.targetLevel,
        importance: q.importance,
        excluded: q.excluded ?? false,
      });
    }
  });
  if (profiles.length) await tx.positionProfile.createMany({ data: profiles });
  if (positionRequirements.length) await tx.positionRequirement.createMany({ data: positionRequirements });

  const counts = {
    frameworks: frameworkIds.length,
    competencies: nodes.length,
    roleProfiles: ROLE_PROFILES.length,
    positionProfiles: profiles.length,
    positionRequirements: positionRequirements.length,
  };
  await recordAudit(tx, {
    actorUserId,
    action: "seed.competency",
    entityType: "PositionProfile",
    summary: `${counts.frameworks} Kompetenzmodelle (${counts.competencies} Kompetenzen), ${counts.roleProfiles} Rollenprofile, ${counts.positionProfiles} Stellenprofile mit ${counts.positionRequirements} eigenen Anforderungen angelegt`,
  });
  return counts;
}
