// CSV and XLSX exports of the organisation-wide gaps (same aggregation, same minimum group size).
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import type { getOrganisationGaps } from "./organisation.server.ts";

type OrgGaps = Awaited<ReturnType<typeof getOrganisationGaps>>;

function table(data: OrgGaps, restLabel: string) {
  const header = ["Kürzel", "Kompetenz", "Gesamt: benötigt", "Gesamt: unter Ziel", "Gesamt: Ø Lücke"];
  for (const c of data.columns) {
    const label = c.id === "__rest" ? restLabel : c.label;
    header.push(`${label}: benötigt`, `${label}: unter Ziel`, `${label}: Ø Lücke`);
  }
  const rows: (string | number)[][] = data.rows.map((r) => [
    r.competency.code,
    r.competency.name,
    r.total.required,
    r.total.below,
    r.total.averageGap,
    ...r.cells.flatMap((cell): (string | number)[] => (cell ? [cell.required, cell.below, cell.averageGap] : ["", "", ""])),
  ]);
  return { header, rows };
}

export function organisationGapsCsv(data: OrgGaps, restLabel: string) {
  const { header, rows } = table(data, restLabel);
  // A BOM and semicolons so German Excel opens it correctly.
  return "\ufeff" + stringify([header, ...rows], { delimiter: ";" });
}

export async function organisationGapsXlsx(data: OrgGaps, restLabel: string, title: string) {
  const { header, rows } = table(data, restLabel);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Lernreise";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet("Kompetenzlücken");
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([`Gruppen unter ${data.minGroup} Personen sind in „${restLabel}“ zusammengefasst.`]);
  sheet.addRow([]);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = i === 1 ? 40 : 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
