// Moodle's competency framework CSV (the format of admin/tool/lpimportcsv): reading, checking
// and writing, without a database. The server module (moodle-csv.server.ts) adds the checks
// that need the database and writes in one transaction.
//
// Row numbers ("Zeile N") count CSV records the way a spreadsheet shows them: the header is
// row 1, the first data record row 2, a record with a multi-line description is one row.
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { buildTree, flatten, treeDepth, type FlatNode } from "~/modules/competency/tree.ts";

export const MOODLE_COLUMNS = [
  "Parent id number",
  "Id number",
  "Shortname",
  "Description",
  "Description format",
  "Scale values",
  "Scale configuration",
  "Rule type (optional)",
  "Rule outcome (optional)",
  "Rule config (optional)",
  "Cross referenced competency id numbers",
  "Exported id (optional)",
  "Is framework",
  "Taxonomy",
] as const;
type Column = (typeof MOODLE_COLUMNS)[number];

/** Moodle's text formats: FORMAT_MOODLE 0, FORMAT_HTML 1, FORMAT_PLAIN 2, FORMAT_MARKDOWN 4. */
const PLAIN_FORMATS = new Set(["2", "4"]);
const MAX_CODE = 100;
const MAX_NAME = 300;
const MAX_DESCRIPTION = 10_000;
const MAX_LEVELS = 20;
const MAX_LEVEL_LABEL = 100;
export const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{1,60}$/;

export interface RowError {
  /** Spreadsheet row (header = 1); null for errors about the whole file. */
  row: number | null;
  message: string;
}

export function formatRowError(error: RowError) {
  return error.row === null ? error.message : `Zeile ${error.row}: ${error.message}`;
}

export interface MoodleFramework {
  row: number;
  idNumber: string;
  name: string;
  description: string;
  scaleLabels: string[];
}

export interface MoodleCompetency {
  row: number;
  idNumber: string;
  parentIdNumber: string | null;
  name: string;
  description: string;
  relatedIdNumbers: string[];
  /** A node with children is a cluster, a leaf a competency. */
  kind: "CLUSTER" | "COMPETENCY";
  /** Position among its siblings, in file order. */
  sortOrder: number;
  depth: number;
}

export interface ParsedMoodleFile {
  framework: MoodleFramework | null;
  /** Parents before children, siblings in file order (only when there are no errors). */
  competencies: MoodleCompetency[];
  /**
   * Every non-framework row counts as one competency (Moodle's notion: the OECD fixture holds
   * 64), whether it becomes a cluster (has children) or a competency (leaf) here.
   */
  competencyCount: number;
  clusterCount: number;
  relationCount: number;
  depth: number;
  errors: RowError[];
}

// ── Encoding ─────────────────────────────────────────────────────────────────────────────────

/** Decodes UTF-8 strictly (a BOM is dropped); other encodings are refused with the text line. */
export function decodeUtf8(input: Uint8Array | string): { text: string } | { error: RowError } {
  if (typeof input === "string") return { text: input.replace(/^\uFEFF/, "") };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(input) };
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= input.length; i++) {
      if (i === input.length || input[i] === 0x0a) {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(input.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    return {
      error: {
        row: null,
        message: `Die Datei ist nicht UTF-8-kodiert (erstes ungültiges Zeichen in Textzeile ${line}). Bitte speichern Sie sie als „CSV (UTF-8)“ und laden Sie sie erneut hoch.`,
      },
    };
  }
}

// ── HTML to text and back ────────────────────────────────────────────────────────────────────

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", shy: "",
  auml: "ä", ouml: "ö", uuml: "ü", Auml: "Ä", Ouml: "Ö", Uuml: "Ü", szlig: "ß",
  eacute: "é", egrave: "è", agrave: "à", ccedil: "ç",
  ndash: "–", mdash: "—", hellip: "…", bull: "•", middot: "·",
  laquo: "«", raquo: "»", bdquo: "„", ldquo: "“", rdquo: "”", sbquo: "‚", lsquo: "‘", rsquo: "’",
  euro: "€", copy: "©", reg: "®", trade: "™", sect: "§", deg: "°", times: "×",
};

export function decodeEntities(text: string) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

/**
 * Plain text from a Moodle HTML description: tags stripped, entities decoded, whitespace
 * collapsed as a browser would; paragraphs, line breaks and list items keep their line breaks.
 */
export function htmlToText(html: string) {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/\s+/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "\n• ")
    .replace(/<\/(p|div|h[1-6]|ul|ol|blockquote|pre|table)\s*>/gi, "\n\n")
    .replace(/<(p|div|h[1-6]|ul|ol|blockquote|pre|table|tr)\b[^>]*>/gi, "\n\n")
    .replace(/<\/tr\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "");
  return normaliseText(decodeEntities(text));
}

/** Line endings, trailing blanks, runs of blank lines; the form descriptions are stored in. */
export function normaliseText(text: string) {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function descriptionOf(value: string, format: string) {
  // Plain text is kept as written (only line endings change), so an export comes back unchanged.
  return PLAIN_FORMATS.has(format.trim()) ? value.replace(/\r\n?/g, "\n").trim() : htmlToText(value);
}

const collapse = (value: string) => value.replace(/[\r\n\t]+/g, " ").trim();
const splitList = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** The framework key from Moodle's id number: lower case, umlauts spelt out, dashes. */
export function keyFromIdNumber(value: string) {
  return value
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 61)
    .replace(/-+$/, "");
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "Ein Anführungszeichen wird bis zum Dateiende nicht geschlossen.",
  CSV_INVALID_CLOSING_QUOTE: "Nach einem schließenden Anführungszeichen folgt kein Komma und kein Zeilenende.",
  INVALID_OPENING_QUOTE: "Ein Anführungszeichen steht mitten in einem Feld; Felder mit Anführungszeichen müssen ganz in Anführungszeichen stehen und innere Anführungszeichen verdoppeln.",
};

function readRecords(text: string): { records: { row: number; fields: string[] }[] } | { error: RowError } {
  try {
    const parsed = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as { record: string[]; info: { records: number } }[];
    return { records: parsed.map((p) => ({ row: p.info.records, fields: p.record })) };
  } catch (error) {
    if (error instanceof CsvError) {
      const records = typeof error.records === "number" ? error.records : 0;
      return { error: { row: records + 1, message: CSV_ERRORS[error.code] ?? `Die CSV-Datei ist nicht lesbar (${error.code}).` } };
    }
    throw error;
  }
}

/** Reads and checks a Moodle competency framework CSV. Nothing here needs the database. */
export function parseMoodleCsv(input: Uint8Array | string): ParsedMoodleFile {
  const result: ParsedMoodleFile = { framework: null, competencies: [], competencyCount: 0, clusterCount: 0, relationCount: 0, depth: 0, errors: [] };
  const fail = (error: RowError) => {
    result.errors.push(error);
    return result;
  };
  const decoded = decodeUtf8(input);
  if ("error" in decoded) return fail(decoded.error);
  if (!decoded.text.trim()) return fail({ row: null, message: "Die Datei ist leer." });
  const read = readRecords(decoded.text);
  if ("error" in read) return fail(read.error);
  const [header, ...rows] = read.records;
  if (!header) return fail({ row: null, message: "Die Datei ist leer." });

  // Columns are found by name (any order, case and surrounding blanks ignored), as Moodle does.
  const wanted = new Map(MOODLE_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const index = new Map<Column, number>();
  const headerErrors: string[] = [];
  header.fields.forEach((raw, i) => {
    const name = raw.trim();
    const column = wanted.get(name.toLowerCase());
    if (!column) headerErrors.push(name ? `Die Spalte „${name}“ gehört nicht zum Moodle-Format.` : `Spalte ${i + 1} hat keine Überschrift.`);
    else if (index.has(column)) headerErrors.push(`Die Spalte „${column}“ kommt doppelt vor.`);
    else index.set(column, i);
  });
  const missing = MOODLE_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) {
    headerErrors.unshift(
      missing.length === 1
        ? `Die Spalte „${missing[0]}“ fehlt.`
        : `Es fehlen die Spalten ${missing.map((c) => `„${c}“`).join(", ")}.`,
    );
  }
  if (headerErrors.length) {
    headerErrors.push(`Erwartet werden die ${MOODLE_COLUMNS.length} Spalten des Moodle-Formats in der ersten Zeile: ${MOODLE_COLUMNS.join(", ")}.`);
    for (const message of headerErrors) result.errors.push({ row: header.row, message });
    return result;
  }
  const get = (fields: string[], column: Column) => fields[index.get(column)!] ?? "";

  const competencies: (Omit<MoodleCompetency, "kind" | "sortOrder" | "depth">)[] = [];
  let unusableRows = false;
  const seen = new Map<string, number>();
  for (const { row, fields } of rows) {
    if (fields.every((f) => !f.trim())) continue; // blank line
    if (fields.length !== header.fields.length) {
      result.errors.push({ row, message: `Die Zeile hat ${fields.length} statt ${header.fields.length} Spalten.` });
      unusableRows = true;
      continue;
    }
    const isFramework = get(fields, "Is framework").trim();
    if (isFramework !== "" && isFramework !== "0" && isFramework !== "1") {
      result.errors.push({ row, message: `„Is framework“ muss 1 (Kompetenzmodell) oder leer (Kompetenz) sein, nicht „${isFramework}“.` });
      unusableRows = true;
      continue;
    }
    const idNumber = get(fields, "Id number").trim();
    const name = collapse(get(fields, "Shortname"));
    const description = descriptionOf(get(fields, "Description"), get(fields, "Description format"));
    const rowErrors: string[] = [];
    if (!idNumber) rowErrors.push("Die ID-Nummer („Id number“) fehlt.");
    else if (/\s/.test(idNumber)) rowErrors.push(`Die ID-Nummer „${idNumber}“ enthält Leerzeichen.`);
    else if (idNumber.length > MAX_CODE) rowErrors.push(`Die ID-Nummer ist länger als ${MAX_CODE} Zeichen.`);
    if (!name) rowErrors.push("Der Name („Shortname“) fehlt.");
    else if (name.length > MAX_NAME) rowErrors.push(`Der Name ist länger als ${MAX_NAME} Zeichen.`);
    if (description.length > MAX_DESCRIPTION) rowErrors.push(`Die Beschreibung ist länger als ${MAX_DESCRIPTION.toLocaleString("de-DE")} Zeichen.`);

    if (isFramework === "1") {
      if (result.framework) {
        rowErrors.push(`Nur eine Zeile darf das Kompetenzmodell beschreiben („Is framework“ = 1); das tut schon Zeile ${result.framework.row}.`);
      }
      const scaleLabels = splitList(get(fields, "Scale values"));
      if (scaleLabels.length < 2) rowErrors.push("Die Skala („Scale values“) braucht mindestens zwei Stufen, durch Kommas getrennt.");
      else if (scaleLabels.length > MAX_LEVELS) rowErrors.push(`Die Skala hat mehr als ${MAX_LEVELS} Stufen.`);
      const duplicateLabel = scaleLabels.find((l, i) => scaleLabels.indexOf(l) !== i);
      if (duplicateLabel) rowErrors.push(`Die Skalenstufe „${duplicateLabel}“ kommt doppelt vor.`);
      const longLabel = scaleLabels.find((l) => l.length > MAX_LEVEL_LABEL);
      if (longLabel) rowErrors.push(`Die Skalenstufe „${longLabel.slice(0, 40)}…“ ist länger als ${MAX_LEVEL_LABEL} Zeichen.`);
      if (!result.framework) result.framework = { row, idNumber, name, description, scaleLabels };
    } else {
      result.competencyCount++;
      if (idNumber) {
        const first = seen.get(idNumber);
        if (first !== undefined) rowErrors.push(`Die ID-Nummer „${idNumber}“ kommt schon in Zeile ${first} vor.`);
        else seen.set(idNumber, row);
      } else {
        unusableRows = true;
      }
      const parent = get(fields, "Parent id number").trim();
      competencies.push({
        row,
        idNumber,
        parentIdNumber: parent || null,
        name,
        description,
        relatedIdNumbers: splitList(get(fields, "Cross referenced competency id numbers")),
      });
    }
    for (const message of rowErrors) result.errors.push({ row, message });
  }

  if (!result.framework && !unusableRows) {
    result.errors.unshift({ row: null, message: "Keine Zeile beschreibt das Kompetenzmodell: Es fehlt die Zeile mit „Is framework“ = 1 (Name und Skala des Modells)." });
  }
  if (result.competencyCount === 0 && !unusableRows) {
    result.errors.push({ row: null, message: "Die Datei enthält keine Kompetenzen, nur das Kompetenzmodell." });
  }

  // References are checked once every row could be read; otherwise they would only echo the
  // errors above.
  if (!unusableRows) {
    const byId = new Map<string, (typeof competencies)[number]>();
    for (const c of competencies) if (!byId.has(c.idNumber)) byId.set(c.idNumber, c);
    for (const c of competencies) {
      if (c.parentIdNumber && !byId.has(c.parentIdNumber)) {
        result.errors.push({ row: c.row, message: `Eltern-ID „${c.parentIdNumber}“ gibt es in der Datei nicht.` });
      }
      const unknown = c.relatedIdNumbers.filter((r) => !byId.has(r));
      if (unknown.length) {
        result.errors.push({
          row: c.row,
          message:
            unknown.length === 1
              ? `Querverweis „${unknown[0]}“ gibt es in der Datei nicht.`
              : `Die Querverweise ${unknown.map((u) => `„${u}“`).join(", ")} gibt es in der Datei nicht.`,
        });
      }
    }
    // Cycles in the parent relation: walk up from every row; a walk that meets itself is a cycle.
    const state = new Map<string, "active" | "done">();
    for (const start of competencies) {
      const path: string[] = [];
      let current: string | null = start.idNumber;
      while (current && byId.has(current) && state.get(current) !== "done") {
        if (state.get(current) === "active") {
          const cycle = [...path.slice(path.indexOf(current)), current];
          const rowsInCycle = cycle.slice(0, -1).map((id) => byId.get(id)!.row);
          result.errors.push({
            row: Math.min(...rowsInCycle),
            message: `Die Eltern-IDs bilden einen Kreis: ${cycle.map((id) => `„${id}“`).join(" → ")} (Zeilen ${[...rowsInCycle].sort((a, b) => a - b).join(", ")}).`,
          });
          break;
        }
        state.set(current, "active");
        path.push(current);
        current = byId.get(current)!.parentIdNumber;
      }
      for (const id of path) state.set(id, "done");
    }
  }

  result.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (result.errors.length) return result;

  // Tree order: parents before children, siblings in file order.
  const children = new Map<string | null, typeof competencies>();
  for (const c of competencies) {
    const list = children.get(c.parentIdNumber) ?? [];
    list.push(c);
    children.set(c.parentIdNumber, list);
  }
  const walk = (parent: string | null, depth: number) => {
    (children.get(parent) ?? []).forEach((c, sortOrder) => {
      const hasChildren = (children.get(c.idNumber)?.length ?? 0) > 0;
      result.competencies.push({ ...c, kind: hasChildren ? "CLUSTER" : "COMPETENCY", sortOrder, depth });
      walk(c.idNumber, depth + 1);
    });
  };
  walk(null, 1);
  result.clusterCount = result.competencies.filter((c) => c.kind === "CLUSTER").length;
  result.depth = treeDepth(result.competencies.map((c) => ({ id: c.idNumber, parentId: c.parentIdNumber })));
  const pairs = new Set<string>();
  for (const c of result.competencies) {
    for (const r of c.relatedIdNumbers) if (r !== c.idNumber) pairs.add(c.idNumber < r ? `${c.idNumber}\u0000${r}` : `${r}\u0000${c.idNumber}`);
  }
  result.relationCount = pairs.size;
  return result;
}

export interface PreviewNode {
  code: string;
  name: string;
  kind: "CLUSTER" | "COMPETENCY";
  children: PreviewNode[];
}

/** The nested tree of a checked file, for the preview. */
export function previewTree(competencies: MoodleCompetency[]): PreviewNode[] {
  const roots: PreviewNode[] = [];
  const byId = new Map<string, PreviewNode>();
  for (const c of competencies) {
    const node: PreviewNode = { code: c.idNumber, name: c.name, kind: c.kind, children: [] };
    byId.set(c.idNumber, node);
    (c.parentIdNumber ? byId.get(c.parentIdNumber)!.children : roots).push(node);
  }
  return roots;
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────

export interface ExportInput {
  framework: { key: string; name: string; description: string };
  scaleLabels: string[];
  nodes: FlatNode[];
}

/**
 * A framework version in Moodle's format: the framework row first, then the nodes in tree
 * order (parents before children). Descriptions are written as plain text (Description
 * format 2, FORMAT_PLAIN), so that they come back unchanged; cross references are listed on
 * both competencies, as Moodle lists them.
 */
export function writeMoodleCsv(input: ExportInput, { bom = false }: { bom?: boolean } = {}) {
  const ordered = flatten(buildTree(input.nodes) as never[]) as FlatNode[];
  const codeOf = new Map(input.nodes.map((n) => [n.id, n.code]));
  const position = new Map(ordered.map((n, i) => [n.id, i]));
  const depth = Math.max(1, treeDepth(input.nodes));
  const levels = input.scaleLabels.length;
  const row = (values: Partial<Record<Column, string>>) => MOODLE_COLUMNS.map((c) => values[c] ?? "");
  const records = [
    [...MOODLE_COLUMNS],
    row({
      "Id number": input.framework.key,
      Shortname: input.framework.name,
      Description: input.framework.description,
      "Description format": "2",
      "Scale values": input.scaleLabels.join(","),
      "Scale configuration": JSON.stringify([{ scaleid: "1" }, { id: levels, scaledefault: 1, proficient: 1 }]),
      "Is framework": "1",
      Taxonomy: Array.from({ length: depth }, () => "competency").join(","),
    }),
    ...ordered.map((n, i) =>
      row({
        "Parent id number": n.parentId ? (codeOf.get(n.parentId) ?? "") : "",
        "Id number": n.code,
        Shortname: n.name,
        Description: n.description,
        "Description format": "2",
        "Rule outcome (optional)": "0",
        "Rule config (optional)": "null",
        "Cross referenced competency id numbers": [...new Set(n.related)]
          .filter((id) => codeOf.has(id) && id !== n.id)
          .sort((a, b) => position.get(a)! - position.get(b)!)
          .map((id) => codeOf.get(id)!)
          .join(","),
        "Exported id (optional)": String(i + 1),
      }),
    ),
  ];
  return stringify(records, { bom, record_delimiter: "unix" });
}
