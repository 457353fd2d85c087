// CSV and XLSX exports of the compliance cockpit: the open items of the selected unit and
// filters (same order as on the page: by due date, then name), and in the workbook also the
// per-rule summary and the rule × sub-unit rates. German headers and dates.
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { toInstant } from "./days.ts";
import type { getCockpitExport, CockpitQuery, Counts, ItemFilter, OpenStatus } from "./cockpit.server.ts";
import { formatDate } from "~/utils/i18n.ts";

type CockpitExport = Awaited<ReturnType<typeof getCockpitExport>>;

export const STATUS_LABELS_DE: Record<OpenStatus, string> = {
  NOT_DUE: "Noch nicht fällig",
  DUE_SOON: "Bald fällig",
  OVERDUE: "Überfällig",
  EXPIRED: "Abgelaufen",
};

const FILTER_LABELS_DE: Record<ItemFilter, string> = {
  overdue: "Überfällig oder abgelaufen",
  due30: "Fällig in 30 Tagen",
  later: "Später fällig",
  ...STATUS_LABELS_DE,
};

/** The selection in words, for the head of the workbook. */
export function filterDescription(data: CockpitExport, query: Pick<CockpitQuery, "rule" | "status" | "sub">) {
  const parts: string[] = [];
  const rule = query.rule ? data.rules.find((r) => r.id === query.rule) : null;
  if (query.rule) parts.push(`Pflichtschulung: ${rule?.name ?? "–"}`);
  if (query.status) parts.push(`Status: ${FILTER_LABELS_DE[query.status]}`);
  const sub = query.sub ? (data.scope.unit?.id === query.sub ? data.scope.unit : data.scope.rows.find((u) => u.id === query.sub)) : null;
  if (sub) parts.push(`Einheit: ${sub.code} ${sub.name}${sub.id === data.scope.unit?.id ? " (direkt zugeordnet)" : ""}`);
  return parts.length ? `Auswahl: ${parts.join("; ")}` : "Auswahl: alle offenen Punkte";
}

const ITEM_HEADER = ["Nachname", "Vorname", "Organisationseinheit", "Pflichtschulung", "Fällig am", "Status", "Tage überfällig", "Nachweis gültig bis"];

const de = (day: string | null) => (day ? formatDate(day, "de") : "");

export function scopeLabel(data: Pick<CockpitExport, "scope">) {
  if (data.scope.unit) return `${data.scope.unit.code} ${data.scope.unit.name}`;
  return data.scope.access === "any" ? "Gesamte Verwaltung" : "Eigene Einheiten";
}

export function exportFileName(data: Pick<CockpitExport, "scope" | "today">, extension: "csv" | "xlsx") {
  const code = data.scope.unit ? `-${data.scope.unit.code.replace(/[^A-Za-z0-9.-]/g, "_")}` : "";
  return `Pflichtschulungen-Team${code}-${data.today}.${extension}`;
}

export function cockpitCsv(data: CockpitExport) {
  const rows = data.items.map((i) => [
    i.person.lastName,
    i.person.firstName,
    i.unit ? `${i.unit.code} ${i.unit.name}` : "",
    i.rule.name,
    de(i.dueOn),
    STATUS_LABELS_DE[i.status],
    i.daysOverdue,
    de(i.validUntil),
  ]);
  // A BOM and semicolons so German Excel opens it correctly.
  return "\ufeff" + stringify([ITEM_HEADER, ...rows], { delimiter: ";" });
}

const percent = (c: Counts) => (c.rate === null ? null : Math.round(c.rate * 1000) / 1000);

export async function cockpitXlsx(data: CockpitExport, filterText: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Lernreise";
  workbook.created = new Date();
  const title = `Pflichtschulungen im Team – ${scopeLabel(data)}`;
  const stand = `Stand: ${de(data.today)}. Quote = erfüllt / erforderlich (ohne befreite und pausierte Personen); fällig in 30 Tagen = bis ${de(data.dueLimit)}.`;

  const items = workbook.addWorksheet("Offene Punkte");
  items.addRow([title]).font = { bold: true, size: 13 };
  items.addRow([stand]);
  items.addRow([filterText]);
  items.addRow([]);
  items.addRow(ITEM_HEADER).font = { bold: true };
  for (const i of data.items) {
    items.addRow([
      i.person.lastName,
      i.person.firstName,
      i.unit ? `${i.unit.code} ${i.unit.name}` : "",
      i.rule.name,
      toInstant(i.dueOn),
      STATUS_LABELS_DE[i.status],
      i.daysOverdue,
      i.validUntil ? toInstant(i.validUntil) : null,
    ]);
  }
  items.getColumn(5).numFmt = "dd.mm.yyyy";
  items.getColumn(8).numFmt = "dd.mm.yyyy";
  [18, 16, 32, 36, 12, 18, 14, 18].forEach((width, i) => (items.getColumn(i + 1).width = width));
  items.views = [{ state: "frozen", ySplit: 5 }];

  const summary = workbook.addWorksheet("Übersicht");
  summary.addRow([title]).font = { bold: true, size: 13 };
  summary.addRow([stand]);
  summary.addRow([]);
  summary.addRow(["Pflichtschulung", "Rechtsgrundlage", "Quote", "Erfüllt", "Erforderlich", "Überfällig", "Fällig in 30 Tagen", "Befreit", "Pausiert"]).font = { bold: true };
  for (const r of data.rules) summary.addRow([r.name, r.legalBasis, percent(r), r.compliant, r.required, r.overdue, r.dueSoon, r.exempt, r.paused]);
  summary.getColumn(3).numFmt = "0.0%";
  [36, 28, 10, 10, 12, 12, 18, 10, 10].forEach((width, i) => (summary.getColumn(i + 1).width = width));

  const rates = workbook.addWorksheet("Quoten nach Einheit");
  rates.addRow([`Erfüllungsquote nach Pflichtschulung und Einheit – ${scopeLabel(data)}`]).font = { bold: true, size: 13 };
  rates.addRow([stand]);
  rates.addRow([]);
  const header = ["Einheit", "Alle Pflichtschulungen: Quote", "Alle: erfüllt", "Alle: erforderlich"];
  for (const r of data.rules) header.push(`${r.name}: Quote`, `${r.name}: erfüllt`, `${r.name}: erforderlich`, `${r.name}: überfällig`);
  rates.addRow(header).font = { bold: true };
  for (const m of data.matrix) {
    const label = m.withoutUnit ? "Ohne Organisationseinheit" : m.direct ? `${m.unit.code} ${m.unit.name} (direkt zugeordnet)` : `${m.unit.code} ${m.unit.name}`;
    rates.addRow([label, percent(m.total), m.total.compliant, m.total.required, ...m.cells.flatMap((c) => [percent(c), c.compliant, c.required, c.overdue])]);
  }
  rates.addRow([scopeLabel(data) + " gesamt", percent(data.overall), data.overall.compliant, data.overall.required, ...data.rules.flatMap((r) => [percent(r), r.compliant, r.required, r.overdue])]).font = { bold: true };
  rates.getColumn(1).width = 40;
  rates.getColumn(2).numFmt = "0.0%";
  data.rules.forEach((_, i) => (rates.getColumn(5 + i * 4).numFmt = "0.0%"));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
