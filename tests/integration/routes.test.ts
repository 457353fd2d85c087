// Loaders and actions called as Remix calls them, with real session cookies: the forbidden
// paths must answer 403/404 (or send to the login page) and change nothing.
import { db } from "~/utils/db.server.ts";
import { loader as personLoader } from "~/routes/personen.$personId.tsx";
import { loader as peopleLoader } from "~/routes/personen._index.tsx";
import { loader as teamLoader } from "~/routes/team.tsx";
import { loader as orgLoader } from "~/routes/organisation.($unitId).tsx";
import { loader as profileLoader } from "~/routes/profil.tsx";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.benutzer.tsx";
import { loader as auditLoader } from "~/routes/admin.audit.tsx";
import { action as passwordAction } from "~/routes/konto.passwort.tsx";
import { action as loginAction } from "~/routes/login.tsx";
import { loader as healthLoader } from "~/routes/healthz.ts";
import { createScenario, requestAs, TEST_PASSWORD } from "../factories.ts";

type Args = Parameters<typeof personLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("forbidden paths", () => {
  it("sends anonymous visitors to the login page", async () => {
    const status = await statusOf(profileLoader(args(await requestAs(null, "/profil"))));
    expect(status).toBe(302);
  });

  it("refuses an employee another person's profile (403) and an unknown id (404)", async () => {
    const s = await createScenario(db);
    expect(await statusOf(personLoader(args(await requestAs(s.employeeUser.id, `/personen/${s.colleague.id}`), { personId: s.colleague.id })))).toBe(403);
    expect(await statusOf(personLoader(args(await requestAs(s.employeeUser.id, "/personen/x"), { personId: "nope" })))).toBe(404);
  });

  it("refuses a leader a person outside their units, allows one inside", async () => {
    const s = await createScenario(db);
    expect(await statusOf(personLoader(args(await requestAs(s.leaderUser.id, "/"), { personId: s.outsider.id })))).toBe(403);
    expect(await statusOf(personLoader(args(await requestAs(s.leaderUser.id, "/"), { personId: s.employee.id })))).toBe(200);
  });

  it("refuses lower roles the pages of higher roles", async () => {
    const s = await createScenario(db);
    const employee = s.employeeUser.id;
    expect(await statusOf(teamLoader(args(await requestAs(employee, "/team"))))).toBe(403);
    expect(await statusOf(peopleLoader(args(await requestAs(employee, "/personen"))))).toBe(403);
    expect(await statusOf(peopleLoader(args(await requestAs(s.leaderUser.id, "/personen"))))).toBe(403);
    expect(await statusOf(orgLoader(args(await requestAs(s.leaderUser.id, "/organisation"))))).toBe(403);
    expect(await statusOf(usersLoader(args(await requestAs(s.hrUser.id, "/admin/benutzer"))))).toBe(403);
    expect(await statusOf(auditLoader(args(await requestAs(s.hrUser.id, "/admin/audit"))))).toBe(403);
    expect(await statusOf(personLoader(args(await requestAs(s.adminUser.id, "/"), { personId: s.employee.id })))).toBe(403);
  });

  it("refuses a leader the team list of a unit outside their team", async () => {
    const s = await createScenario(db);
    expect(await statusOf(teamLoader(args(await requestAs(s.leaderUser.id, `/team?unit=${s.amtB.id}`))))).toBe(403);
  });

  it("refuses role changes by non-admins and changes nothing", async () => {
    const s = await createScenario(db);
    const body = new URLSearchParams([["userId", s.employeeUser.id], ["roles", "ADMIN"]]);
    const status = await statusOf(usersAction(args(await requestAs(s.hrUser.id, "/admin/benutzer", { method: "POST", body }))));
    expect(status).toBe(403);
    const roles = await db.userRole.findMany({ where: { userId: s.employeeUser.id } });
    expect(roles.map((r) => r.role)).toEqual(["EMPLOYEE"]);
  });
});

describe("admin role management", () => {
  it("sets roles and writes the change to the audit log", async () => {
    const s = await createScenario(db);
    const body = new URLSearchParams([["userId", s.employeeUser.id], ["roles", "EMPLOYEE"], ["roles", "HR_DEVELOPMENT"]]);
    const result = await usersAction(args(await requestAs(s.adminUser.id, "/admin/benutzer", { method: "POST", body })));
    expect(result).toMatchObject({ ok: true });
    const roles = await db.userRole.findMany({ where: { userId: s.employeeUser.id } });
    expect(roles.map((r) => r.role).sort()).toEqual(["EMPLOYEE", "HR_DEVELOPMENT"]);
    const audit = await db.auditEvent.findFirst({ where: { action: "user.roles", entityId: s.employeeUser.id } });
    expect(audit?.summary).toContain("EMPLOYEE, HR_DEVELOPMENT");
  });

  it("rejects an unknown role without changing anything", async () => {
    const s = await createScenario(db);
    const body = new URLSearchParams([["userId", s.employeeUser.id], ["roles", "LEADER"]]);
    const result = await usersAction(args(await requestAs(s.adminUser.id, "/admin/benutzer", { method: "POST", body })));
    expect(result).toMatchObject({ data: { ok: false }, init: { status: 400 } });
    const roles = await db.userRole.findMany({ where: { userId: s.employeeUser.id } });
    expect(roles.map((r) => r.role)).toEqual(["EMPLOYEE"]);
  });
});

describe("login action", () => {
  it("gives one message for wrong credentials and sets no cookie", async () => {
    const s = await createScenario(db);
    const body = new URLSearchParams({ email: s.employee.email, password: "falsch-falsch" });
    const result = (await loginAction(args(new Request("http://localhost/login", { method: "POST", body })))) as unknown as {
      data: { result: { error: Record<string, string[]> } };
      init: { status: number };
    };
    expect(result.init.status).toBe(401);
    expect(result.data.result.error[""]).toEqual(["login.invalid"]);
  });

  it("starts a new session on every login and redirects only to local paths", async () => {
    const s = await createScenario(db);
    const login = async (redirectTo: string) =>
      (await statusAndResponse(loginAction(args(new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ email: s.employee.email, password: TEST_PASSWORD, redirectTo }) })))));
    const first = await login("/profil");
    const second = await login("https://evil.example/");
    expect(first.headers.get("Location")).toBe("/profil");
    expect(second.headers.get("Location")).toBe("/");
    expect(first.headers.get("Set-Cookie")).toMatch(/lr_session=.+HttpOnly.*SameSite=Lax/i);
    expect(first.headers.get("Set-Cookie")).not.toBe(second.headers.get("Set-Cookie"));
    expect(await db.session.count({ where: { userId: s.employeeUser.id } })).toBe(2);
  });
});

async function statusAndResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    const value = await promise;
    if (value instanceof Response) return value;
    throw new Error(`expected a Response, got ${JSON.stringify(value)}`);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("password change", () => {
  const change = async (userId: string, fields: Record<string, string>) =>
    passwordAction(args(await requestAs(userId, "/konto/passwort", { method: "POST", body: new URLSearchParams(fields) })));

  it("rejects a short new password and keeps the old one", async () => {
    const s = await createScenario(db);
    const before = (await db.user.findUniqueOrThrow({ where: { id: s.employeeUser.id } })).passwordHash;
    const result = await change(s.employeeUser.id, { currentPassword: TEST_PASSWORD, newPassword: "kurz", confirmPassword: "kurz" });
    expect(JSON.stringify(result)).toContain("validation.passwordTooShort");
    expect((await db.user.findUniqueOrThrow({ where: { id: s.employeeUser.id } })).passwordHash).toBe(before);
  });

  it("rejects a wrong current password", async () => {
    const s = await createScenario(db);
    const result = await change(s.employeeUser.id, { currentPassword: "nicht-richtig-1234", newPassword: "Ganz-neues-Passwort-2026", confirmPassword: "Ganz-neues-Passwort-2026" });
    expect(JSON.stringify(result)).toContain("validation.currentPasswordWrong");
  });

  it("changes the password, ends other sessions and logs it", async () => {
    const s = await createScenario(db);
    await requestAs(s.employeeUser.id, "/"); // another session
    const result = await change(s.employeeUser.id, { currentPassword: TEST_PASSWORD, newPassword: "Ganz-neues-Passwort-2026", confirmPassword: "Ganz-neues-Passwort-2026" });
    expect(result).toMatchObject({ done: true });
    expect(await db.session.count({ where: { userId: s.employeeUser.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "auth.password-change", entityId: s.employeeUser.id } })).toBe(1);
  });
});

describe("health", () => {
  it("reports the database status as JSON", async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { status: "ok" } });
  });
});

describe("audit log module", () => {
  it("refuses the audit log to everyone but administrators, also when called directly", async () => {
    const { listAuditEvents } = await import("~/modules/audit/audit.server.ts");
    const { AccessDeniedError } = await import("~/modules/errors.ts");
    const { actorFor } = await import("../factories.ts");
    const s = await createScenario(db);
    await expect(listAuditEvents(db, await actorFor(db, s.hrUser.id), { page: 1 })).rejects.toBeInstanceOf(AccessDeniedError);
    const result = await listAuditEvents(db, await actorFor(db, s.adminUser.id), { page: 1 });
    expect(result.pageSize).toBe(50);
  });
});
