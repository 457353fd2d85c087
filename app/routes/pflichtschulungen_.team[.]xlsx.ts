import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCockpitExport, parseCockpitQuery } from "~/modules/compliance/cockpit.server.ts";
import { cockpitXlsx, exportFileName, filterDescription } from "~/modules/compliance/cockpit-export.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

/** The cockpit as a workbook: open items, the summary per rule and the rates per unit and rule. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:compliance:team");
  const query = parseCockpitQuery(new URL(request.url).searchParams);
  const data = await run(() => getCockpitExport(db, actor, query));
  const body = await cockpitXlsx(data, filterDescription(data, query));
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${exportFileName(data, "xlsx")}"`,
    },
  });
}
