// The Anforderungsprofil of a position (for job postings): one view of the effective
// requirements, shown as a printable page and rendered as a PDF with pdfkit
// (docs/decisions/011). No Remix imports; the route only wires HTTP to these functions.
import PDFDocument from "pdfkit";
import { formatDate, getT, type Locale } from "~/utils/i18n.ts";
import { IMPORTANCES, type ImportanceValue } from "./schemas.ts";
import type { getPositionProfile } from "./profiles.server.ts";

type PositionProfileResult = Awaited<ReturnType<typeof getPositionProfile>>;

export interface RequirementProfileRow {
  code: string;
  name: string;
  targetLevel: number;
  /** The scale's label for the target level, e.g. "Vertiefung"; null when the scale has none. */
  levelLabel: string | null;
  /** Number and label, e.g. "3 – Vertiefung". */
  level: string;
  /** What the competency looks like at the target level; null when not described. */
  descriptor: string | null;
  framework: string;
}

export interface RequirementProfile {
  position: { id: string; code: string; title: string; payGrade: string | null; jobDescription: string };
  orgUnit: { code: string; name: string };
  groups: { importance: ImportanceValue; rows: RequirementProfileRow[] }[];
  /** One entry per framework the requirements come from, in order of first use. */
  attributions: { framework: string; text: string }[];
  printedAt: Date;
}

/** Builds the Anforderungsprofil from a position profile (see getPositionProfile). */
export function toRequirementProfile(result: PositionProfileResult, printedAt = new Date()): RequirementProfile {
  const { position, requirements } = result;
  const frameworks = new Map<string, { framework: string; text: string }>();
  const rows = requirements.rows.map((r) => {
    const { competency, targetLevel } = r;
    const { framework } = competency;
    if (!frameworks.has(framework.id)) frameworks.set(framework.id, { framework: framework.name, text: framework.attribution.trim() });
    const levelLabel = framework.scale.levels.find((l) => l.ordinal === targetLevel)?.label ?? null;
    return {
      importance: r.importance,
      row: {
        code: competency.code,
        name: competency.name,
        targetLevel,
        levelLabel,
        level: levelText(targetLevel, levelLabel),
        descriptor: competency.descriptors.find((d) => d.ordinal === targetLevel)?.text.trim() || null,
        framework: framework.name,
      },
    };
  });
  return {
    position: { id: position.id, code: position.code, title: position.title, payGrade: position.payGrade, jobDescription: position.jobDescription },
    orgUnit: { code: position.orgUnit.code, name: position.orgUnit.name },
    groups: IMPORTANCES.map((importance) => ({ importance, rows: rows.filter((r) => r.importance === importance).map((r) => r.row) })).filter(
      (g) => g.rows.length > 0,
    ),
    attributions: [...frameworks.values()],
    printedAt,
  };
}

/** "3 – Vertiefung", or "3" when the scale has no label for the level. */
function levelText(targetLevel: number, label: string | null) {
  return label ? `${targetLevel} – ${label}` : String(targetLevel);
}

/** A file name that survives every browser and mail client: ASCII letters, digits, - _ . only. */
export function requirementProfileFileName(positionCode: string) {
  const safe = positionCode
    .normalize("NFKD")
    .replace(/ß/g, "ss")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
  return `Anforderungsprofil-${safe || "Stelle"}.pdf`;
}

const A4_MARGIN = 56; // 2 cm
const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const MUTED = "#4a5561";
const RULE = "#c7ced6";

export interface RenderOptions {
  /** Deflate content streams (default: on, except under NODE_ENV=test so tests can read the text). */
  compress?: boolean;
}

/** Renders the Anforderungsprofil as an A4 PDF. Text flows over pages; headings stay with their content. */
export function renderRequirementProfilePdf(data: RequirementProfile, locale: Locale, options: RenderOptions = {}): Promise<Buffer> {
  const t = getT(locale);
  const title = t("requirementProfile.title");
  const doc = new PDFDocument({
    size: "A4",
    margin: A4_MARGIN,
    bufferPages: true,
    compress: options.compress ?? process.env.NODE_ENV !== "test",
    lang: locale === "de" ? "de-DE" : "en-GB",
    displayTitle: true,
    info: {
      Title: `${title}: ${data.position.title} (${data.position.code})`,
      Author: "Lernreise",
      Creator: "Lernreise",
      Subject: title,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  /** Starts a new page unless `height` points still fit on this one. */
  const keep = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string, size: number) => {
    keep(size * 3 + 40); // a heading never ends a page alone
    doc.font(FONT_BOLD).fontSize(size).fillColor("black").text(text, { width });
    doc.moveDown(0.3);
  };
  const field = (label: string, value: string) => {
    doc.font(FONT_BOLD).fontSize(10).fillColor("black").text(`${label}: `, { continued: true });
    doc.font(FONT).text(value, { width });
  };
  const rule = () => {
    doc.moveTo(doc.page.margins.left, doc.y).lineTo(doc.page.margins.left + width, doc.y).lineWidth(0.5).strokeColor(RULE).stroke();
  };

  // Title and position
  doc.font(FONT).fontSize(10).fillColor(MUTED).text(t("requirementProfile.preline"), { width });
  doc.font(FONT_BOLD).fontSize(20).fillColor("black").text(title, { width });
  doc.moveDown(0.2);
  doc.font(FONT_BOLD).fontSize(14).text(`${data.position.title} (${data.position.code})`, { width });
  doc.moveDown(0.6);
  field(t("requirementProfile.orgUnit"), `${data.orgUnit.code} ${data.orgUnit.name}`);
  field(t("requirementProfile.payGrade"), data.position.payGrade || "–");
  doc.moveDown(0.8);

  heading(t("requirementProfile.jobDescription"), 13);
  doc
    .font(FONT)
    .fontSize(10)
    .fillColor("black")
    .text(data.position.jobDescription.trim() || t("requirementProfile.noJobDescription"), { width, lineGap: 2 });
  doc.moveDown(1);

  heading(t("requirementProfile.requirements"), 13);
  if (data.groups.length === 0) {
    doc.font(FONT).fontSize(10).text(t("requirementProfile.empty"), { width });
  }
  for (const group of data.groups) {
    doc.moveDown(0.4);
    heading(t(`requirementProfile.importance.${group.importance}`), 12);
    for (const row of group.rows) {
      const name = `${row.code} ${row.name}`;
      const level = `${t("requirementProfile.targetLevel")}: ${row.level}`;
      const descriptor = row.descriptor ?? "–";
      doc.font(FONT_BOLD).fontSize(10.5);
      const nameHeight = doc.heightOfString(name, { width });
      doc.font(FONT).fontSize(10);
      const blockHeight = nameHeight + doc.heightOfString(level, { width }) + doc.heightOfString(descriptor, { width: width - 12, lineGap: 1.5 }) + 16;
      // Keep a requirement on one page when it fits on one; very long ones flow on.
      if (blockHeight < bottom() - doc.page.margins.top) keep(blockHeight);
      else keep(nameHeight * 4);
      rule();
      doc.moveDown(0.3);
      doc.font(FONT_BOLD).fontSize(10.5).fillColor("black").text(name, { width });
      doc.font(FONT).fontSize(10).fillColor(MUTED).text(level, { width });
      doc.fillColor("black").text(descriptor, doc.page.margins.left + 12, doc.y, { width: width - 12, lineGap: 1.5 });
      doc.x = doc.page.margins.left;
      doc.moveDown(0.5);
    }
  }

  if (data.attributions.length) {
    doc.moveDown(0.8);
    heading(t("requirementProfile.attributions"), 11);
    for (const a of data.attributions) {
      doc.font(FONT_BOLD).fontSize(9).fillColor("black").text(`${a.framework}${a.text ? ": " : ""}`, { width, continued: !!a.text });
      if (a.text) doc.font(FONT).text(a.text, { width });
      doc.moveDown(0.3);
    }
  }
  doc.moveDown(0.8);
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor(MUTED)
    .text(t("requirementProfile.printedAt", { date: formatDate(data.printedAt, locale) }), { width });

  // Footer on every page: written into the bottom margin, so lift the margin while writing.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const marginBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `${title} · ${data.position.code} · ${t("requirementProfile.page", { page: i - range.start + 1, pages: range.count })}`,
        doc.page.margins.left,
        doc.page.height - marginBottom / 2 - 4,
        { width, align: "center", lineBreak: false },
      );
    doc.page.margins.bottom = marginBottom;
  }
  doc.end();
  return done;
}
