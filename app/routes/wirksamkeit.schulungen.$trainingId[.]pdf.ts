// The training's evaluation report as a printable PDF (same suppression as the page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTrainingReport, reportFilters } from "~/modules/feedback/reports.server.ts";
import { renderReportPdf, reportFileName } from "~/modules/feedback/report-export.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evaluation:any");
  const report = await run(() => getTrainingReport(db, actor, params.trainingId ?? "", reportFilters(request)));
  const pdf = await renderReportPdf(report);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${reportFileName(report, "pdf")}"`,
      "Content-Length": String(pdf.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
