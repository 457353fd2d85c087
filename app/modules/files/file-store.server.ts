// A small store for uploaded files (evidence now, training certificates later), kept in
// UPLOAD_DIR outside public/ (docs/decisions/013). The caller keeps the returned key in the
// database; nothing the user sends becomes part of a path. The file type is taken from the
// content (file-type), never from the client's MIME type or file name.
import { randomBytes } from "node:crypto";
import { mkdir, readFile as readFileFs, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { getEnv } from "~/utils/env.server.ts";

/** The types accepted for documents and certificates, with the extension files get. */
export const DOCUMENT_TYPES = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
} as const;
export type DocumentMime = keyof typeof DOCUMENT_TYPES;

/** A file as a route read it from a form: the bytes (null when none or too large) and the sent name. */
export interface UploadedFile {
  bytes: Uint8Array | null;
  name: string;
  /** Set when the file was larger than the limit and was not kept in memory. */
  tooLarge?: boolean;
}

export interface FileStore {
  /** Absolute directory the files live in. */
  dir: string;
  maxBytes: number;
}

/** The store configured by UPLOAD_DIR and UPLOAD_MAX_MB. */
export function fileStore(env = getEnv()): FileStore {
  return { dir: path.resolve(env.UPLOAD_DIR), maxBytes: env.UPLOAD_MAX_MB * 1024 * 1024 };
}

export type FileRejection = "missing" | "tooLarge" | "type";

/** A file the store does not take; `reason` says why (callers turn it into a message). */
export class FileRejectedError extends Error {
  constructor(readonly reason: FileRejection) {
    super(`file rejected: ${reason}`);
    this.name = "FileRejectedError";
  }
}

/** Keys are 32 random hex characters; anything else is refused before touching the disk. */
const KEY_PATTERN = /^[0-9a-f]{32}$/;

function pathOf(store: FileStore, key: string) {
  if (!KEY_PATTERN.test(key)) throw new Error("Ungültiger Speicherschlüssel");
  return path.join(store.dir, key);
}

/** The document type of the bytes by their content (magic numbers), or null if not allowed. */
export async function detectDocumentType(bytes: Uint8Array): Promise<{ mime: DocumentMime; ext: string } | null> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !(type.mime in DOCUMENT_TYPES)) return null;
  const mime = type.mime as DocumentMime;
  return { mime, ext: DOCUMENT_TYPES[mime] };
}

/** Checks size and content type without writing anything. */
export async function checkDocument(store: FileStore, bytes: Uint8Array | null | undefined) {
  if (!bytes || bytes.byteLength === 0) throw new FileRejectedError("missing");
  if (bytes.byteLength > store.maxBytes) throw new FileRejectedError("tooLarge");
  const type = await detectDocumentType(bytes);
  if (!type) throw new FileRejectedError("type");
  return { ...type, sizeBytes: bytes.byteLength };
}

/**
 * Checks the document and writes it under a new random key: first to a temporary file in the
 * same directory, then renamed, so a half-written file never carries a valid key.
 */
export async function saveDocument(store: FileStore, bytes: Uint8Array | null | undefined) {
  const checked = await checkDocument(store, bytes);
  await mkdir(store.dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(16).toString("hex");
  const target = pathOf(store, key);
  const temp = path.join(store.dir, `.tmp-${randomBytes(8).toString("hex")}`);
  try {
    await writeFile(temp, bytes!, { flag: "wx", mode: 0o600 });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { key, ...checked };
}

export async function readStoredFile(store: FileStore, key: string): Promise<Buffer | null> {
  try {
    return await readFileFs(pathOf(store, key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export async function storedFileExists(store: FileStore, key: string) {
  try {
    return (await stat(pathOf(store, key))).isFile();
  } catch {
    return false;
  }
}

/** Removes a stored file; a missing file is not an error (the job is done either way). */
export async function deleteStoredFile(store: FileStore, key: string) {
  await rm(pathOf(store, key), { force: true });
}

/**
 * A file name that is safe in a Content-Disposition header and on any disk: no path parts,
 * no control or quoting characters, at most 100 characters, and the extension of the detected
 * type (a "bericht.exe" that is really a PDF is offered as "bericht.pdf").
 */
export function safeFileName(name: string, ext: string, fallback = "dokument") {
  const base = name.split(/[/\\]/).pop() ?? "";
  const stem = base
    .replace(/\.[^.]*$/, "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"*:<>?|;,\\/]+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "")
    .slice(0, 100)
    .trim();
  return `${stem || fallback}.${ext}`;
}

/** Content-Disposition for a download: an ASCII fallback name and the UTF-8 name (RFC 6266). */
export function attachmentHeader(fileName: string) {
  const ascii = fileName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
