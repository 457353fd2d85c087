import type { LoaderFunctionArgs } from "@remix-run/node";
import { journeyCalendar } from "~/modules/journeys/journey-calendar.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

/** A journey's due days and session dates as an iCalendar file (owner, their leader, HR). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:own");
  const { filename, body } = await run(() => journeyCalendar(db, actor, params.journeyId ?? ""));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
