// Reads a multipart form with one file field, keeping at most `maxBytes` of the file in memory.
// A file over the limit is drained and reported as `tooLarge` instead of throwing, so the other
// fields survive and the form can show the message next to the file field with the input kept.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { UploadedFile } from "~/modules/files/file-store.server.ts";

/** Text fields are short; anything longer is cut off rather than kept in memory. */
const MAX_TEXT_BYTES = 16 * 1024;
/** Room for the text fields and multipart framing on top of the file itself. */
const ENVELOPE_BYTES = 256 * 1024;

export class RequestTooLargeError extends Error {}

export interface ParsedUpload {
  formData: FormData;
  file: UploadedFile | null;
}

export async function parseUploadForm(request: Request, { fileField, maxBytes }: { fileField: string; maxBytes: number }): Promise<ParsedUpload> {
  // A declared length far above the limit is refused before anything is read.
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes * 2 + ENVELOPE_BYTES) throw new RequestTooLargeError();

  let file: UploadedFile | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const isFile = typeof filename === "string";
    const limit = isFile ? maxBytes : MAX_TEXT_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    }
    if (isFile) {
      if (name !== fileField || file) return undefined; // a second or unexpected file is ignored
      const bytes = over || size === 0 ? null : concat(chunks, size);
      file = { bytes, name: filename ?? "", tooLarge: over };
      return undefined;
    }
    return new TextDecoder().decode(concat(chunks, Math.min(size, limit)));
  };
  const formData = await unstable_parseMultipartFormData(request, handler);
  return { formData, file };
}

function concat(chunks: Uint8Array[], size: number) {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.max(0, size - offset));
    out.set(part, offset);
    offset += part.byteLength;
    if (offset >= size) break;
  }
  return out;
}
