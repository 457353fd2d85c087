// The Moodle import page and the CSV download, called as Remix calls them, with real session
// cookies and multipart uploads.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "~/utils/db.server.ts";
import { action as importAction, loader as importLoader } from "~/routes/kompetenzmodelle.import.tsx";
import { loader as exportLoader } from "~/routes/kompetenzmodelle.$frameworkId.export.ts";
import { createScenario, requestAs } from "../factories.ts";
import { root } from "../setup/database.ts";

const fixture = readFileSync(path.resolve(root, "../shared/fixtures/moodle/example.csv"));
const unique = () => randomUUID().slice(0, 8);

type Args = Parameters<typeof importAction>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;

/** Calls a loader or action; returns a Response, thrown or returned, or `data()`'s parts. */
async function call(promise: Promise<unknown>): Promise<{ status: number; body: any; response?: Response }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, body: null, response: value };
    if (value && typeof value === "object" && "init" in value && "data" in value) {
      const v = value as { data: unknown; init: { status?: number } | null };
      return { status: v.init?.status ?? 200, body: v.data };
    }
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text(), response: thrown };
    throw thrown;
  }
}

function upload(fields: Record<string, string>, file?: { name: string; content: Uint8Array | string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file.content as BlobPart], file.name, { type: "text/csv" }));
  return { method: "POST", body: form };
}

const postImport = async (userId: string | null, fields: Record<string, string>, file?: { name: string; content: Uint8Array | string }) =>
  call(importAction(args(await requestAs(userId, "/kompetenzmodelle/import", upload(fields, file)))));

describe("framework import page", () => {
  it("lets HR development preview Moodle's fixture and confirm it as one draft", async () => {
    const s = await createScenario(db);
    const key = `route-${unique()}`;
    expect((await call(importLoader(args(await requestAs(s.hrUser.id, "/kompetenzmodelle/import"))))).status).toBe(200);

    const preview = await postImport(s.hrUser.id, { intent: "preview", key }, { name: "example.csv", content: fixture });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      stage: "preview",
      fileName: "example.csv",
      key,
      preview: { ok: true, errors: [], competencyCount: 64, clusterCount: 20, depth: 4, relationCount: 39, framework: { key, name: "OECD" } },
    });
    expect(preview.body.preview.tree.map((n: { code: string }) => n.code)).toEqual(["levels", "competencies"]);
    expect(await db.framework.count({ where: { key } })).toBe(0);

    const confirm = await postImport(s.hrUser.id, { intent: "confirm", key, fileName: "example.csv", content: preview.body.content });
    expect(confirm.status).toBe(302);
    const framework = await db.framework.findFirstOrThrow({ where: { key } });
    expect(confirm.response!.headers.get("Location")).toBe(`/kompetenzmodelle/${framework.id}`);
    expect(framework.status).toBe("DRAFT");
    expect(await db.competencyNode.count({ where: { frameworkId: framework.id } })).toBe(64);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "framework.import", entityId: framework.id } });
    expect(audit.actorUserId).toBe(s.hrUser.id);

    // A second confirm of the same file finds the key taken and writes nothing.
    const again = await postImport(s.hrUser.id, { intent: "confirm", key, fileName: "example.csv", content: preview.body.content });
    expect(again.status).toBe(400);
    expect(again.body.preview.ok).toBe(false);
    expect(again.body.preview.errors[0].message).toContain(`Schlüssel „${key}“ gibt es schon`);
    expect(await db.framework.count({ where: { key } })).toBe(1);
  });

  it("refuses employees (403) and writes nothing", async () => {
    const s = await createScenario(db);
    const key = `verboten-${unique()}`;
    expect((await call(importLoader(args(await requestAs(s.employeeUser.id, "/kompetenzmodelle/import"))))).status).toBe(403);
    const preview = await postImport(s.employeeUser.id, { intent: "preview", key }, { name: "example.csv", content: fixture });
    expect(preview.status).toBe(403);
    const confirm = await postImport(s.employeeUser.id, { intent: "confirm", key, content: fixture.toString("base64") });
    expect(confirm.status).toBe(403);
    expect(await db.framework.count({ where: { key } })).toBe(0);
    expect((await postImport(s.adminUser.id, { intent: "preview", key }, { name: "example.csv", content: fixture })).status).toBe(403);
    expect((await postImport(null, { intent: "preview" })).status).toBe(302);
  });

  it("shows per-row errors for a malformed file and offers no confirm", async () => {
    const s = await createScenario(db);
    const header = fixture.toString("utf8").split("\n")[0];
    const broken = `${header}\n,fw-${unique()},Modell,,1,"a,b",,,,,,,1,\n,x,Eins,,1,,,,,,,,,\nX,y,Zwei,,1,,,,,,,,,\n`;
    const result = await postImport(s.hrUser.id, { intent: "preview" }, { name: "kaputt.csv", content: broken });
    expect(result.status).toBe(400);
    expect(result.body.content).toBeNull();
    expect(result.body.preview.errors).toEqual([{ row: 4, message: "Eltern-ID „X“ gibt es in der Datei nicht." }]);
  });

  it("refuses files over 5 MB, a missing file and a bad key with clear messages", async () => {
    const s = await createScenario(db);
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
    const tooLarge = await postImport(s.hrUser.id, { intent: "preview" }, { name: "gross.csv", content: big });
    expect(tooLarge).toMatchObject({ status: 413, body: { stage: "failed", message: "exchange.import.tooLarge" } });
    const noFile = await postImport(s.hrUser.id, { intent: "preview" }, { name: "", content: "" });
    expect(noFile).toMatchObject({ status: 400, body: { message: "exchange.import.fileRequired" } });
    const badKey = await postImport(s.hrUser.id, { intent: "preview", key: "Kein Schlüssel!" }, { name: "example.csv", content: fixture });
    expect(badKey).toMatchObject({ status: 400, body: { message: "exchange.import.keyInvalid" } });
    const urlEncoded = await call(importAction(args(await requestAs(s.hrUser.id, "/kompetenzmodelle/import", { method: "POST", body: new URLSearchParams({ intent: "preview" }) }))));
    expect(urlEncoded).toMatchObject({ status: 400, body: { message: "exchange.import.notMultipart" } });
  });
});

describe("framework CSV download", () => {
  it("gives everybody published versions as a CSV attachment, drafts only to HR development", async () => {
    const s = await createScenario(db);
    const key = `download-${unique()}`;
    const preview = await postImport(s.hrUser.id, { intent: "preview", key }, { name: "example.csv", content: fixture });
    await postImport(s.hrUser.id, { intent: "confirm", key, content: preview.body.content });
    const framework = await db.framework.findFirstOrThrow({ where: { key } });
    const get = async (userId: string | null) =>
      call(exportLoader(args(await requestAs(userId, `/kompetenzmodelle/${framework.id}/export`), { frameworkId: framework.id }) as never));

    expect((await get(s.employeeUser.id)).status).toBe(404);
    const hrDraft = await get(s.hrUser.id);
    expect(hrDraft.status).toBe(200);
    await db.framework.update({ where: { id: framework.id }, data: { status: "PUBLISHED" } });
    const published = await get(s.employeeUser.id);
    expect(published.status).toBe(200);
    const response = published.response!;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="${key}-v1-moodle\\.csv"`));
    const body = new Uint8Array(await response.arrayBuffer());
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(body);
    expect(text.split("\n")[1]).toMatch(new RegExp(`^,${key},OECD,`));
    expect(text.split("\n").filter((l) => /^[^,\s"]*,[^,]+,/.test(l)).length).toBeGreaterThan(60);
    expect((await get(s.leaderUser.id)).status).toBe(200);
    expect((await get(null)).status).toBe(302);
    const unknown = await call(exportLoader(args(await requestAs(s.hrUser.id, "/kompetenzmodelle/x/export"), { frameworkId: "gibt-es-nicht" }) as never));
    expect(unknown.status).toBe(404);
  });
});
