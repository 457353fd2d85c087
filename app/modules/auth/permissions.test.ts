import { effectiveRoles, hasPermission, pathInTeam, widestAccess } from "./permissions.ts";

describe("permission model", () => {
  it("gives employees their own data only", () => {
    expect(hasPermission(["EMPLOYEE"], "read:person:own")).toBe(true);
    expect(hasPermission(["EMPLOYEE"], "read:person:team")).toBe(false);
    expect(hasPermission(["EMPLOYEE"], "read:person:any")).toBe(false);
  });
  it("derives the leader role from leading a unit, never from storage", () => {
    expect(effectiveRoles(["EMPLOYEE"], false)).toEqual(["EMPLOYEE"]);
    expect(effectiveRoles(["EMPLOYEE"], true)).toEqual(["EMPLOYEE", "LEADER"]);
    expect(widestAccess(effectiveRoles(["EMPLOYEE"], true), "read", "person")).toBe("team");
  });
  it("lets any-access imply team and own, but not the reverse", () => {
    expect(hasPermission(["HR_DEVELOPMENT"], "read:person:team")).toBe(true);
    expect(hasPermission(["LEADER"], "read:person:any")).toBe(false);
  });
  it("keeps administrators away from person data", () => {
    expect(hasPermission(["ADMIN"], "read:person:own")).toBe(false);
    expect(hasPermission(["ADMIN"], "read:audit:any")).toBe(true);
  });
  it("lets everyone with a person handle their own evidence, leaders decide for their team, HR for all", () => {
    for (const p of ["read:evidence:own", "create:evidence:own", "delete:evidence:own"] as const) expect(hasPermission(["EMPLOYEE"], p)).toBe(true);
    expect(hasPermission(["EMPLOYEE"], "read:evidence:team")).toBe(false);
    expect(hasPermission(["EMPLOYEE"], "update:evidence:team")).toBe(false);
    expect(widestAccess(["EMPLOYEE", "LEADER"], "update", "evidence")).toBe("team");
    expect(widestAccess(["EMPLOYEE", "LEADER"], "read", "evidence")).toBe("team");
    expect(hasPermission(["LEADER"], "update:evidence:any")).toBe(false);
    expect(widestAccess(["EMPLOYEE", "HR_DEVELOPMENT"], "update", "evidence")).toBe("any");
    expect(widestAccess(["EMPLOYEE", "HR_DEVELOPMENT"], "read", "evidence")).toBe("any");
    // Nobody deletes someone else's evidence; deciding on one's own is refused in the module.
    expect(hasPermission(["HR_DEVELOPMENT"], "delete:evidence:team")).toBe(false);
    expect(widestAccess(["ADMIN"], "read", "evidence")).toBeNull();
    expect(widestAccess(["ADMIN"], "create", "evidence")).toBeNull();
  });
  it("matches team paths by subtree prefix", () => {
    const actor = { ledUnitPaths: ["/a/b/"] };
    expect(pathInTeam(actor, "/a/b/")).toBe(true);
    expect(pathInTeam(actor, "/a/b/c/")).toBe(true);
    expect(pathInTeam(actor, "/a/")).toBe(false);
    expect(pathInTeam(actor, "/a/bb/")).toBe(false);
    expect(pathInTeam(actor, null)).toBe(false);
  });
});
