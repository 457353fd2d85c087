import { db } from "~/utils/db.server.ts";
import { notify } from "./notify.server.ts";
import { createAccount, createPerson, createUnit } from "../../../tests/factories.ts";

describe("notify", () => {
  it("writes the notification and its e-mail in the reader's language inside the transaction", async () => {
    const unit = await createUnit(db);
    const german = await createPerson(db, { unit });
    const english = await createPerson(db, { unit });
    const account = await createAccount(db, english);
    await db.user.update({ where: { id: account.id }, data: { locale: "en" } });

    await db.$transaction((tx) =>
      notify(tx, [german, english].map((p) => ({ personId: p.id, kind: "enrolment.approved" as const, params: { training: "Datenschutz", date: "01.02.2027" }, link: "/schulungen" }))),
    );

    const notes = await db.notification.findMany({ where: { personId: { in: [german.id, english.id] } } });
    expect(notes).toHaveLength(2);
    const mails = await db.outboxMail.findMany({ where: { toAddress: { in: [german.email, english.email] } }, orderBy: { toAddress: "asc" } });
    const byAddress = Object.fromEntries(mails.map((m) => [m.toAddress, m]));
    expect(byAddress[german.email]!.subject).toBe("Lernreise: Anmeldung freigegeben: Datenschutz");
    expect(byAddress[german.email]!.textBody).toContain("„Datenschutz“ am 01.02.2027 wurde freigegeben");
    expect(byAddress[german.email]!.textBody).toMatch(/Öffnen: http.*\/schulungen/);
    expect(byAddress[english.email]!.subject).toBe("Lernreise: Enrolment approved: Datenschutz");
    expect(mails.every((m) => m.status === "PENDING" && m.notificationId)).toBe(true);
  });

  it("rolls back with the change it reports and sends no e-mail to people who left", async () => {
    const unit = await createUnit(db);
    const person = await createPerson(db, { unit });
    const left = await createPerson(db, { unit, status: "LEFT" });
    await expect(
      db.$transaction(async (tx) => {
        await notify(tx, { personId: person.id, kind: "enrolment.confirmed", params: { training: "X", date: "–" } });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db.notification.count({ where: { personId: person.id } })).toBe(0);
    expect(await db.outboxMail.count({ where: { toAddress: person.email } })).toBe(0);

    await db.$transaction((tx) => notify(tx, { personId: left.id, kind: "enrolment.cancelled", params: { training: "X", date: "–" } }));
    expect(await db.notification.count({ where: { personId: left.id } })).toBe(1);
    expect(await db.outboxMail.count({ where: { toAddress: left.email } })).toBe(0);
  });
});
