import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOrganisationGaps } from "~/modules/assessment/organisation.server.ts";
import { organisationGapsXlsx } from "~/modules/assessment/organisation-export.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:profile:any");
  const unitId = new URL(request.url).searchParams.get("unit") || null;
  const data = await run(() => getOrganisationGaps(db, actor, { unitId }, { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS }));
  if (data.tooSmall) throw new Response("Zu wenige Personen für eine Auswertung", { status: 404 });
  const title = `Kompetenzlücken – ${data.scope ? `${data.scope.code} ${data.scope.name}` : "Gesamte Verwaltung"}`;
  const body = await organisationGapsXlsx(data, "Übrige (zusammengefasst)", title);
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="Kompetenzluecken${data.scope ? `-${data.scope.code.replace(/[^A-Za-z0-9.-]/g, "_")}` : ""}.xlsx"`,
    },
  });
}
