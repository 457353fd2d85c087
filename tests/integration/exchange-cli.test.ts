// `lernreise framework import|export --format moodle` as administrators run it: a real process,
// a real temporary SQLite database.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDb } from "~/utils/db.server.ts";
import { root } from "../setup/database.ts";

const template = inject("templateDb");
// Like cli.test.ts: the CLI needs its own SQLite files, so this file is skipped on PostgreSQL.
const describeSqlite = template ? describe : describe.skip;
const fixture = path.resolve(root, "../shared/fixtures/moodle/example.csv");

function freshDb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lernreise-exchange-"));
  const file = path.join(dir, "cli.db");
  copyFileSync(template, file);
  return { url: `file:${file}`, dir };
}

function cli(args: string[], url: string) {
  const result = spawnSync(process.execPath, [path.join(root, "app/cli/bin.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: url },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function counts(url: string) {
  const db = createDb(url);
  const result = { frameworks: await db.framework.count(), nodes: await db.competencyNode.count(), scales: await db.proficiencyScale.count() };
  await db.$disconnect();
  return result;
}

describeSqlite("lernreise framework import/export", { timeout: 120_000 }, () => {
  it("checks Moodle's fixture with --dry-run, prints the summary and writes nothing", async () => {
    const { url } = freshDb();
    const result = cli(["framework", "import", "--format", "moodle", fixture, "--dry-run"], url);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("64 Kompetenzen (davon 20 mit Unterkompetenzen), Tiefe 4, 39 Querverweise");
    expect(result.stdout).toContain("Kompetenzmodell: OECD (Schlüssel oecd-core)");
    expect(result.stdout).toContain("Fehler: keine");
    expect(result.stdout).toContain("Probelauf: nichts gespeichert.");
    expect(await counts(url)).toEqual({ frameworks: 0, nodes: 0, scales: 0 });
  });

  it("imports the fixture as a draft with actor null, then refuses the same key again", async () => {
    const { url } = freshDb();
    const result = cli(["framework", "import", "--format", "moodle", fixture], url);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("64 Kompetenzen");
    expect(result.stdout).toMatch(/Als Entwurf angelegt: „OECD“ Version 1, Schlüssel oecd-core, ID \S+\./);
    const db = createDb(url);
    const framework = await db.framework.findFirstOrThrow({ where: { key: "oecd-core" } });
    expect(framework.status).toBe("DRAFT");
    expect(await db.competencyNode.count({ where: { frameworkId: framework.id } })).toBe(64);
    expect(await db.competencyRelation.count()).toBe(39);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "framework.import" } });
    expect(audit.actorUserId).toBeNull();
    await db.$disconnect();

    const again = cli(["framework", "import", "--format", "moodle", fixture], url);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Zeile 2: Ein Kompetenzmodell mit dem Schlüssel „oecd-core“ gibt es schon");
    expect(again.stderr).toContain("es wurde nichts gespeichert");
    const other = cli(["framework", "import", "--format", "moodle", fixture, "--key", "oecd-kopie"], url);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toContain("Skala: OECD – Skala (vorhanden)");
    expect(await counts(url)).toEqual({ frameworks: 2, nodes: 128, scales: 1 });
  });

  it("exports by key to stdout or a file, and the file imports to the same tree", async () => {
    const { url, dir } = freshDb();
    expect(cli(["framework", "import", "--format", "moodle", fixture], url).code).toBe(0);
    const toStdout = cli(["framework", "export", "--format", "moodle", "--framework", "oecd-core"], url);
    expect(toStdout.code, toStdout.stderr).toBe(0);
    expect(toStdout.stdout.split("\n")[0]).toBe(
      "Parent id number,Id number,Shortname,Description,Description format,Scale values,Scale configuration,Rule type (optional),Rule outcome (optional),Rule config (optional),Cross referenced competency id numbers,Exported id (optional),Is framework,Taxonomy",
    );
    expect(toStdout.stdout.split("\n")[1]).toMatch(/^,oecd-core,OECD,/);
    const output = path.join(dir, "export.csv");
    const toFile = cli(["framework", "export", "--format", "moodle", "--framework", "oecd-core", "--output", output], url);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(toFile.stdout).toContain(`64 Kompetenzen aus „OECD“ (Version 1, Entwurf) nach ${output} geschrieben.`);
    expect(readFileSync(output, "utf8")).toBe(toStdout.stdout);

    const reimport = cli(["framework", "import", "--format", "moodle", output, "--key", "oecd-zurueck"], url);
    expect(reimport.code, reimport.stderr).toBe(0);
    const db = createDb(url);
    const shape = async (key: string) => {
      const nodes = await db.competencyNode.findMany({
        where: { framework: { key } },
        include: { parent: { select: { code: true } }, relatedTo: { select: { to: { select: { code: true } } } }, relatedFrom: { select: { from: { select: { code: true } } } } },
        orderBy: { code: "asc" },
      });
      return nodes.map((n) => ({
        code: n.code,
        parent: n.parent?.code ?? null,
        name: n.name,
        kind: n.kind,
        description: n.description,
        sortOrder: n.sortOrder,
        related: [...n.relatedTo.map((r) => r.to.code), ...n.relatedFrom.map((r) => r.from.code)].sort(),
      }));
    };
    expect(await shape("oecd-zurueck")).toEqual(await shape("oecd-core"));
    // By id too; the new version's id is the one the import printed.
    const id = /ID (\S+)\.$/m.exec(reimport.stdout)![1]!;
    const byId = cli(["framework", "export", "--format", "moodle", "--framework", id], url);
    expect(byId.stdout.replace("oecd-zurueck", "oecd-core")).toBe(toStdout.stdout);
    await db.$disconnect();
  });

  it("rejects an invalid file with exit code 1, the row and the reason, and writes nothing", async () => {
    const { url, dir } = freshDb();
    const file = path.join(dir, "kaputt.csv");
    const header = readFileSync(fixture, "utf8").split("\n")[0];
    writeFileSync(file, `${header}\n,fw,Modell,,1,"a,b",,,,,,,1,\n,x,Eins,,1,,,,,,,,,\nX,y,Zwei,,1,,,,,,,,,\n`);
    const result = cli(["framework", "import", "--format", "moodle", file], url);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Fehler: 1");
    expect(result.stderr).toContain("Zeile 4: Eltern-ID „X“ gibt es in der Datei nicht.");
    expect(result.stderr).toContain("Die Datei ist ungültig (1 Fehler); es wurde nichts gespeichert.");
    const dry = cli(["framework", "import", "--format", "moodle", file, "--dry-run"], url);
    expect(dry.code).toBe(1);
    const latin1 = path.join(dir, "latin1.csv");
    writeFileSync(latin1, Buffer.from(`${header}\n,fw,Maßstab,,1,"a,b",,,,,,,1,\n`, "latin1"));
    const encoding = cli(["framework", "import", "--format", "moodle", latin1], url);
    expect(encoding.code).toBe(1);
    expect(encoding.stderr).toContain("nicht UTF-8-kodiert");
    const empty = path.join(dir, "leer.csv");
    writeFileSync(empty, "");
    const emptyResult = cli(["framework", "import", "--format", "moodle", empty], url);
    expect(emptyResult.code).toBe(1);
    expect(emptyResult.stderr).toContain("Die Datei ist leer.");
    expect(await counts(url)).toEqual({ frameworks: 0, nodes: 0, scales: 0 });
  });

  it("answers usage errors with exit code 2", () => {
    const { url } = freshDb();
    const unknownFormat = cli(["framework", "import", "--format", "xlsx", fixture], url);
    expect(unknownFormat.code).toBe(2);
    expect(unknownFormat.stderr).toContain("Unbekanntes Format „xlsx“");
    const noFormat = cli(["framework", "import", fixture], url);
    expect(noFormat.code).toBe(2);
    const noFile = cli(["framework", "import", "--format", "moodle"], url);
    expect(noFile.code).toBe(2);
    const missingFile = cli(["framework", "import", "--format", "moodle", "/gibt/es/nicht.csv"], url);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain("Die Datei „/gibt/es/nicht.csv“ gibt es nicht.");
    const badKey = cli(["framework", "import", "--format", "moodle", fixture, "--key", "Nicht gültig!"], url);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain("--key:");
    const noFramework = cli(["framework", "export", "--format", "moodle"], url);
    expect(noFramework.code).toBe(2);
    const help = cli(["framework", "--help"], url);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("import");
    expect(help.stdout).toContain("export");
  });

  it("reports an unknown framework with exit code 1", () => {
    const { url } = freshDb();
    const result = cli(["framework", "export", "--format", "moodle", "--framework", "gibt-es-nicht"], url);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Kein Kompetenzmodell mit der ID oder dem Schlüssel „gibt-es-nicht“.");
  });
});
