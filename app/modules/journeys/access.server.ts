// The one row-level check for journeys: who may read or change a journey, and how.
// Owner ("own"), a leader of the owner's unit ("team"), HR development ("any").
import type { Tx } from "~/utils/db.server.ts";
import { hasPermission, pathInTeam, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";

export type JourneyAction = "read" | "update";

/** How the actor may act on a journey of this person, or null. */
export function journeyAccessTo(actor: Pick<Actor, "roles" | "personId" | "ledUnitPaths">, action: JourneyAction, owner: { id: string; orgUnit: { path: string } | null }): Access | null {
  if (owner.id === actor.personId && hasPermission(actor.roles, `${action}:journey:own`)) return "own";
  if (hasPermission(actor.roles, `${action}:journey:any`)) return "any";
  if (hasPermission(actor.roles, `${action}:journey:team`) && pathInTeam(actor, owner.orgUnit?.path)) return "team";
  return null;
}

/** Loads the journey's owner and checks access; 404 for unknown journeys, 403 for others' journeys. */
export async function requireJourneyAccess(tx: Tx, actor: Actor, journeyId: string, action: JourneyAction = "read") {
  const journey = await tx.learningJourney.findUnique({
    where: { id: journeyId },
    select: { id: true, status: true, personId: true, title: true, templateId: true, templateVersion: true, person: { select: { id: true, firstName: true, lastName: true, orgUnit: { select: { path: true } } } } },
  });
  if (!journey) throw new NotFoundError("Lernreise nicht gefunden");
  const access = journeyAccessTo(actor, action, journey.person);
  if (!access) throw new AccessDeniedError("Sie dürfen diese Lernreise nicht " + (action === "read" ? "sehen." : "ändern."));
  return { journey, access };
}

/**
 * Whether the actor may agree to (or send back) a journey of this person: the person's leader or
 * HR development, never the person themself.
 */
export function canAgree(actor: Pick<Actor, "roles" | "personId" | "ledUnitPaths">, owner: { id: string; orgUnit: { path: string } | null }) {
  if (owner.id === actor.personId) return false;
  const access = journeyAccessTo(actor, "update", owner);
  return access === "team" || access === "any";
}
