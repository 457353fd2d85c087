// The training's evaluation report as CSV (same suppression as the page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTrainingReport, reportFilters } from "~/modules/feedback/reports.server.ts";
import { reportCsv, reportFileName } from "~/modules/feedback/report-export.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evaluation:any");
  const report = await run(() => getTrainingReport(db, actor, params.trainingId ?? "", reportFilters(request)));
  return new Response(reportCsv(report), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${reportFileName(report, "csv")}"`, "Cache-Control": "private, no-store" },
  });
}
