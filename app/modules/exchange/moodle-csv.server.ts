// Import and export of competency frameworks in Moodle's CSV format (tool_lpimportcsv).
// Import in two steps, as Moodle's import_confirm: `previewMoodleImport` reads and checks the
// file and shows what would be written; `importMoodleCsv` checks the same file again and writes
// the framework, its scale, nodes and cross references in ONE transaction, as a draft.
// The actor is null for the CLI (an administrator at the console).
import type { Db, Tx } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { createScale, insertFramework, loadNodes, requireEditor } from "~/modules/competency/frameworks.server.ts";
import {
  formatRowError,
  KEY_PATTERN,
  keyFromIdNumber,
  parseMoodleCsv,
  previewTree,
  writeMoodleCsv,
  type ParsedMoodleFile,
  type PreviewNode,
  type RowError,
} from "./moodle-csv.ts";

export { formatRowError, type PreviewNode, type RowError };

/** The file cannot be imported; `errors` holds every reason with its row. Nothing was written. */
export class MoodleImportError extends ValidationError {
  constructor(readonly errors: RowError[]) {
    super(errors.map(formatRowError).join("\n"));
  }
}

export interface MoodleImportOptions {
  /** Use this framework key instead of the one made from the file's id number. */
  key?: string | null;
  /** Shown in the audit log and in the framework's source. */
  fileName?: string | null;
}

export interface MoodleImportPreview {
  ok: boolean;
  errors: RowError[];
  framework: { key: string; idNumber: string; name: string; description: string } | null;
  scale: { name: string; labels: string[]; existing: boolean } | null;
  /** All non-framework rows: what Moodle calls competencies, clusters included. */
  competencyCount: number;
  /** Of those, the ones with children (stored as clusters). */
  clusterCount: number;
  relationCount: number;
  depth: number;
  tree: PreviewNode[];
}

const SCALE_SUFFIX = " – Skala";

/** The checks that need the database: the key must be free; a scale is reused or named. */
async function plan(tx: Tx, parsed: ParsedMoodleFile, options: MoodleImportOptions) {
  const errors = [...parsed.errors];
  const preview: MoodleImportPreview = {
    ok: false,
    errors,
    framework: null,
    scale: null,
    competencyCount: parsed.competencyCount,
    clusterCount: parsed.clusterCount,
    relationCount: parsed.relationCount,
    depth: parsed.depth,
    tree: parsed.errors.length ? [] : previewTree(parsed.competencies),
  };
  let scaleId: string | null = null;
  const fw = parsed.framework;
  if (fw && fw.idNumber && fw.name) {
    const wantedKey = options.key?.trim().toLowerCase();
    const key = wantedKey || keyFromIdNumber(fw.idNumber) || keyFromIdNumber(fw.name);
    if (!KEY_PATTERN.test(key)) {
      errors.push(
        wantedKey
          ? { row: null, message: `Der Schlüssel „${wantedKey}“ ist ungültig: 2 bis 61 Zeichen, Kleinbuchstaben, Ziffern und Bindestriche, am Anfang ein Buchstabe oder eine Ziffer.` }
          : { row: fw.row, message: `Aus der ID-Nummer „${fw.idNumber}“ lässt sich kein Schlüssel bilden. Bitte geben Sie einen Schlüssel an.` },
      );
    } else {
      const existing = await tx.framework.findFirst({ where: { key }, orderBy: { version: "desc" }, select: { name: true, version: true } });
      if (existing) {
        errors.push({
          row: wantedKey ? null : fw.row,
          message: `Ein Kompetenzmodell mit dem Schlüssel „${key}“ gibt es schon („${existing.name}“, Version ${existing.version}). Geben Sie einen anderen Schlüssel an, um die Datei als eigenes Modell zu importieren.`,
        });
      }
    }
    preview.framework = { key, idNumber: fw.idNumber, name: fw.name, description: fw.description };
    if (fw.scaleLabels.length >= 2) {
      // Reuse a scale of the same name with the same levels; otherwise a new, unique name.
      const base = `${fw.name.slice(0, 180)}${SCALE_SUFFIX}`;
      const candidates = await tx.proficiencyScale.findMany({
        where: { name: { startsWith: base } },
        include: { levels: { orderBy: { ordinal: "asc" }, select: { label: true } } },
      });
      const byName = new Map(candidates.map((s) => [s.name, s]));
      for (let n = 1; ; n++) {
        const name = n === 1 ? base : `${base} (${n})`;
        const scale = byName.get(name);
        if (!scale) {
          preview.scale = { name, labels: fw.scaleLabels, existing: false };
          break;
        }
        if (scale.levels.map((l) => l.label).join("\u0000") === fw.scaleLabels.join("\u0000")) {
          preview.scale = { name, labels: fw.scaleLabels, existing: true };
          scaleId = scale.id;
          break;
        }
      }
    }
  }
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  preview.ok = errors.length === 0;
  return { preview, scaleId };
}

/** Reads and checks a file and shows what an import would write. Writes nothing. */
export async function previewMoodleImport(db: Db | Tx, actor: Actor | null, input: Uint8Array | string, options: MoodleImportOptions = {}) {
  if (actor) requireEditor(actor);
  return (await plan(db, parseMoodleCsv(input), options)).preview;
}

/**
 * Imports a file as a new draft framework. The file is checked again; any error throws a
 * MoodleImportError and nothing is written.
 */
export async function importMoodleCsv(db: Db, actor: Actor | null, input: Uint8Array | string, options: MoodleImportOptions = {}) {
  if (actor) requireEditor(actor);
  const actorUserId = actor?.userId ?? null;
  const parsed = parseMoodleCsv(input);
  if (parsed.errors.length) throw new MoodleImportError(parsed.errors);
  return db.$transaction(
    async (tx) => {
      const { preview, scaleId } = await plan(tx, parsed, options);
      if (!preview.ok || !preview.framework || !preview.scale) throw new MoodleImportError(preview.errors);
      const fileName = options.fileName?.trim() || "";
      const scale =
        scaleId ??
        (
          await createScale(tx, actorUserId, {
            name: preview.scale.name,
            description: `Aus dem Moodle-Kompetenzrahmen „${preview.framework.name}“ übernommen.`,
            levels: preview.scale.labels.map((label) => ({ label, description: "" })),
          })
        ).id;
      const framework = await insertFramework(tx, actorUserId, {
        key: preview.framework.key,
        name: preview.framework.name,
        description: preview.framework.description,
        source: fileName ? `Moodle-Import (${fileName})` : "Moodle-Import",
        status: "DRAFT",
        scaleId: scale,
        nodes: parsed.competencies.map((c) => ({
          ref: c.idNumber,
          parentRef: c.parentIdNumber,
          kind: c.kind,
          code: c.idNumber,
          name: c.name,
          description: c.description,
          sortOrder: c.sortOrder,
          relatedRefs: c.relatedIdNumbers,
        })),
      });
      await recordAudit(tx, {
        actorUserId,
        action: "framework.import",
        entityType: "Framework",
        entityId: framework.id,
        summary: `Moodle-CSV${fileName ? ` ${fileName}` : ""}: ${preview.competencyCount} Kompetenzen, Tiefe ${preview.depth}, ${preview.relationCount} Querverweise, Skala ${preview.scale.name}${preview.scale.existing ? " (vorhanden)" : " (neu)"}`,
      });
      return { framework, preview };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** A framework version by id, or by key: the published version, else the newest. */
export async function findFrameworkByIdOrKey(db: Db | Tx, idOrKey: string) {
  const value = idOrKey.trim();
  if (!value) return null;
  const byId = await db.framework.findUnique({ where: { id: value } });
  if (byId) return byId;
  const key = value.toLowerCase();
  return (
    (await db.framework.findFirst({ where: { key, status: "PUBLISHED" } })) ??
    (await db.framework.findFirst({ where: { key }, orderBy: { version: "desc" } }))
  );
}

/**
 * Writes a framework version as Moodle CSV. Everybody who may read competency models gets
 * published versions; drafts and archived versions only HR development (others: not found).
 */
export async function exportMoodleCsv(db: Db | Tx, actor: Actor | null, idOrKey: string, { bom = false }: { bom?: boolean } = {}) {
  if (actor && !hasPermission(actor.roles, "read:competency:any")) throw new AccessDeniedError();
  const framework = await findFrameworkByIdOrKey(db, idOrKey);
  if (!framework) throw new NotFoundError(`Kein Kompetenzmodell mit der ID oder dem Schlüssel „${idOrKey.trim()}“.`);
  if (actor && framework.status !== "PUBLISHED" && !hasPermission(actor.roles, "update:competency:any")) {
    throw new NotFoundError("Kompetenzmodell nicht gefunden");
  }
  const [levels, nodes] = await Promise.all([
    db.scaleLevel.findMany({ where: { scaleId: framework.scaleId }, orderBy: { ordinal: "asc" }, select: { label: true } }),
    loadNodes(db, framework.id),
  ]);
  const csv = writeMoodleCsv(
    { framework: { key: framework.key, name: framework.name, description: framework.description }, scaleLabels: levels.map((l) => l.label), nodes },
    { bom },
  );
  return { csv, fileName: `${framework.key}-v${framework.version}-moodle.csv`, framework, nodeCount: nodes.length };
}
