// Moodle CSV import/export against a real database: Moodle's own fixture, round trips, and
// every kind of malformed file (rejected with row and reason, nothing written).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { db } from "~/utils/db.server.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { createScale, insertFramework, loadNodes } from "~/modules/competency/frameworks.server.ts";
import { actorFor, createScenario } from "../../../tests/factories.ts";
import { root } from "../../../tests/setup/database.ts";
import { formatRowError, htmlToText, keyFromIdNumber, MOODLE_COLUMNS, parseMoodleCsv } from "./moodle-csv.ts";
import { exportMoodleCsv, importMoodleCsv, MoodleImportError, previewMoodleImport } from "./moodle-csv.server.ts";

const fixturePath = path.resolve(root, "../shared/fixtures/moodle/example.csv");
const fixture = readFileSync(fixturePath);
const unique = () => randomUUID().slice(0, 8);

type Row = Partial<Record<(typeof MOODLE_COLUMNS)[number], string>>;
const row = (values: Row) => MOODLE_COLUMNS.map((c) => values[c] ?? "");
const csv = (rows: string[][], header: string[] = [...MOODLE_COLUMNS]) => stringify([header, ...rows]);
const fwRow = (name: string, values: Row = {}) => row({ "Id number": name, Shortname: name, "Scale values": "Grundlagen,Fortgeschritten,Experte", "Is framework": "1", ...values });
const comp = (parent: string, id: string, name = `Kompetenz ${id}`, values: Row = {}) => row({ "Parent id number": parent, "Id number": id, Shortname: name, "Description format": "1", ...values });

/** A small valid file with a name (and so key and scale name) of its own. */
function smallFile(name = `Test-${unique()}`) {
  return {
    name,
    text: csv([fwRow(name), comp("", "a", "Alpha"), comp("a", "a1"), comp("a", "a2", "Alpha 2", { "Cross referenced competency id numbers": "b" }), comp("", "b", "Beta")]),
  };
}

async function hr() {
  const s = await createScenario(db);
  return { s, actor: await actorFor(db, s.hrUser.id) };
}

/** Flat, comparable view of a stored tree: codes, parents, sibling order, texts, relations. */
async function treeOf(frameworkId: string) {
  const nodes = await loadNodes(db, frameworkId);
  const code = new Map(nodes.map((n) => [n.id, n.code]));
  const siblings = (n: (typeof nodes)[number]) =>
    nodes.filter((o) => o.parentId === n.parentId).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code, "de"));
  return nodes
    .map((n) => ({
      code: n.code,
      parent: n.parentId ? code.get(n.parentId) : null,
      position: siblings(n).indexOf(n),
      kind: n.kind,
      name: n.name,
      description: n.description,
      related: n.related.map((r) => code.get(r)).sort(),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

async function expectRejected(input: string | Uint8Array, expected: string | RegExp, options: { key?: string } = {}) {
  const { actor } = await hr();
  const frameworksBefore = await db.framework.count();
  const scalesBefore = await db.proficiencyScale.count();
  const error = await importMoodleCsv(db, actor, input, { key: options.key ?? `k-${unique()}` }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MoodleImportError);
  const messages = (error as MoodleImportError).errors.map(formatRowError);
  if (typeof expected === "string") expect(messages).toContain(expected);
  else expect(messages.some((m) => expected.test(m)), messages.join("\n")).toBe(true);
  // Nothing written (counts taken around this call; file runs are sequential on PostgreSQL).
  expect(await db.framework.count()).toBe(frameworksBefore);
  expect(await db.proficiencyScale.count()).toBe(scalesBefore);
  if (options.key) expect(await db.framework.count({ where: { key: options.key } })).toBe(0);
  // The preview reports the same errors and writes nothing either.
  const preview = await previewMoodleImport(db, actor, input, { key: options.key ?? `k-${unique()}` });
  expect(preview.ok).toBe(false);
  expect(preview.errors.map(formatRowError)).toEqual(messages);
  return messages;
}

describe("Moodle's fixture", () => {
  it("has 64 competency rows besides the framework row", () => {
    const rows = parse(fixture, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.filter((r) => r["Is framework"] !== "1")).toHaveLength(64);
    expect(rows.filter((r) => r["Is framework"] === "1")).toHaveLength(1);
  });

  it("is read without errors: 64 competencies, depth 4, 39 cross references", () => {
    const parsed = parseMoodleCsv(fixture);
    expect(parsed.errors).toEqual([]);
    expect(parsed.competencyCount).toBe(64);
    expect(parsed.competencies).toHaveLength(64);
    expect(parsed.depth).toBe(4);
    expect(parsed.relationCount).toBe(39);
    expect(parsed.clusterCount).toBe(20);
    expect(parsed.framework).toMatchObject({ idNumber: "OECD-CORE", name: "OECD", scaleLabels: ["Not yet competent", "Competent"] });
    // Parents come before their children.
    const seen = new Set<string>();
    for (const c of parsed.competencies) {
      if (c.parentIdNumber) expect(seen.has(c.parentIdNumber)).toBe(true);
      seen.add(c.idNumber);
    }
  });

  it("imports as one draft framework with the file's tree, cross references and plain-text descriptions", async () => {
    const { actor } = await hr();
    const { framework, preview } = await importMoodleCsv(db, actor, fixture, { fileName: "example.csv" });
    expect(preview.competencyCount).toBe(64);
    expect(framework).toMatchObject({ key: "oecd-core", version: 1, status: "DRAFT", name: "OECD", source: "Moodle-Import (example.csv)" });
    expect(framework.description).toContain("The Core Competencies summarise");
    expect(framework.description).toContain("• The delivery-related competencies\n• The interpersonal competencies\n• The strategic competencies");
    expect(framework.description).not.toMatch(/<|&[a-z]+;/);

    const nodes = await treeOf(framework.id);
    expect(nodes).toHaveLength(64);
    const rows = (parse(fixture, { columns: true, bom: true }) as Record<string, string>[]).filter((r) => r["Is framework"] !== "1");
    expect(Object.fromEntries(nodes.map((n) => [n.code, n.parent]))).toEqual(Object.fromEntries(rows.map((r) => [r["Id number"], r["Parent id number"] || null])));
    expect(nodes.find((n) => n.code === "analytical-thinking")).toMatchObject({ kind: "CLUSTER", parent: "delivery", name: "Analytical Thinking", position: 0 });
    expect(nodes.find((n) => n.code === "teamwork")).toMatchObject({ kind: "CLUSTER", parent: "delivery", position: 5 });
    expect(nodes.find((n) => n.code === "DR-AT1")).toMatchObject({ kind: "COMPETENCY", parent: "analytical-thinking", related: ["level-1"] });
    expect(nodes.find((n) => n.code === "level-1")!.related).toHaveLength(39);
    expect(nodes.filter((n) => n.kind === "CLUSTER")).toHaveLength(20);
    for (const n of nodes) expect(n.description).not.toMatch(/<\/?[a-z]+|&nbsp;/i);
    expect(nodes.find((n) => n.code === "analytical-thinking")!.description).toBe(
      "Analytical Thinking is the ability to identify patterns across situations that are not obviously related, and to identify key or underlying issues in complex situations.",
    );
    expect(await db.competencyRelation.count({ where: { from: { frameworkId: framework.id } } })).toBe(39);

    const scale = await db.proficiencyScale.findUniqueOrThrow({ where: { id: framework.scaleId }, include: { levels: { orderBy: { ordinal: "asc" } } } });
    expect(scale.name).toBe("OECD – Skala");
    expect(scale.levels.map((l) => l.label)).toEqual(["Not yet competent", "Competent"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "framework.import", entityId: framework.id } });
    expect(audit.actorUserId).toBe(actor.userId);
    expect(audit.summary).toContain("64 Kompetenzen");

    // A second import of the same file is refused (the key exists) unless another key is given,
    // and then reuses the scale with the same name and levels.
    const again = await importMoodleCsv(db, actor, fixture).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(MoodleImportError);
    expect((again as MoodleImportError).errors.map(formatRowError)).toContain(
      "Zeile 2: Ein Kompetenzmodell mit dem Schlüssel „oecd-core“ gibt es schon („OECD“, Version 1). Geben Sie einen anderen Schlüssel an, um die Datei als eigenes Modell zu importieren.",
    );
    const other = await importMoodleCsv(db, actor, fixture, { key: `oecd-${unique()}` });
    expect(other.framework.scaleId).toBe(framework.scaleId);
    expect(other.preview.scale).toMatchObject({ existing: true });
  });

  it("shows a preview with counts, depth and the nested tree, and writes nothing", async () => {
    const { actor } = await hr();
    const before = await db.framework.count();
    const preview = await previewMoodleImport(db, actor, fixture, { key: `vorschau-${unique()}` });
    expect(preview).toMatchObject({ ok: true, errors: [], competencyCount: 64, clusterCount: 20, depth: 4, relationCount: 39 });
    expect(preview.tree.map((n) => n.code)).toEqual(["levels", "competencies"]);
    expect(preview.tree[1]!.children.map((n) => n.code)).toEqual(["delivery", "interpersonal", "strategic"]);
    expect(preview.tree[1]!.children[0]!.children[0]).toMatchObject({ code: "analytical-thinking", kind: "CLUSTER", children: [{ code: "DR-AT1" }, { code: "DR-AT-2" }] });
    expect(await db.framework.count()).toBe(before);
  });
});

describe("export and re-import", () => {
  it("gives the same tree for the fixture", async () => {
    const { actor } = await hr();
    const first = await importMoodleCsv(db, actor, fixture, { key: `rt-${unique()}` });
    const exported = await exportMoodleCsv(db, actor, first.framework.id);
    const lines = parse(exported.csv) as string[][];
    expect(lines[0]).toEqual([...MOODLE_COLUMNS]);
    expect(lines[1]![MOODLE_COLUMNS.indexOf("Is framework")]).toBe("1");
    expect(lines).toHaveLength(66);
    const second = await importMoodleCsv(db, actor, exported.csv, { key: `rt-${unique()}` });
    expect(await treeOf(second.framework.id)).toEqual(await treeOf(first.framework.id));
    expect(second.framework.name).toBe(first.framework.name);
    expect(second.framework.description).toBe(first.framework.description);
    expect(second.framework.scaleId).toBe(first.framework.scaleId);
    // Exporting the re-imported version gives the same file but for the key.
    const again = await exportMoodleCsv(db, actor, second.framework.id);
    expect(again.csv.replaceAll(second.framework.key, first.framework.key)).toBe(exported.csv);
  });

  it("keeps awkward texts, sibling order and relations of a framework made in the app", async () => {
    const { actor } = await hr();
    const name = `Eigenes Modell „Test“, ${unique()}`;
    const framework = await db.$transaction(async (tx) => {
      const scale = await createScale(tx, null, { name: `Skala ${unique()}`, description: "", levels: [{ label: "eins", description: "" }, { label: "zwei", description: "" }, { label: "drei", description: "" }] });
      return insertFramework(tx, null, {
        key: `eigen-${unique()}`,
        name,
        description: "Zeile 1 mit <b>spitzen Klammern</b> & Ampersand\n\nAbsatz 2, \"zitiert\"",
        scaleId: scale.id,
        status: "PUBLISHED",
        nodes: [
          { ref: "z", parentRef: null, kind: "CLUSTER", code: "Z-1", name: "Zuletzt, aber zuerst", sortOrder: 0 },
          { ref: "y", parentRef: "z", kind: "COMPETENCY", code: "Y.2", name: "Kind „zwei“", description: "Mehrere  Leerzeichen\nund Zeilen\n\n\nviele", sortOrder: 20, relatedRefs: ["x"] },
          { ref: "x", parentRef: "z", kind: "COMPETENCY", code: "X_1", name: "Kind eins", description: "a &amp; b <p>kein HTML</p>", sortOrder: 10 },
          { ref: "w", parentRef: null, kind: "COMPETENCY", code: "W", name: "Wurzel ohne Kinder", sortOrder: 5, relatedRefs: ["y", "x"] },
        ],
      });
    });
    const exported = await exportMoodleCsv(db, actor, framework.key);
    expect(exported.framework.id).toBe(framework.id);
    const codes = (parse(exported.csv) as string[][]).slice(2).map((r) => r[1]);
    expect(codes).toEqual(["Z-1", "X_1", "Y.2", "W"]);
    const reimported = await importMoodleCsv(db, actor, exported.csv, { key: `eigen-${unique()}` });
    expect(await treeOf(reimported.framework.id)).toEqual(await treeOf(framework.id));
    expect(reimported.framework.description).toBe(framework.description);
    expect(reimported.framework.name).toBe(name);
  });

  it("writes a UTF-8 BOM only when asked, and the BOM is accepted on import", async () => {
    const { actor } = await hr();
    const file = smallFile();
    const imported = await importMoodleCsv(db, actor, file.text, { key: `bom-${unique()}` });
    const plain = await exportMoodleCsv(db, actor, imported.framework.id);
    const withBom = await exportMoodleCsv(db, actor, imported.framework.id, { bom: true });
    expect(plain.csv.startsWith("\uFEFF")).toBe(false);
    expect(withBom.csv).toBe(`\uFEFF${plain.csv}`);
    const bytes = new TextEncoder().encode(withBom.csv);
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const again = await importMoodleCsv(db, actor, bytes, { key: `bom-${unique()}` });
    expect(await treeOf(again.framework.id)).toEqual(await treeOf(imported.framework.id));
  });

  it("finds a framework by key: the published version, else the newest", async () => {
    const { actor } = await hr();
    const key = `versionen-${unique()}`;
    const scale = await db.$transaction((tx) => createScale(tx, null, { name: `Skala ${unique()}`, description: "", levels: [{ label: "a", description: "" }, { label: "b", description: "" }] }));
    const v1 = await db.$transaction((tx) => insertFramework(tx, null, { key, name: "V1", scaleId: scale.id, nodes: [] }));
    expect((await exportMoodleCsv(db, null, key)).framework.id).toBe(v1.id);
    const v2 = await db.$transaction((tx) => insertFramework(tx, null, { key, name: "V2", scaleId: scale.id, nodes: [] }));
    expect((await exportMoodleCsv(db, null, key.toUpperCase())).framework.id).toBe(v2.id);
    await db.framework.update({ where: { id: v1.id }, data: { status: "PUBLISHED" } });
    expect((await exportMoodleCsv(db, actor, key)).framework.id).toBe(v1.id);
    await expect(exportMoodleCsv(db, actor, `gibt-es-nicht-${unique()}`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets employees export published versions only", async () => {
    const { s, actor } = await hr();
    const employee = await actorFor(db, s.employeeUser.id);
    const { framework } = await importMoodleCsv(db, actor, smallFile().text, { key: `recht-${unique()}` });
    await expect(exportMoodleCsv(db, employee, framework.id)).rejects.toBeInstanceOf(NotFoundError);
    await db.framework.update({ where: { id: framework.id }, data: { status: "PUBLISHED" } });
    expect((await exportMoodleCsv(db, employee, framework.id)).nodeCount).toBe(4);
    await db.framework.update({ where: { id: framework.id }, data: { status: "ARCHIVED" } });
    await expect(exportMoodleCsv(db, employee, framework.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("import permissions and transaction", () => {
  it("refuses the import to employees", async () => {
    const { s } = await hr();
    const employee = await actorFor(db, s.employeeUser.id);
    await expect(importMoodleCsv(db, employee, smallFile().text)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(previewMoodleImport(db, employee, smallFile().text)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("imports through the CLI path with actor null", async () => {
    const file = smallFile();
    const { framework } = await importMoodleCsv(db, null, file.text, { key: `cli-${unique()}` });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "framework.import", entityId: framework.id } });
    expect(audit.actorUserId).toBeNull();
    expect(await treeOf(framework.id)).toMatchObject([
      { code: "a", kind: "CLUSTER", parent: null, position: 0 },
      { code: "a1", kind: "COMPETENCY", parent: "a", position: 0 },
      { code: "a2", kind: "COMPETENCY", parent: "a", position: 1, related: ["b"] },
      { code: "b", kind: "COMPETENCY", parent: null, position: 1, related: ["a2"] },
    ]);
  });

  it("writes nothing, not even the scale, when the key is taken between preview and confirm", async () => {
    const { actor } = await hr();
    const file = smallFile();
    const key = `spaet-${unique()}`;
    expect((await previewMoodleImport(db, actor, file.text, { key })).ok).toBe(true);
    const scale = await db.$transaction((tx) => createScale(tx, null, { name: `Skala ${unique()}`, description: "", levels: [{ label: "a", description: "" }, { label: "b", description: "" }] }));
    await db.$transaction((tx) => insertFramework(tx, null, { key, name: "Zuvorgekommen", scaleId: scale.id, nodes: [] }));
    await expect(importMoodleCsv(db, actor, file.text, { key })).rejects.toBeInstanceOf(MoodleImportError);
    expect(await db.framework.count({ where: { key } })).toBe(1);
    expect(await db.proficiencyScale.count({ where: { name: { startsWith: file.name } } })).toBe(0);
  });

  it("makes a new scale name when a scale of that name has other levels", async () => {
    const { actor } = await hr();
    const file = smallFile();
    await db.$transaction((tx) => createScale(tx, null, { name: `${file.name} – Skala`, description: "", levels: [{ label: "x", description: "" }, { label: "y", description: "" }] }));
    const { preview } = await importMoodleCsv(db, actor, file.text, { key: `skala-${unique()}` });
    expect(preview.scale).toEqual({ name: `${file.name} – Skala (2)`, labels: ["Grundlagen", "Fortgeschritten", "Experte"], existing: false });
  });
});

describe("malformed files are rejected with row and reason, nothing written", () => {
  it("an empty file", async () => {
    await expectRejected("", "Die Datei ist leer.");
    await expectRejected(new Uint8Array(), "Die Datei ist leer.");
    await expectRejected("\uFEFF  \n\n", "Die Datei ist leer.");
  });

  it("a file that is not UTF-8", async () => {
    const name = `Latin1-${unique()}`;
    const latin1 = Buffer.from(csv([fwRow(name), comp("", "a", "Größe und Maß")]), "latin1");
    await expectRejected(latin1, "Die Datei ist nicht UTF-8-kodiert (erstes ungültiges Zeichen in Textzeile 3). Bitte speichern Sie sie als „CSV (UTF-8)“ und laden Sie sie erneut hoch.");
  });

  it("missing, unknown and doubled columns", async () => {
    const name = `Spalten-${unique()}`;
    const without = (column: string) => {
      const i = MOODLE_COLUMNS.indexOf(column as never);
      return csv([fwRow(name), comp("", "a")].map((r) => r.filter((_, j) => j !== i)), MOODLE_COLUMNS.filter((_, j) => j !== i));
    };
    await expectRejected(without("Taxonomy"), "Zeile 1: Die Spalte „Taxonomy“ fehlt.");
    await expectRejected(csv([["id", "name"], ["a", "b"]].slice(1), ["id", "name"]), /^Zeile 1: Es fehlen die Spalten „Parent id number“, „Id number“/);
    await expectRejected(csv([[...fwRow(name), "x"]], [...MOODLE_COLUMNS, "Farbe"]), "Zeile 1: Die Spalte „Farbe“ gehört nicht zum Moodle-Format.");
    await expectRejected(csv([[...fwRow(name), "x"]], [...MOODLE_COLUMNS, "Shortname"]), "Zeile 1: Die Spalte „Shortname“ kommt doppelt vor.");
  });

  it("a row with the wrong number of fields", async () => {
    const name = `Felder-${unique()}`;
    const text = csv([fwRow(name), comp("", "a"), comp("a", "b").slice(0, 13)]);
    await expectRejected(text, "Zeile 4: Die Zeile hat 13 statt 14 Spalten.");
  });

  it("an unknown parent id number", async () => {
    const name = `Eltern-${unique()}`;
    const text = csv([fwRow(name), comp("", "a"), comp("a", "b"), comp("X", "c")]);
    await expectRejected(text, "Zeile 5: Eltern-ID „X“ gibt es in der Datei nicht.");
  });

  it("duplicate id numbers", async () => {
    const name = `Doppelt-${unique()}`;
    const text = csv([fwRow(name), comp("", "a"), comp("a", "b"), comp("a", "b", "Noch einmal b")]);
    await expectRejected(text, "Zeile 5: Die ID-Nummer „b“ kommt schon in Zeile 4 vor.");
  });

  it("cycles in the parent relation", async () => {
    const name = `Kreis-${unique()}`;
    await expectRejected(
      csv([fwRow(name), comp("", "root"), comp("c", "a"), comp("a", "b"), comp("b", "c")]),
      "Zeile 4: Die Eltern-IDs bilden einen Kreis: „a“ → „c“ → „b“ → „a“ (Zeilen 4, 5, 6).",
    );
    await expectRejected(csv([fwRow(name), comp("selbst", "selbst")]), "Zeile 3: Die Eltern-IDs bilden einen Kreis: „selbst“ → „selbst“ (Zeilen 3).");
  });

  it("a missing framework row, or two of them", async () => {
    const name = `Rahmen-${unique()}`;
    await expectRejected(
      csv([comp("", "a"), comp("a", "b")]),
      "Keine Zeile beschreibt das Kompetenzmodell: Es fehlt die Zeile mit „Is framework“ = 1 (Name und Skala des Modells).",
    );
    await expectRejected(
      csv([fwRow(name), comp("", "a"), fwRow(`${name}-2`)]),
      "Zeile 4: Nur eine Zeile darf das Kompetenzmodell beschreiben („Is framework“ = 1); das tut schon Zeile 2.",
    );
    await expectRejected(csv([fwRow(name)]), "Die Datei enthält keine Kompetenzen, nur das Kompetenzmodell.");
    await expectRejected(csv([]), /Keine Zeile beschreibt das Kompetenzmodell/);
  });

  it("a bad 'Is framework' value, missing id number or name, unknown cross references, a bad scale", async () => {
    const name = `Werte-${unique()}`;
    await expectRejected(csv([fwRow(name), comp("", "a", "A", { "Is framework": "ja" })]), "Zeile 3: „Is framework“ muss 1 (Kompetenzmodell) oder leer (Kompetenz) sein, nicht „ja“.");
    await expectRejected(csv([fwRow(name), comp("", "", "Ohne ID")]), "Zeile 3: Die ID-Nummer („Id number“) fehlt.");
    await expectRejected(csv([fwRow(name), comp("", "a b")]), "Zeile 3: Die ID-Nummer „a b“ enthält Leerzeichen.");
    await expectRejected(csv([fwRow(name), comp("", "a", "  ")]), "Zeile 3: Der Name („Shortname“) fehlt.");
    await expectRejected(csv([fwRow(name), comp("", "a", "A", { "Cross referenced competency id numbers": "a,Q" })]), "Zeile 3: Querverweis „Q“ gibt es in der Datei nicht.");
    await expectRejected(csv([fwRow(name, { "Scale values": "nur eine" }), comp("", "a")]), "Zeile 2: Die Skala („Scale values“) braucht mindestens zwei Stufen, durch Kommas getrennt.");
    await expectRejected(csv([fwRow(name, { "Scale values": "a,b,a" }), comp("", "a")]), "Zeile 2: Die Skalenstufe „a“ kommt doppelt vor.");
  });

  it("broken quoting", async () => {
    const name = `Quote-${unique()}`;
    const text = `${csv([fwRow(name), comp("", "a")])}b,c,"offen,1,,,,,,,,,,,\n`;
    await expectRejected(text, "Zeile 4: Ein Anführungszeichen wird bis zum Dateiende nicht geschlossen.");
  });

  it("an invalid or taken key given by the caller", async () => {
    const file = smallFile();
    await expectRejected(file.text, /^Der Schlüssel „-x“ ist ungültig/, { key: "-x" });
    const { actor } = await hr();
    const key = `belegt-${unique()}`;
    await importMoodleCsv(db, actor, smallFile().text, { key });
    const { actor: other } = await hr();
    await expect(importMoodleCsv(db, other, file.text, { key })).rejects.toThrow(`Ein Kompetenzmodell mit dem Schlüssel „${key}“ gibt es schon`);
  });

  it("lists every error of a file at once, sorted by row", () => {
    const name = `Viele-${unique()}`;
    const parsed = parseMoodleCsv(csv([fwRow(name), comp("", "a", ""), comp("X", "b"), comp("", "a")]));
    expect(parsed.errors.map(formatRowError)).toEqual([
      "Zeile 3: Der Name („Shortname“) fehlt.",
      "Zeile 4: Eltern-ID „X“ gibt es in der Datei nicht.",
      "Zeile 5: Die ID-Nummer „a“ kommt schon in Zeile 3 vor.",
    ]);
  });
});

describe("text helpers", () => {
  it("turns Moodle's HTML into plain text with line breaks for paragraphs, breaks and list items", () => {
    expect(htmlToText("<p>Erster&nbsp;Absatz\nweiter</p><p>Zweiter<br>Zeile &amp; &lt;b&gt; &#228;&#x00FC; &bdquo;x&ldquo;</p>")).toBe(
      "Erster Absatz weiter\n\nZweiter\nZeile & <b> äü „x“",
    );
    expect(htmlToText("<ul><li>eins</li><li><strong>zwei</strong></li></ul>Ende")).toBe("• eins\n• zwei\n\nEnde");
    expect(htmlToText("<p>Achieving Results<br></p>")).toBe("Achieving Results");
    expect(htmlToText("")).toBe("");
  });

  it("makes a key from Moodle's id number", () => {
    expect(keyFromIdNumber("OECD-CORE")).toBe("oecd-core");
    expect(keyFromIdNumber("Führung & Zusammenarbeit 2026")).toBe("fuehrung-zusammenarbeit-2026");
    expect(keyFromIdNumber("__")).toBe("");
  });
});
