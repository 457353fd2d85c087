// Exports of a training's evaluation report: CSV, XLSX and a printable PDF (pdfkit, standard font,
// WinAnsi text; docs/decisions/011). All three are built from the same tables, which are built
// from the report as the page gets it — so a suppressed group is suppressed in every export too:
// it appears only as "Zu wenige Rückmeldungen (n < 5)", without any number or text.
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import { stringify } from "csv-stringify/sync";
import { toWinAnsi } from "~/modules/training/certificate-pdf.server.ts";
import { formatNumber } from "~/utils/i18n.ts";
import type { ComparisonCell, GroupReport, Kind, TrainingReport } from "./reports.server.ts";
import { KINDS } from "./reports.server.ts";

export const KIND_LABELS_DE: Record<Kind, string> = {
  IMMEDIATE: "Direkt nach der Schulung",
  TRANSFER_PARTICIPANT: "Transfercheck Teilnehmende",
  TRANSFER_LEADER: "Transfercheck Führungskräfte",
};
const TYPE_LABELS_DE = { SCALE5: "Skala 1–5", NPS: "Weiterempfehlung 0–10", SINGLE: "Einfachauswahl", MULTI: "Mehrfachauswahl", TEXT: "Freitext" } as const;

export type Cell = string | number | null;
export interface ExportTable {
  title: string;
  header: string[];
  rows: Cell[][];
  /** Columns holding shares 0–1 (shown as percent). */
  percentColumns?: number[];
}

export const tooFew = (min: number) => `Zu wenige Rückmeldungen (n < ${min})`;
const round = (v: number | null, digits = 2) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

function monthText(period: string) {
  const [y, m] = period.split("-");
  return `${m}/${y}`;
}

/** The report as tables (German headings). Suppressed groups give one row with the notice only. */
export function reportTables(report: TrainingReport): ExportTable[] {
  const min = report.minGroup;
  const few = tooFew(min);
  const overview: ExportTable = {
    title: "Überblick",
    header: ["Art der Rückmeldung", "Rückmeldungen", "Anfragen versendet", "Anfragen beantwortet", "Rücklaufquote", "NPS (Punkte)", "Transferquote"],
    rows: KINDS.map((kind) => {
      const g = report.groups[kind];
      if (g.suppressed) return [KIND_LABELS_DE[kind], few, null, null, null, null, null];
      return [KIND_LABELS_DE[kind], g.responses, g.requests?.sent ?? null, g.requests?.answered ?? null, round(g.requests?.rate ?? null, 3), round(g.nps, 0), round(g.transferRate, 3)];
    }),
    percentColumns: [4, 6],
  };
  const items: ExportTable = {
    title: "Fragen",
    header: ["Art der Rückmeldung", "Fragebogen", "Frage", "Fragetyp", "Antworten", "Mittelwert", "Top-2-Box", "NPS (Punkte)", "Verteilung"],
    rows: [],
    percentColumns: [6],
  };
  const texts: ExportTable = { title: "Freitexte", header: ["Art der Rückmeldung", "Frage", "Antwort (alphabetisch)"], rows: [] };
  const barriers: ExportTable = { title: "Hindernisse", header: ["Art der Rückmeldung", "Hindernis", "Nennungen", "Anteil"], rows: [], percentColumns: [3] };
  const gains: ExportTable = { title: "Lernzuwachs", header: ["Kompetenz", "Selbsteinschätzungen", "Vorher (Ø)", "Nachher (Ø)", "Zuwachs"], rows: [] };
  for (const kind of KINDS) {
    const g: GroupReport = report.groups[kind];
    if (g.suppressed) continue;
    for (const item of g.items) {
      if (item.type === "TEXT") {
        if (item.stats.suppressed) texts.rows.push([KIND_LABELS_DE[kind], item.text, few]);
        else for (const text of item.stats.texts ?? []) texts.rows.push([KIND_LABELS_DE[kind], item.text, text]);
        continue;
      }
      if (item.stats.suppressed) {
        items.rows.push([KIND_LABELS_DE[kind], item.questionnaire, item.text, TYPE_LABELS_DE[item.type], few, null, null, null, null]);
        continue;
      }
      const s = item.stats;
      items.rows.push([
        KIND_LABELS_DE[kind],
        item.questionnaire,
        item.text,
        TYPE_LABELS_DE[item.type],
        s.answered,
        round(s.mean),
        round(s.topTwoBox, 3),
        s.nps ? round(s.nps.score, 0) : null,
        s.distribution.map((d) => `${d.label}: ${d.count}`).join("; "),
      ]);
    }
    for (const b of g.barriers) barriers.rows.push([KIND_LABELS_DE[kind], b.label, b.count, round(b.share, 3)]);
    for (const l of g.learningGain) {
      if (l.suppressed) continue;
      gains.rows.push([`${l.code} ${l.name}`.trim(), l.answered, round(l.before), round(l.after), round(l.after - l.before)]);
    }
  }
  const immediateValues = (c: ComparisonCell): Cell[] => (c.suppressed ? [few, null, null] : [c.responses, round(c.reactionMean), round(c.nps, 0)]);
  const transferValues = (c: ComparisonCell): Cell[] => (c.suppressed ? [few, null] : [c.responses, round(c.transferRate, 3)]);
  const figureHeader = ["Direkt: Rückmeldungen", "Direkt: Ø Reaktion", "Direkt: NPS", "Transfer TN: Rückmeldungen", "Transfer TN: Transferquote"];
  const comparison: ExportTable = {
    title: "Vergleich der Termine",
    header: ["Termin", ...figureHeader],
    rows: report.comparison.map((row) => [row.session?.label ?? "Ohne Termin", ...immediateValues(row.cells.IMMEDIATE), ...transferValues(row.cells.TRANSFER_PARTICIPANT)]),
    percentColumns: [5],
  };
  const trend: ExportTable = {
    title: "Verlauf",
    header: ["Monat", ...figureHeader],
    rows: report.trend.map((p) => [monthText(p.period), ...immediateValues(p.cells.IMMEDIATE), ...transferValues(p.cells.TRANSFER_PARTICIPANT)]),
    percentColumns: [5],
  };
  return [overview, items, barriers, gains, texts, comparison, trend].filter((t) => t === overview || t.rows.length > 0);
}

export function reportTitle(report: TrainingReport) {
  const base = `Wirksamkeit: ${report.training.title} (${report.training.code})`;
  return report.session ? `${base}, Termin ${new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeZone: "Europe/Berlin" }).format(report.session.startsAt)}` : base;
}

export function filterText(report: TrainingReport) {
  const parts: string[] = [];
  if (report.filters.from || report.filters.to) parts.push(`Zeitraum: ${report.filters.from ? monthText(report.filters.from) : "…"} bis ${report.filters.to ? monthText(report.filters.to) : "…"}`);
  parts.push(`Ergebnisse erst ab ${report.minGroup} Rückmeldungen je Gruppe; kleinere Gruppen sind unterdrückt.`);
  return parts.join(" · ");
}

export function reportFileName(report: TrainingReport, extension: "csv" | "xlsx" | "pdf") {
  const code = report.training.code.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9._-]+/g, "-") || "Schulung";
  return `Wirksamkeit-${code}.${extension}`;
}

const de = (v: Cell, percent: boolean) => {
  if (v === null) return "";
  if (typeof v === "string") return v;
  return percent ? `${formatNumber(v * 100, "de", { maximumFractionDigits: 1 })} %` : formatNumber(v, "de", { maximumFractionDigits: 2 });
};

export function reportCsv(report: TrainingReport) {
  const lines: Cell[][] = [[reportTitle(report)], [filterText(report)]];
  for (const table of reportTables(report)) {
    lines.push([], [table.title], table.header);
    for (const row of table.rows) lines.push(row.map((v, i) => de(v, table.percentColumns?.includes(i) ?? false)));
  }
  // A BOM and semicolons so German Excel opens it correctly.
  return "\ufeff" + stringify(lines.map((l) => l.map((v) => (v === null ? "" : v))), { delimiter: ";" });
}

export async function reportXlsx(report: TrainingReport) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Lernreise";
  workbook.created = new Date();
  for (const table of reportTables(report)) {
    const sheet = workbook.addWorksheet(table.title.slice(0, 31));
    sheet.addRow([reportTitle(report)]).font = { bold: true, size: 13 };
    sheet.addRow([filterText(report)]);
    sheet.addRow([]);
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    for (const c of table.percentColumns ?? []) sheet.getColumn(c + 1).numFmt = "0.0%";
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 ? 32 : table.title === "Freitexte" && i === 2 ? 80 : i === 2 && table.title === "Fragen" ? 60 : 18;
    });
    sheet.views = [{ state: "frozen", ySplit: 4 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const MUTED = "#4a5561";
const RULE = "#c7ced6";

/** Every string the PDF will draw, in order (for tests and for the renderer). */
export function reportPdfLines(report: TrainingReport): { style: "title" | "muted" | "heading" | "header" | "row"; text: string }[] {
  const out: { style: "title" | "muted" | "heading" | "header" | "row"; text: string }[] = [
    { style: "title", text: reportTitle(report) },
    { style: "muted", text: filterText(report) },
  ];
  for (const table of reportTables(report)) {
    out.push({ style: "heading", text: table.title });
    out.push({ style: "header", text: table.header.join(" | ") });
    for (const row of table.rows) {
      const cells = row.map((v, i) => `${table.header[i]}: ${de(v, table.percentColumns?.includes(i) ?? false)}`).filter((c) => !c.endsWith(": "));
      out.push({ style: "row", text: cells.join(" · ") });
    }
  }
  return out;
}

export interface PdfOptions {
  /** Deflate content streams (default: on, except under NODE_ENV=test so tests can read the text). */
  compress?: boolean;
  printedAt?: Date;
}

/** A printable A4 report: title, the anonymity note, then each table as a list of rows. */
export function renderReportPdf(report: TrainingReport, options: PdfOptions = {}): Promise<Buffer> {
  const title = reportTitle(report);
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    bufferPages: true,
    compress: options.compress ?? process.env.NODE_ENV !== "test",
    lang: "de-DE",
    displayTitle: true,
    info: { Title: toWinAnsi(title), Author: "Lernreise", Creator: "Lernreise", Subject: "Wirksamkeit der Schulung" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  for (const line of reportPdfLines(report)) {
    const text = toWinAnsi(line.text);
    if (line.style === "title") {
      doc.font(FONT_BOLD).fontSize(18).fillColor("black").text(text, { width });
      doc.moveDown(0.3);
    } else if (line.style === "muted") {
      doc.font(FONT).fontSize(9).fillColor(MUTED).text(text, { width });
      doc.moveDown(0.6);
    } else if (line.style === "heading") {
      if (doc.y + 80 > bottom()) doc.addPage();
      doc.moveDown(0.6);
      doc.font(FONT_BOLD).fontSize(13).fillColor("black").text(text, { width });
      doc.moveDown(0.2);
    } else if (line.style === "header") {
      doc.font(FONT).fontSize(8).fillColor(MUTED).text(text, { width });
      doc.moveTo(doc.page.margins.left, doc.y + 2).lineTo(doc.page.margins.left + width, doc.y + 2).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.moveDown(0.4);
    } else {
      doc.font(FONT).fontSize(9.5).fillColor("black").text(text, { width, lineGap: 1 });
      doc.moveDown(0.25);
    }
  }
  const printed = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeZone: "Europe/Berlin" }).format(options.printedAt ?? new Date());
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const marginBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(MUTED)
      .text(toWinAnsi(`${report.training.code} · Stand ${printed} · Seite ${i - range.start + 1} von ${range.count}`), doc.page.margins.left, doc.page.height - marginBottom / 2 - 4, {
        width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = marginBottom;
  }
  doc.end();
  return done;
}
