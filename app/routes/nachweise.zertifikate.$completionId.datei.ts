// Download of an uploaded training certificate: for the person and HR development (the module
// checks and audits reads by HR). Always as an attachment, with the type detected at upload.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCompletionUpload } from "~/modules/training/completions.server.ts";
import { attachmentHeader, DOCUMENT_TYPES } from "~/modules/files/file-store.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:completion:own");
  const file = await run(() => getCompletionUpload(db, actor, params.completionId ?? ""));
  const type = file.mimeType in DOCUMENT_TYPES ? file.mimeType : "application/octet-stream";
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": attachmentHeader(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
