import ExcelJS from "exceljs";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { loader as overviewLoader } from "~/routes/wirksamkeit._index.tsx";
import { loader as reportLoader } from "~/routes/wirksamkeit.schulungen.$trainingId.tsx";
import { loader as csvLoader } from "~/routes/wirksamkeit.schulungen.$trainingId[.]csv.ts";
import { loader as xlsxLoader } from "~/routes/wirksamkeit.schulungen.$trainingId[.]xlsx.ts";
import { loader as pdfLoader } from "~/routes/wirksamkeit.schulungen.$trainingId[.]pdf.ts";
import { loader as sessionLoader } from "~/routes/wirksamkeit.termine.$sessionId.tsx";
import { loader as teamLoader } from "~/routes/wirksamkeit.team.tsx";
import { createAccount, createPerson, createScenario, requestAs } from "../factories.ts";
import { createTraining } from "../training-factories.ts";
import { addRequests, addResponses, addSession, createQuestionnaires, immediateAnswers } from "../evaluation-factories.ts";

type Args = { request: Request; params: Record<string, string>; context: Record<string, never> };
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
/** The text drawn in an uncompressed pdfkit PDF (the test environment switches compression off). */
function pdfText(pdf: Buffer) {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const [, array] of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join("");
    lines.push(Buffer.from(hex, "hex").toString("latin1"));
  }
  return lines.join("\n");
}

/** A training with one session of four responses (below the minimum) and nothing else. */
async function smallWorld() {
  const s = await createScenario(db);
  const q = await createQuestionnaires(db);
  const trainerPerson = await createPerson(db, { unit: s.amtB, firstName: "Trude" });
  const trainerUser = await createAccount(db, trainerPerson);
  const otherTrainer = await createPerson(db, { unit: s.amtB, firstName: "Tom" });
  const otherTrainerUser = await createAccount(db, otherTrainer);
  const { training, session } = await createTraining(db, { title: `Klein ${Math.random().toString(36).slice(2, 7)}`, trainerPersonId: trainerPerson.id });
  const otherSession = await addSession(db, training.id, { trainerPersonId: otherTrainer.id });
  await addResponses(db, q.immediate, {
    trainingId: training.id,
    sessionId: session.id,
    answers: [
      { relevance: 1, trainer: 2, learned: 3, recommendation: 2, best: "Geheimer Satz eins" },
      { relevance: 2, trainer: 1, learned: 2, recommendation: 3, improve: "Geheimer Satz zwei" },
      { relevance: 1, trainer: 2, learned: 3, recommendation: 1 },
      { relevance: 2, trainer: 1, learned: 2, recommendation: 2 },
    ],
  });
  await addRequests(db, { trainingId: training.id, sessionId: session.id, questionnaireId: q.immediate.id, kind: "IMMEDIATE", personIds: [s.employee.id], statuses: { ANSWERED: 4, EXPIRED: 3 } });
  return { s, q, training, session, otherSession, trainerUser, otherTrainerUser };
}

describe("evaluation routes: anonymity", () => {
  it("a session with four responses shows no numbers in the loader data, the CSV, the XLSX and the PDF", async () => {
    const w = await smallWorld();
    const params = { trainingId: w.training.id };
    const page = await reportLoader(args(await requestAs(w.s.hrUser.id, `/wirksamkeit/schulungen/${w.training.id}`), params));
    const session = await sessionLoader(args(await requestAs(w.s.hrUser.id, `/wirksamkeit/termine/${w.session.id}`), { sessionId: w.session.id }));
    for (const data of [page, session.report]) {
      expect(data.groups.IMMEDIATE).toEqual({ suppressed: true });
      const json = JSON.stringify(data);
      expect(json).not.toContain("Geheimer Satz");
      expect(json).not.toMatch(/"(responses|answered|mean|nps|count|sent|rate)":/);
    }

    const csvResponse = (await csvLoader(args(await requestAs(w.s.hrUser.id, `/wirksamkeit/schulungen/${w.training.id}.csv`), params))) as Response;
    expect(csvResponse.headers.get("Content-Type")).toContain("text/csv");
    const csv = await csvResponse.text();
    expect(csv).toContain("Zu wenige Rückmeldungen (n < 5)");
    expect(csv).not.toContain("Geheimer Satz");
    expect(csv.split("\n").slice(2).join("\n")).not.toMatch(/;[1-7];|;[1-7]$/m);

    const xlsxResponse = (await xlsxLoader(args(await requestAs(w.s.hrUser.id, `/wirksamkeit/schulungen/${w.training.id}.xlsx`), params))) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxResponse.arrayBuffer()) as ArrayBuffer);
    const values: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row, i) => i > 2 && row.eachCell((cell) => values.push(cell.value))));
    expect(values.filter((v) => typeof v === "number")).toEqual([]);
    expect(values.join("\n")).not.toContain("Geheimer Satz");
    expect(values.join("\n")).toContain("Zu wenige Rückmeldungen");

    const pdfResponse = (await pdfLoader(args(await requestAs(w.s.hrUser.id, `/wirksamkeit/schulungen/${w.training.id}.pdf`), params))) as Response;
    expect(pdfResponse.headers.get("Content-Type")).toBe("application/pdf");
    const text = pdfText(Buffer.from(await pdfResponse.arrayBuffer()));
    expect(text).toContain("Zu wenige");
    expect(text).not.toContain("Geheimer Satz");
    expect(text).not.toMatch(/Rückmeldungen: [0-9]|Mittelwert: [0-9]/);
  });

  it("shows a group of exactly the minimum; with FEEDBACK_MIN_GROUP raised to 7 a group of six is suppressed", async () => {
    const w = await smallWorld();
    // Its own training: beside the small session of four, a session of five would be hidden too
    // (the training's total minus it would reveal the four).
    const { training, session } = await createTraining(db, { title: "Genau fünf" });
    await addResponses(db, w.q.immediate, { trainingId: training.id, sessionId: session.id, answers: immediateAnswers(5, { best: (i) => `Offen ${i}` }) });
    const url = `/wirksamkeit/termine/${session.id}`;
    const five = await sessionLoader(args(await requestAs(w.s.hrUser.id, url), { sessionId: session.id }));
    expect(five.report.groups.IMMEDIATE).toMatchObject({ suppressed: false, responses: 5 });
    expect(JSON.stringify(five)).toContain("Offen 4");

    await addResponses(db, w.q.immediate, { trainingId: training.id, sessionId: session.id, answers: immediateAnswers(1) });
    const env = getEnv();
    const before = env.FEEDBACK_MIN_GROUP;
    env.FEEDBACK_MIN_GROUP = 7;
    try {
      const six = await sessionLoader(args(await requestAs(w.s.hrUser.id, url), { sessionId: session.id }));
      expect(six.report.minGroup).toBe(7);
      expect(six.report.groups.IMMEDIATE).toEqual({ suppressed: true });
      expect(JSON.stringify(six)).not.toContain("Offen");
      const csv = await ((await csvLoader(args(await requestAs(w.s.hrUser.id, `/wirksamkeit/schulungen/${training.id}.csv`), { trainingId: training.id }))) as Response).text();
      expect(csv).toContain("Zu wenige Rückmeldungen (n < 7)");
      expect(csv).not.toContain("Offen");
    } finally {
      env.FEEDBACK_MIN_GROUP = before;
    }
  });

  it("the response rate comes from the request counts", async () => {
    const w = await smallWorld();
    const { training, session } = await createTraining(db, { title: "Rücklauf" });
    await addResponses(db, w.q.immediate, { trainingId: training.id, sessionId: session.id, answers: immediateAnswers(6) });
    await addRequests(db, { trainingId: training.id, sessionId: session.id, questionnaireId: w.q.immediate.id, kind: "IMMEDIATE", personIds: [w.s.colleague.id], statuses: { ANSWERED: 6, PENDING: 2, EXPIRED: 2 } });
    // Not yet available (a transfer check in the future): not sent, so not counted.
    await addRequests(db, { trainingId: training.id, sessionId: session.id, questionnaireId: w.q.immediate.id, kind: "IMMEDIATE", personIds: [w.s.outsider.id], statuses: { PENDING: 5 }, availableFrom: new Date(Date.now() + 30 * 86_400_000) });
    const data = await sessionLoader(args(await requestAs(w.s.hrUser.id, `/wirksamkeit/termine/${session.id}`), { sessionId: session.id }));
    expect(data.report.groups.IMMEDIATE).toMatchObject({ suppressed: false, requests: { sent: 10, answered: 6, rate: 0.6 } });
  });
});

describe("evaluation routes: forbidden paths", () => {
  it("only HR development opens /wirksamkeit and the training report and its exports", async () => {
    const w = await smallWorld();
    const params = { trainingId: w.training.id };
    for (const user of [w.s.employeeUser, w.s.leaderUser, w.s.adminUser, w.trainerUser]) {
      expect(await statusOf(overviewLoader(args(await requestAs(user.id, "/wirksamkeit"))))).toBe(403);
      expect(await statusOf(reportLoader(args(await requestAs(user.id, `/wirksamkeit/schulungen/${w.training.id}`), params)))).toBe(403);
      expect(await statusOf(csvLoader(args(await requestAs(user.id, `/wirksamkeit/schulungen/${w.training.id}.csv`), params)))).toBe(403);
      expect(await statusOf(xlsxLoader(args(await requestAs(user.id, `/wirksamkeit/schulungen/${w.training.id}.xlsx`), params)))).toBe(403);
      expect(await statusOf(pdfLoader(args(await requestAs(user.id, `/wirksamkeit/schulungen/${w.training.id}.pdf`), params)))).toBe(403);
    }
    expect(await statusOf(overviewLoader(args(await requestAs(null, "/wirksamkeit"))))).toBe(302);
    expect(await statusOf(overviewLoader(args(await requestAs(w.s.hrUser.id, "/wirksamkeit"))))).toBe(200);
    expect(await statusOf(overviewLoader(args(await requestAs(w.s.hrUser.id, "/wirksamkeit?from=2026-99"))))).toBe(400);
    expect(await statusOf(reportLoader(args(await requestAs(w.s.hrUser.id, "/wirksamkeit/schulungen/nope"), { trainingId: "nope" })))).toBe(404);
  });

  it("a trainer sees their own session's report, not another trainer's session; employees get 403", async () => {
    const w = await smallWorld();
    const own = await sessionLoader(args(await requestAs(w.trainerUser.id, `/wirksamkeit/termine/${w.session.id}`), { sessionId: w.session.id }));
    expect(own.hr).toBe(false);
    expect(own.report.groups.IMMEDIATE).toEqual({ suppressed: true });
    expect(await statusOf(sessionLoader(args(await requestAs(w.trainerUser.id, `/wirksamkeit/termine/${w.otherSession.id}`), { sessionId: w.otherSession.id })))).toBe(403);
    expect(await statusOf(sessionLoader(args(await requestAs(w.otherTrainerUser.id, `/wirksamkeit/termine/${w.session.id}`), { sessionId: w.session.id })))).toBe(403);
    expect(await statusOf(sessionLoader(args(await requestAs(w.s.employeeUser.id, `/wirksamkeit/termine/${w.session.id}`), { sessionId: w.session.id })))).toBe(403);
    expect(await statusOf(sessionLoader(args(await requestAs(w.s.hrUser.id, "/wirksamkeit/termine/nope"), { sessionId: "nope" })))).toBe(404);
  });

  it("the leader's team view never includes responses outside the led units; employees and HR without a unit get 403", async () => {
    const w = await smallWorld();
    await addResponses(db, w.q.participant, { trainingId: w.training.id, unitPath: w.s.abteilungA1.path, answers: Array.from({ length: 5 }, (_, i) => ({ applied: [i === 0 ? "no" : "yes"], example: `Team-Beispiel ${i}` })) });
    await addResponses(db, w.q.participant, { trainingId: w.training.id, unitPath: w.s.amtB.path, answers: Array.from({ length: 9 }, () => ({ applied: ["no"], barriers: ["no_time"] })) });
    const { training: outsideOnly } = await createTraining(db, { title: "Fremd" });
    await addResponses(db, w.q.participant, { trainingId: outsideOnly.id, unitPath: w.s.amtB.path, answers: Array.from({ length: 6 }, () => ({ applied: ["yes"] })) });
    const data = await teamLoader(args(await requestAs(w.s.leaderUser.id, "/wirksamkeit/team")));
    expect(data.trainings.map((t) => t.training.id)).toEqual([w.training.id]);
    expect(data.trainings[0]!.participant).toMatchObject({ suppressed: false, responses: 5, transferRate: 0.8, barriers: [] });
    // Free texts are not part of the team view at all.
    expect(JSON.stringify(data)).not.toContain("Team-Beispiel");
    expect(await statusOf(teamLoader(args(await requestAs(w.s.employeeUser.id, "/wirksamkeit/team"))))).toBe(403);
    expect(await statusOf(teamLoader(args(await requestAs(w.s.hrUser.id, "/wirksamkeit/team"))))).toBe(403);
  });
});
