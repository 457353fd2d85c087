import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionCalendar } from "~/modules/training/calendar.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

/** One session as an iCalendar file (one event per day). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:training:any");
  const { filename, body } = await run(() => sessionCalendar(db, actor, params.sessionId ?? ""));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
