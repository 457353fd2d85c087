import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "~/utils/env.server.ts";
import {
  attachmentHeader,
  checkDocument,
  deleteStoredFile,
  detectDocumentType,
  FileRejectedError,
  readStoredFile,
  safeFileName,
  saveDocument,
  type FileStore,
} from "./file-store.server.ts";
import { EXE_AS_PDF, largePdf, SAMPLE_JPEG, SAMPLE_PNG, samplePdf, TEXT_AS_PDF } from "../../../tests/file-fixtures.ts";

const MB = 1024 * 1024;
const tempStore = (maxBytes = 10 * MB): FileStore => ({ dir: path.join(mkdtempSync(path.join(os.tmpdir(), "lernreise-store-")), "uploads"), maxBytes });
const files = (store: FileStore) => {
  try {
    return readdirSync(store.dir);
  } catch {
    return [];
  }
};
const reason = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof FileRejectedError) return error.reason;
    throw error;
  }
};

describe("file store", () => {
  it("detects PDF, PNG and JPEG by their content", async () => {
    expect(await detectDocumentType(await samplePdf())).toEqual({ mime: "application/pdf", ext: "pdf" });
    expect(await detectDocumentType(SAMPLE_PNG)).toEqual({ mime: "image/png", ext: "png" });
    expect(await detectDocumentType(SAMPLE_JPEG)).toEqual({ mime: "image/jpeg", ext: "jpg" });
    expect(await detectDocumentType(TEXT_AS_PDF)).toBeNull();
    expect(await detectDocumentType(EXE_AS_PDF)).toBeNull();
  });

  it("writes under a random key, reads and deletes, leaving no temporary files", async () => {
    const store = tempStore();
    const pdf = await samplePdf();
    const a = await saveDocument(store, pdf);
    const b = await saveDocument(store, SAMPLE_PNG);
    expect(a).toMatchObject({ mime: "application/pdf", ext: "pdf", sizeBytes: pdf.byteLength });
    expect(a.key).toMatch(/^[0-9a-f]{32}$/);
    expect(a.key).not.toBe(b.key);
    expect(files(store).sort()).toEqual([a.key, b.key].sort());
    expect(new Uint8Array((await readStoredFile(store, a.key))!)).toEqual(pdf);
    await deleteStoredFile(store, a.key);
    await deleteStoredFile(store, a.key); // twice is fine
    expect(await readStoredFile(store, a.key)).toBeNull();
    expect(files(store)).toEqual([b.key]);
  });

  it("refuses spoofed types, empty and oversized files without writing anything", async () => {
    const store = tempStore(1 * MB);
    expect(await reason(saveDocument(store, TEXT_AS_PDF))).toBe("type");
    expect(await reason(saveDocument(store, EXE_AS_PDF))).toBe("type");
    expect(await reason(saveDocument(store, new Uint8Array()))).toBe("missing");
    expect(await reason(saveDocument(store, null))).toBe("missing");
    expect(await reason(saveDocument(store, largePdf(1 * MB + 1)))).toBe("tooLarge");
    expect(await reason(checkDocument(store, largePdf(1 * MB)))).toBe("ok");
    expect(files(store)).toEqual([]);
  });

  it("never builds a path from anything but a generated key", async () => {
    const store = tempStore();
    for (const key of ["../etc/passwd", "abc", "/tmp/x", `${"a".repeat(31)}/`]) {
      await expect(readStoredFile(store, key)).rejects.toThrow("Ungültiger Speicherschlüssel");
      await expect(deleteStoredFile(store, key)).rejects.toThrow("Ungültiger Speicherschlüssel");
    }
  });

  it("makes file names safe and gives them the detected extension", () => {
    expect(safeFileName("Zertifikat Datenschutz.pdf", "pdf")).toBe("Zertifikat Datenschutz.pdf");
    expect(safeFileName("C:\\Users\\x\\..\\bericht.exe", "pdf")).toBe("bericht.pdf");
    expect(safeFileName("../../etc/passwd", "png")).toBe("passwd.png");
    expect(safeFileName('a"b;c\r\nd.jpeg', "jpg")).toBe("abcd.jpg");
    expect(safeFileName("...", "pdf")).toBe("dokument.pdf");
    expect(safeFileName("x".repeat(300), "pdf")).toHaveLength(104);
    expect(attachmentHeader("Prüfung März.pdf")).toBe(`attachment; filename="Prufung Marz.pdf"; filename*=UTF-8''Pr%C3%BCfung%20M%C3%A4rz.pdf`);
  });

  it("reads UPLOAD_DIR and UPLOAD_MAX_MB from the environment and keeps uploads out of public/", () => {
    expect(parseEnv({})).toMatchObject({ UPLOAD_DIR: "./data/uploads", UPLOAD_MAX_MB: 10 });
    expect(parseEnv({ UPLOAD_DIR: "/var/lib/lernreise/uploads", UPLOAD_MAX_MB: "5" })).toMatchObject({ UPLOAD_DIR: "/var/lib/lernreise/uploads", UPLOAD_MAX_MB: 5 });
    expect(() => parseEnv({ UPLOAD_DIR: "public/uploads" })).toThrowError(/UPLOAD_DIR: darf nicht in public\//);
    expect(() => parseEnv({ UPLOAD_DIR: "./public" })).toThrowError(/UPLOAD_DIR/);
    expect(() => parseEnv({ UPLOAD_MAX_MB: "0" })).toThrowError(/UPLOAD_MAX_MB/);
  });
});
