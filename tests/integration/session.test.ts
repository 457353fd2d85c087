import { db } from "~/utils/db.server.ts";
import { getOptionalActor } from "~/utils/auth.server.ts";
import { createScenario } from "../factories.ts";

const requestWith = (sessionId: string) => new Request("http://localhost/", { headers: { Cookie: `lr_session=${sessionId}` } });

describe("session lifetime", () => {
  it("accepts a fresh session and rejects one idle past its expiry", async () => {
    const s = await createScenario(db);
    await db.session.create({ data: { id: "fresh-session", userId: s.employeeUser.id, expiresAt: new Date(Date.now() + 30 * 60_000) } });
    expect((await getOptionalActor(requestWith("fresh-session")))?.userId).toBe(s.employeeUser.id);
    await db.session.create({ data: { id: "idle-session", userId: s.employeeUser.id, expiresAt: new Date(Date.now() - 1000) } });
    expect(await getOptionalActor(requestWith("idle-session"))).toBeNull();
  });

  it("ends a session after the absolute lifetime even while it is in use", async () => {
    const s = await createScenario(db);
    await db.session.create({
      data: { id: "old-session", userId: s.employeeUser.id, expiresAt: new Date(Date.now() + 30 * 60_000), createdAt: new Date(Date.now() - 13 * 3_600_000) },
    });
    expect(await getOptionalActor(requestWith("old-session"))).toBeNull();
    expect(await db.session.findUnique({ where: { id: "old-session" } })).toBeNull();
  });

  it("signs out disabled accounts at once", async () => {
    const s = await createScenario(db);
    await db.session.create({ data: { id: "disabled-session", userId: s.employeeUser.id, expiresAt: new Date(Date.now() + 30 * 60_000) } });
    await db.user.update({ where: { id: s.employeeUser.id }, data: { disabled: true } });
    expect(await getOptionalActor(requestWith("disabled-session"))).toBeNull();
  });
});
