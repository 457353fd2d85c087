// The training's evaluation report as an Excel workbook (same suppression as the page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTrainingReport, reportFilters } from "~/modules/feedback/reports.server.ts";
import { reportFileName, reportXlsx } from "~/modules/feedback/report-export.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evaluation:any");
  const report = await run(() => getTrainingReport(db, actor, params.trainingId ?? "", reportFilters(request)));
  const body = await reportXlsx(report);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${reportFileName(report, "xlsx")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
