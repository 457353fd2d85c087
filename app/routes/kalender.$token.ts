import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalFeed } from "~/modules/training/calendar.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";

/**
 * A person's calendar feed at /kalender/<token>.ics for calendar apps: no session cookie, the
 * secret token in the URL is the key. Unknown or renewed tokens answer 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = params.token ?? "";
  if (!file.endsWith(".ics")) throw new Response("Nicht gefunden", { status: 404 });
  const body = await run(() => personalFeed(db, file.slice(0, -".ics".length)));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="lernreise.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
