// The certificate of participation (Teilnahmebescheinigung) of a confirmed completion as an A4
// PDF, rendered on request with pdfkit and the standard font Helvetica (docs/decisions/011, 017).
// No Remix imports; the route wires HTTP to getCertificate() and this renderer.
import PDFDocument from "pdfkit";
import { formatDate, formatNumber, getT, type Locale } from "~/utils/i18n.ts";
import type { CertificateData } from "./completions.server.ts";

const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const MUTED = "#4a5561";
const ACCENT = "#1f4e79";
const RULE = "#c7ced6";
const MARGIN = 64;

// The standard fonts encode text in WinAnsi (Windows-1252): Latin-1 plus these characters.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const FALLBACK: Record<string, string> = { ł: "l", Ł: "L", đ: "d", Đ: "D", ħ: "h", Ħ: "H", ı: "i", ŀ: "l", Ŀ: "L", ŉ: "n", ŧ: "t", Ŧ: "T", "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "\u2009": " ", "\u202f": " " };

function inWinAnsi(ch: string) {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) || ch === "\n";
}

/**
 * Text the standard fonts can draw: characters outside WinAnsi lose their accents where they
 * have one (ğ → g, ș → s, č → c; Ⅻ → XII), a few get a look-alike (ł → l), anything else becomes "?".
 * German umlauts, ß, „…“ and – are WinAnsi and stay as they are.
 */
export function toWinAnsi(text: string) {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (inWinAnsi(ch)) out += ch;
    else if (FALLBACK[ch] !== undefined) out += FALLBACK[ch];
    else {
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += base && [...base].every(inWinAnsi) ? base : "?";
    }
  }
  return out;
}

/** "Teilnahmebescheinigung-LR-2026-000123.pdf" (ASCII only, safe in every browser and mail client). */
export function certificateFileName(certificateNumber: string) {
  const safe = certificateNumber.replace(/[^A-Za-z0-9-]+/g, "-");
  return `Teilnahmebescheinigung-${safe || "Lernreise"}.pdf`;
}

/** "4 Stunden", "1,5 Stunden", "45 Minuten"; null when the catalogue gives no duration. */
export function durationText(minutes: number, locale: Locale) {
  const t = getT(locale);
  if (!minutes || minutes <= 0) return null;
  if (minutes < 60) return t("completions.certificate.minutes", { count: minutes });
  const hours = minutes / 60;
  return t("completions.certificate.hours", { count: hours, hours: formatNumber(hours, locale, { maximumFractionDigits: 2 }) });
}

/** "am 12.03.2026", "vom 12.03.2026 bis 14.03.2026" or the list of days when they are not in a row. */
export function datesText(days: CertificateData["days"], locale: Locale) {
  const t = getT(locale);
  const dates = [...new Set(days.map((d) => formatDate(d.startsAt, locale)))];
  if (dates.length === 1) return t("completions.certificate.onDate", { date: dates[0] });
  const first = new Date(days[0]!.startsAt);
  const last = new Date(days[days.length - 1]!.startsAt);
  const consecutive = Math.round((last.getTime() - first.getTime()) / 86_400_000) === dates.length - 1;
  if (consecutive) return t("completions.certificate.fromTo", { from: dates[0], to: dates[dates.length - 1] });
  return t("completions.certificate.onDates", { dates: dates.slice(0, -1).join(", "), last: dates[dates.length - 1] });
}

export interface CertificateRenderOptions {
  /** Deflate content streams (default: on, except under NODE_ENV=test so tests can read the text). */
  compress?: boolean;
  /** The issuing body; default the organisation's name from the locale files. */
  issuer?: string;
}

/** Renders the certificate as a one-page A4 PDF (long competency lists flow onto a second page). */
export function renderCertificatePdf(data: CertificateData, locale: Locale, options: CertificateRenderOptions = {}): Promise<Buffer> {
  const t = getT(locale);
  const w = toWinAnsi;
  const issuer = options.issuer ?? t("shell.organisation");
  const name = `${data.person.firstName} ${data.person.lastName}`;
  const title = t("completions.certificate.title");
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? process.env.NODE_ENV !== "test",
    lang: locale === "de" ? "de-DE" : "en-GB",
    displayTitle: true,
    info: {
      Title: w(`${title}: ${data.training.title} – ${name}`),
      Author: w(issuer),
      Creator: "Lernreise",
      Subject: w(`${title} ${data.certificateNumber}`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const centered = (text: string, font: string, size: number, color = "black", gap = 0) => {
    doc.font(font).fontSize(size).fillColor(color).text(w(text), left, doc.y, { width, align: "center", lineGap: gap });
  };
  const rule = (y: number) => doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.75).strokeColor(RULE).stroke();

  // Header: the issuing body and the platform.
  doc.font(FONT_BOLD).fontSize(12).fillColor(ACCENT).text(w(issuer), left, MARGIN, { width });
  doc.font(FONT).fontSize(9).fillColor(MUTED).text(w(t("completions.certificate.platform")), { width });
  rule(doc.y + 8);
  doc.y += 48;

  centered(title, FONT_BOLD, 26, "black");
  doc.moveDown(1.4);
  centered(t("completions.certificate.certifies"), FONT, 12);
  doc.moveDown(0.6);
  centered(name, FONT_BOLD, 20);
  doc.moveDown(0.8);
  centered(t("completions.certificate.atTraining"), FONT, 12);
  doc.moveDown(0.6);
  centered(data.training.title, FONT_BOLD, 15, "black", 2);
  const facts = [data.training.code, t(`catalogue.format.${data.training.format}`, { defaultValue: data.training.format }), data.training.provider].filter(Boolean).join(" · ");
  doc.moveDown(0.3);
  centered(facts, FONT, 10, MUTED);
  doc.moveDown(0.8);
  centered(datesText(data.days, locale), FONT, 12);
  const duration = durationText(data.training.durationMinutes, locale);
  if (duration) {
    doc.moveDown(0.2);
    centered(t("completions.certificate.duration", { duration }), FONT, 12);
  }
  doc.moveDown(0.6);
  centered(t(data.result === "PASSED" ? "completions.certificate.passed" : "completions.certificate.participated"), FONT, 12);

  if (data.competencies.length > 0) {
    doc.moveDown(1.6);
    doc.font(FONT_BOLD).fontSize(12).fillColor("black").text(w(t("completions.certificate.competencies")), left, doc.y, { width });
    doc.font(FONT).fontSize(9).fillColor(MUTED).text(w(t("completions.certificate.competenciesHint")), { width });
    doc.moveDown(0.4);
    for (const c of data.competencies) {
      const level = c.levelLabel ? `${c.level} – ${c.levelLabel}` : String(c.level);
      const line = `${c.code} ${c.name}`;
      const detail = `${t("completions.certificate.level", { level })} · ${c.framework}`;
      doc.font(FONT_BOLD).fontSize(10.5);
      const height = doc.heightOfString(w(line), { width: width - 14 }) + doc.heightOfString(w(detail), { width: width - 14 }) + 6;
      if (doc.y + height > bottom() - 110) doc.addPage();
      const y = doc.y;
      doc.circle(left + 3, y + 5, 1.8).fill(ACCENT);
      doc.font(FONT_BOLD).fontSize(10.5).fillColor("black").text(w(line), left + 14, y, { width: width - 14 });
      doc.font(FONT).fontSize(9.5).fillColor(MUTED).text(w(detail), left + 14, doc.y, { width: width - 14 });
      doc.moveDown(0.35);
    }
  }
  if (data.expiresAt) {
    doc.moveDown(0.8);
    doc.font(FONT).fontSize(11).fillColor("black").text(w(t("completions.certificate.validUntil", { date: formatDate(data.expiresAt, locale) })), left, doc.y, { width });
  }

  // Closing block at the foot of the last page: number, issuer, date, how to verify.
  const closing = [
    [t("completions.certificate.number"), data.certificateNumber],
    [t("completions.certificate.issuedBy"), issuer],
    [t("completions.certificate.issuedAt"), formatDate(data.issuedAt, locale)],
  ] as const;
  const blockHeight = 110;
  if (doc.y + blockHeight > bottom()) doc.addPage();
  let y = bottom() - blockHeight;
  rule(y);
  y += 12;
  for (const [label, value] of closing) {
    doc.font(FONT_BOLD).fontSize(10).fillColor("black").text(w(`${label}: `), left, y, { continued: true, width });
    doc.font(FONT).text(w(value));
    y = doc.y + 2;
  }
  doc.font(FONT).fontSize(8.5).fillColor(MUTED).text(w(t("completions.certificate.verify")), left, y + 6, { width, lineGap: 1 });

  // Page numbers only when the list of competencies needed a second page.
  const range = doc.bufferedPageRange();
  if (range.count > 1) {
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const marginBottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font(FONT)
        .fontSize(8)
        .fillColor(MUTED)
        .text(w(`${title} ${data.certificateNumber} · ${t("completions.certificate.page", { page: i - range.start + 1, pages: range.count })}`), left, doc.page.height - marginBottom / 2 - 4, {
          width,
          align: "center",
          lineBreak: false,
        });
      doc.page.margins.bottom = marginBottom;
    }
  }
  doc.end();
  return done;
}
