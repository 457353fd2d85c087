// Download of a framework version in Moodle's CSV format. Everybody who may read competency
// models gets published versions; drafts and archived versions only HR development (the module
// answers "not found" to others, as the framework page does).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportMoodleCsv } from "~/modules/exchange/moodle-csv.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:competency:any");
  // With a BOM, so that spreadsheet programs read the file as UTF-8; Moodle skips it.
  const result = await run(() => exportMoodleCsv(db, actor, params.frameworkId ?? "", { bom: true }));
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.fileName.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
