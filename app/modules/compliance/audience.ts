// Who a mandatory-training rule applies to. Stored as JSON on the rule, validated with Zod on
// the way in and on the way out, so a broken row can never silently widen or narrow an audience.
import { z } from "zod";

/** Designations HR can give a person; a rule can target people with one of them. */
export const PERSON_FLAGS = ["DIGITAL_PILOT", "FIRST_AIDER", "FIRE_WARDEN", "PROCUREMENT"] as const;
export type PersonFlagKey = (typeof PERSON_FLAGS)[number];

const id = z.string().trim().min(1).max(64);
const unitChoice = z.object({ unitId: id, includeSubunits: z.boolean() });

export const AudienceSchema = z.object({
  everyone: z.boolean().default(false),
  units: z.array(unitChoice).max(200).default([]),
  positionIds: z.array(id).max(500).default([]),
  roleProfileIds: z.array(id).max(200).default([]),
  leaders: z.boolean().default(false),
  flags: z.array(z.enum(PERSON_FLAGS)).max(PERSON_FLAGS.length).default([]),
  excludeUnits: z.array(unitChoice).max(200).default([]),
  excludePositionIds: z.array(id).max(500).default([]),
  excludePersonIds: z.array(id).max(500).default([]),
});
export type Audience = z.infer<typeof AudienceSchema>;

export function parseAudience(json: string): Audience {
  return AudienceSchema.parse(JSON.parse(json));
}

export function isEmptyAudience(audience: Audience) {
  return (
    !audience.everyone &&
    !audience.leaders &&
    audience.units.length === 0 &&
    audience.positionIds.length === 0 &&
    audience.roleProfileIds.length === 0 &&
    audience.flags.length === 0
  );
}

/** Why a rule applies: one entry per matched criterion, with the day the person met it. */
export type AudienceReason =
  | { kind: "everyone"; since: string }
  | { kind: "unit"; unitId: string; includeSubunits: boolean; since: string }
  | { kind: "position"; positionId: string; since: string }
  | { kind: "roleProfile"; roleProfileId: string; since: string }
  | { kind: "leader"; since: string }
  | { kind: "flag"; flag: PersonFlagKey; since: string };
