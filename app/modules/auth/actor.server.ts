import type { Db } from "~/utils/db.server.ts";
import { effectiveRoles, type Actor, type StoredRole } from "./permissions.ts";

/** Builds the actor (roles incl. derived leader role, led subtrees) for a signed-in user. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, personId: true, locale: true, disabled: true, roles: { select: { role: true } } },
  });
  if (!user || user.disabled) return null;
  const led = user.personId
    ? await db.orgUnit.findMany({
        where: { OR: [{ leaderId: user.personId }, { deputyId: user.personId }] },
        select: { id: true, path: true },
      })
    : [];
  // A person who leads a unit and its sub-unit needs only the outer path.
  const paths = led.map((u) => u.path).filter((p, _, all) => !all.some((o) => o !== p && p.startsWith(o)));
  return {
    userId: user.id,
    email: user.email,
    personId: user.personId,
    roles: effectiveRoles(user.roles.map((r) => r.role as StoredRole), led.length > 0),
    ledUnitPaths: paths,
    ledUnitIds: led.map((u) => u.id),
    locale: user.locale === "en" ? "en" : "de",
  };
}
