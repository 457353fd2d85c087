// The permission model (docs/decisions/005): `action:entity:access`, where access is
// own (the actor's own data), team (org units the actor leads, with everything below) or any.
// Pure functions: no database, no framework.

export const STORED_ROLES = ["EMPLOYEE", "HR_DEVELOPMENT", "ADMIN"] as const;
export type StoredRole = (typeof STORED_ROLES)[number];
/** LEADER is never stored: it follows from leading or deputising an org unit. */
export type Role = StoredRole | "LEADER";

export type Access = "own" | "team" | "any";
export type Action = "read" | "update" | "create" | "delete";
export type Entity =
  | "person"
  | "org"
  | "user"
  | "audit"
  | "password"
  | "competency"
  | "profile"
  | "evidence"
  | "training"
  | "enrolment"
  | "completion"
  | "notification"
  | "outbox"
  | "compliance"
  | "compliancerule"
  | "exemption"
  | "lifeevent"
  | "journey"
  | "journeytemplate"
  | "feedback"
  | "questionnaire"
  | "evaluation"
  | "levelproposal";
export type Permission = `${Action}:${Entity}:${Access}`;

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  EMPLOYEE: [
    "read:person:own",
    "update:password:own",
    "read:competency:any",
    "read:profile:own",
    "read:evidence:own",
    "create:evidence:own",
    "delete:evidence:own",
    "read:training:any",
    "read:enrolment:own",
    "create:enrolment:own",
    "update:enrolment:own",
    "read:completion:own",
    "create:completion:own",
    "read:notification:own",
    "update:notification:own",
    "read:compliance:own",
    "read:journey:own",
    "create:journey:own",
    "update:journey:own",
    "read:feedback:own",
    "update:feedback:own",
    "create:levelproposal:own",
    // Trainers see the aggregated results of their own sessions (row check on the session).
    "read:evaluation:own",
  ],
  LEADER: [
    "read:person:own",
    "read:person:team",
    "update:password:own",
    "read:competency:any",
    "read:profile:own",
    "read:profile:team",
    "read:evidence:own",
    "read:evidence:team",
    "update:evidence:team",
    "create:evidence:own",
    "delete:evidence:own",
    "read:training:any",
    "read:enrolment:own",
    "read:enrolment:team",
    "create:enrolment:team",
    "update:enrolment:team",
    "read:completion:own",
    "read:completion:team",
    "create:completion:own",
    "read:notification:own",
    "update:notification:own",
    "read:compliance:own",
    "read:compliance:team",
    // Reminders to people with open items in the own units.
    "update:compliance:team",
    "read:journey:own",
    "create:journey:own",
    "update:journey:own",
    "read:journey:team",
    "create:journey:team",
    "update:journey:team",
    "read:feedback:own",
    "update:feedback:own",
    "create:levelproposal:own",
    "read:levelproposal:team",
    "update:levelproposal:team",
    "read:evaluation:own",
    // Aggregated transfer results of the own units' trainings, where the group is large enough.
    "read:evaluation:team",
  ],
  HR_DEVELOPMENT: [
    "read:person:own",
    "read:person:any",
    "read:org:any",
    "update:password:own",
    "read:competency:any",
    "update:competency:any",
    "read:profile:any",
    "update:profile:any",
    "read:evidence:any",
    "update:evidence:any",
    "create:evidence:own",
    "delete:evidence:own",
    "read:training:any",
    "create:training:any",
    "update:training:any",
    "delete:training:any",
    "read:enrolment:any",
    "create:enrolment:any",
    "update:enrolment:any",
    "read:completion:any",
    "create:completion:any",
    "update:completion:any",
    "read:notification:own",
    "update:notification:own",
    "read:compliance:own",
    "read:compliance:any",
    "update:compliance:any",
    "read:compliancerule:any",
    "create:compliancerule:any",
    "update:compliancerule:any",
    "read:exemption:any",
    "create:exemption:any",
    "update:exemption:any",
    // Job changes, long absences, leaving and designations (flags) of people.
    "create:lifeevent:any",
    "read:journey:own",
    "create:journey:own",
    "update:journey:own",
    "read:journey:any",
    "create:journey:any",
    "update:journey:any",
    "read:journeytemplate:any",
    "create:journeytemplate:any",
    "update:journeytemplate:any",
    "read:feedback:own",
    "update:feedback:own",
    "create:levelproposal:own",
    "read:levelproposal:any",
    "update:levelproposal:any",
    "read:questionnaire:any",
    "create:questionnaire:any",
    "update:questionnaire:any",
    "read:evaluation:any",
  ],
  ADMIN: [
    "read:user:any",
    "create:user:any",
    "update:user:any",
    "read:audit:any",
    "update:password:own",
    "read:competency:any",
    "read:training:any",
    "read:outbox:any",
  ],
};

const ACCESS_ORDER: Record<Access, number> = { own: 0, team: 1, any: 2 };

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

/**
 * Whether the roles grant `action:entity` with at least the given access. `any` implies `team`
 * and `own`; `team` implies `own` only where the role also grants own (leaders are employees too).
 */
export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const [action, entity, access] = permission.split(":") as [Action, Entity, Access];
  const granted = permissionsOf(roles);
  return (["own", "team", "any"] as const).some(
    (candidate) => ACCESS_ORDER[candidate] >= ACCESS_ORDER[access] && granted.has(`${action}:${entity}:${candidate}`),
  );
}

/** The widest access the roles grant for `action:entity`, or null. */
export function widestAccess(roles: readonly Role[], action: Action, entity: Entity): Access | null {
  const granted = permissionsOf(roles);
  for (const access of ["any", "team", "own"] as const) {
    if (granted.has(`${action}:${entity}:${access}`)) return access;
  }
  return null;
}

export function effectiveRoles(stored: readonly StoredRole[], leadsAUnit: boolean): Role[] {
  const roles: Role[] = [...stored];
  if (leadsAUnit && !roles.includes("LEADER")) roles.push("LEADER");
  return roles;
}

/** The signed-in person as modules see them. */
export interface Actor {
  userId: string;
  email: string;
  personId: string | null;
  roles: Role[];
  /** Materialised paths of the org units the actor leads or deputises. */
  ledUnitPaths: string[];
  ledUnitIds: string[];
  locale: "de" | "en";
}

/** Is the org unit with this path inside one of the actor's led subtrees? */
export function pathInTeam(actor: Pick<Actor, "ledUnitPaths">, unitPath: string | null | undefined): boolean {
  if (!unitPath) return false;
  return actor.ledUnitPaths.some((p) => unitPath.startsWith(p));
}
