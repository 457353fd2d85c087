// The `lernreise` CLI as administrators run it: a real process, a real temporary database.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDb } from "~/utils/db.server.ts";
import { root } from "../setup/database.ts";

const template = inject("templateDb");
// The CLI tests need their own SQLite files; on the PostgreSQL run they are skipped by design
// (the CLI's PostgreSQL path is exercised by `db migrate` in test:pg's global setup).
const describeSqlite = template ? describe : describe.skip;

function freshDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lernreise-cli-"));
  const file = path.join(dir, "cli.db");
  copyFileSync(template, file);
  return `file:${file}`;
}

function cli(args: string[], { url, input, env = {} }: { url: string; input?: string; env?: Record<string, string> }) {
  const result = spawnSync(process.execPath, [path.join(root, "app/cli/bin.js"), ...args], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: url, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeSqlite("lernreise CLI", () => {
  it("prints help with exit code 0", () => {
    const result = cli(["--help"], { url: freshDb() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("seed");
    expect(result.stdout).toContain("user");
  });

  it("seeds the demo administration once and refuses a second run", async () => {
    const url = freshDb();
    const first = cli(["seed", "--demo"], { url });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/300 Personen, 4 Konten/);
    const second = cli(["seed", "--demo"], { url });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("enthält bereits Daten");
    const db = createDb(url);
    expect(await db.person.count()).toBe(300);
    const users = await db.user.findMany({ include: { roles: true }, orderBy: { email: "asc" } });
    expect(users.map((u) => u.email)).toEqual([
      "admin@beispielstadt.example",
      "fuehrungskraft@beispielstadt.example",
      "mitarbeiterin@beispielstadt.example",
      "personalentwicklung@beispielstadt.example",
    ]);
    // The leader account leads the Ordnungsamt, which has sub-units; the employee works below it.
    const leader = users.find((u) => u.email.startsWith("fuehrungskraft"))!;
    const amt = await db.orgUnit.findFirstOrThrow({ where: { leaderId: leader.personId }, include: { children: true } });
    expect(amt.type).toBe("AMT");
    expect(amt.children.length).toBeGreaterThan(0);
    const employee = await db.person.findFirstOrThrow({ where: { email: "mitarbeiterin@beispielstadt.example" }, include: { orgUnit: true } });
    expect(employee.orgUnit!.path.startsWith(amt.path)).toBe(true);
    // Every unit has a leader.
    expect(await db.orgUnit.count({ where: { leaderId: null } })).toBe(0);
    await db.$disconnect();
  }, 180_000);

  it("refuses to seed in production unless forced", () => {
    const result = cli(["seed", "--demo"], { url: freshDb(), env: { NODE_ENV: "production" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--force");
  });

  it("generates the same synthetic administration for the same seed", async () => {
    const a = freshDb();
    const b = freshDb();
    const first = cli(["seed", "--employees", "500", "--seed", "7"], { url: a });
    expect(first.code).toBe(0);
    // Profiles and assessment rounds come along, so the gap views can be benchmarked at scale.
    expect(first.stdout).toMatch(/Stellenprofile, [1-9]\d* Einschätzungsrunden/);
    expect(cli(["seed", "--employees", "500", "--seed", "7"], { url: b }).code).toBe(0);
    const names = async (url: string) => {
      const db = createDb(url);
      const rows = await db.person.findMany({ select: { personnelNumber: true, lastName: true, email: true }, orderBy: { personnelNumber: "asc" } });
      await db.$disconnect();
      return rows;
    };
    const [ra, rb] = [await names(a), await names(b)];
    expect(ra).toHaveLength(500);
    expect(ra).toEqual(rb);
  }, 180_000);

  it("rejects a non-numeric --employees with exit code 2", () => {
    const result = cli(["seed", "--employees", "viele"], { url: freshDb() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--employees muss eine ganze Zahl sein");
  });

  it("creates an account with the password from stdin and refuses bad input without writing", async () => {
    const url = freshDb();
    const short = cli(["user", "create", "--email", "neu@test.example", "--role", "hr"], { url, input: "zu-kurz\n" });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("mindestens 12 Zeichen");
    const leader = cli(["user", "create", "--email", "neu@test.example", "--role", "leader"], { url, input: "lang-genug-passwort\n" });
    expect(leader.code).toBe(2);
    expect(leader.stderr).toContain("Führungskraft");
    const badEmail = cli(["user", "create", "--email", "kein-at", "--role", "admin"], { url, input: "lang-genug-passwort\n" });
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toContain("gültige E-Mail-Adresse");
    const db = createDb(url);
    expect(await db.user.count()).toBe(0);
    const ok = cli(["user", "create", "--email", "Neu@Test.example", "--role", "employee,hr"], { url, input: "lang-genug-passwort\n" });
    expect(ok.code, ok.stderr).toBe(0);
    const user = await db.user.findUniqueOrThrow({ where: { email: "neu@test.example" }, include: { roles: true } });
    expect(user.roles.map((r) => r.role).sort()).toEqual(["EMPLOYEE", "HR_DEVELOPMENT"]);
    const dup = cli(["user", "create", "--email", "neu@test.example", "--role", "admin"], { url, input: "lang-genug-passwort\n" });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("bereits ein Konto");
    await db.$disconnect();
  });

  it("resets a password and ends the account's sessions", async () => {
    const url = freshDb();
    expect(cli(["user", "create", "--email", "reset@test.example", "--role", "admin"], { url, input: "erstes-passwort-123\n" }).code).toBe(0);
    const db = createDb(url);
    const user = await db.user.findUniqueOrThrow({ where: { email: "reset@test.example" } });
    await db.session.create({ data: { id: "s1", userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const unknown = cli(["user", "reset-password", "--email", "wer@test.example"], { url, input: "neues-passwort-1234\n" });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("kein Konto");
    const ok = cli(["user", "reset-password", "--email", "reset@test.example"], { url, input: "neues-passwort-1234\n" });
    expect(ok.code, ok.stderr).toBe(0);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).not.toBe(user.passwordHash);
    await db.$disconnect();
  });

  it("reports an invalid DATABASE_URL in plain words", () => {
    const result = cli(["db", "migrate"], { url: "mysql://nope" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL");
  });
});
