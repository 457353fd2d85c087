import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCockpitExport, parseCockpitQuery } from "~/modules/compliance/cockpit.server.ts";
import { cockpitCsv, exportFileName } from "~/modules/compliance/cockpit-export.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

/** The cockpit's open items (selected unit and filters) as CSV for Excel. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:compliance:team");
  const query = parseCockpitQuery(new URL(request.url).searchParams);
  const data = await run(() => getCockpitExport(db, actor, query));
  return new Response(cockpitCsv(data), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${exportFileName(data, "csv")}"` },
  });
}
