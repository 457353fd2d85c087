import { db } from "~/utils/db.server.ts";
import { attemptLogin } from "./login.server.ts";
import { createAccount, createPerson, createUnit, TEST_PASSWORD } from "../../../tests/factories.ts";

const policy = { maxFailures: 5, lockMinutes: 15 };

describe("sign-in", () => {
  it("accepts the right password, case-insensitive e-mail", async () => {
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    const user = await createAccount(db, person);
    const result = await attemptLogin(db, { email: `  ${person.email.toUpperCase()} `, password: TEST_PASSWORD }, policy);
    expect(result).toEqual({ ok: true, userId: user.id });
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    await createAccount(db, person);
    const wrong = await attemptLogin(db, { email: person.email, password: "falsch-falsch-falsch" }, policy);
    const unknown = await attemptLogin(db, { email: "niemand-hier@test.example", password: TEST_PASSWORD }, policy);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("locks an account after five failures within 15 minutes, even for the right password", async () => {
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    await createAccount(db, person);
    const start = new Date();
    for (let i = 0; i < 5; i++) {
      expect(await attemptLogin(db, { email: person.email, password: "falsch" }, policy, new Date(start.getTime() + i * 1000))).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const locked = await attemptLogin(db, { email: person.email, password: TEST_PASSWORD }, policy, new Date(start.getTime() + 10_000));
    expect(locked).toEqual({ ok: false, reason: "locked" });
    // After the window the account opens again.
    const later = await attemptLogin(db, { email: person.email, password: TEST_PASSWORD }, policy, new Date(start.getTime() + 16 * 60_000));
    expect(later.ok).toBe(true);
  });

  it("locks unknown e-mails too, so the lock does not reveal which accounts exist", async () => {
    for (let i = 0; i < 5; i++) await attemptLogin(db, { email: "gibt-es-nicht@test.example", password: "x" }, policy);
    expect(await attemptLogin(db, { email: "gibt-es-nicht@test.example", password: "x" }, policy)).toEqual({ ok: false, reason: "locked" });
  });

  it("refuses disabled accounts with the same message", async () => {
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    const user = await createAccount(db, person);
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await attemptLogin(db, { email: person.email, password: TEST_PASSWORD }, policy)).toEqual({ ok: false, reason: "invalid" });
  });

  it("writes failed and successful sign-ins to the audit log", async () => {
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    const user = await createAccount(db, person);
    await attemptLogin(db, { email: person.email, password: "falsch" }, policy);
    await attemptLogin(db, { email: person.email, password: TEST_PASSWORD }, policy);
    const events = await db.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["auth.login-failed", "auth.login"]);
  });
});
