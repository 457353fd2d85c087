import ExcelJS from "exceljs";
import { db } from "~/utils/db.server.ts";
import { getSessionReport, getTrainingReport } from "./reports.server.ts";
import { reportCsv, reportPdfLines, reportXlsx, renderReportPdf } from "./report-export.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { createTraining } from "../../../tests/training-factories.ts";
import { addResponses, addSession, createQuestionnaires, immediateAnswers } from "../../../tests/evaluation-factories.ts";

const NOW = new Date("2026-11-27T10:00:00Z");

/** The text drawn in an uncompressed pdfkit PDF: standard fonts write hex strings in TJ arrays. */
function pdfText(pdf: Buffer) {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const [, array] of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join("");
    lines.push(Buffer.from(hex, "hex").toString("latin1"));
  }
  return lines.join("\n");
}

async function xlsxText(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(`${sheet.name}|${String(cell.value)}`))));
  return { workbook, cells };
}

async function world() {
  const s = await createScenario(db);
  const q = await createQuestionnaires(db);
  const { training, session: big } = await createTraining(db, { title: `Export ${Math.random().toString(36).slice(2, 7)}` });
  const small = await addSession(db, training.id);
  const hr = await actorFor(db, s.hrUser.id);
  return { s, q, training, big, small, hr };
}

describe("report exports", () => {
  it("CSV, XLSX and PDF carry the figures and texts of a large enough group", async () => {
    const w = await world();
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.big.id, answers: immediateAnswers(6, { scale: 5, recommendation: 10, best: (i) => `Sehr gut ${i}` }) });
    const report = await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 5 });
    const csv = reportCsv(report);
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(csv).toContain("Direkt nach der Schulung;6;");
    expect(csv).toContain("Sehr gut 3");
    expect(csv).toContain("Die Inhalte sind relevant.");
    const { workbook, cells } = await xlsxText(await reportXlsx(report));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Überblick", "Fragen", "Freitexte"]));
    expect(cells).toContain("Freitexte|Sehr gut 0");
    const overview = workbook.getWorksheet("Überblick")!;
    expect(overview.getRow(5).getCell(2).value).toBe(6);
    expect(overview.getRow(5).getCell(6).value).toBe(100);
    const pdf = await renderReportPdf(report, { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Sehr gut 5");
    expect(text).toContain("Fragen");
  });

  it("a session of four responses shows no numbers and no texts in any export", async () => {
    const w = await world();
    await addResponses(db, w.q.immediate, { trainingId: w.training.id, sessionId: w.small.id, answers: immediateAnswers(4, { scale: 2, recommendation: 3, best: (i) => `Vertraulich ${i}` }) });
    for (const report of [
      await getSessionReport(db, w.hr, w.small.id, { now: NOW, minGroup: 5 }),
      await getTrainingReport(db, w.hr, w.training.id, { from: null, to: null }, { now: NOW, minGroup: 5 }),
    ]) {
      const csv = reportCsv(report);
      expect(csv).toContain("Zu wenige Rückmeldungen (n < 5)");
      expect(csv).not.toContain("Vertraulich");
      // No count, mean or score: the only digits are the threshold, the code and dates of the heading.
      const body = csv.split("\n").slice(2).join("\n");
      expect(body).not.toMatch(/;4;|;2;|;3;|-100/);
      const { cells } = await xlsxText(await reportXlsx(report));
      expect(cells.join("\n")).not.toContain("Vertraulich");
      expect(cells.filter((c) => /\|(2|3|4|-100)$/.test(c))).toEqual([]);
      const lines = reportPdfLines(report).map((l) => l.text).join("\n");
      expect(lines).not.toContain("Vertraulich");
      expect(lines).toContain("Zu wenige Rückmeldungen");
      expect(lines).not.toMatch(/Rückmeldungen: 4|NPS \(Punkte\): -100/);
      const text = pdfText(await renderReportPdf(report, { compress: false }));
      expect(text).not.toContain("Vertraulich");
      expect(text).not.toMatch(/: 4\b/);
    }
  });
});
