// The Anforderungsprofil of a position as a PDF download (docs/decisions/011).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPositionProfile } from "~/modules/competency/profiles.server.ts";
import { renderRequirementProfilePdf, requirementProfileFileName, toRequirementProfile } from "~/modules/competency/requirement-profile-pdf.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { DEFAULT_LOCALE, LOCALE_COOKIE, localeFromCookie, type Locale } from "~/utils/i18n.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:profile:own");
  const positionId = params.positionId ?? "";
  const result = await run(() => getPositionProfile(db, actor, positionId));
  // Same rule as the page: the language cookie wins, then the account's language.
  const cookie = request.headers.get("Cookie");
  const locale: Locale = cookie?.includes(`${LOCALE_COOKIE}=`) ? localeFromCookie(cookie) : (actor.locale ?? DEFAULT_LOCALE);
  const profile = toRequirementProfile(result);
  const pdf = await renderRequirementProfilePdf(profile, locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${requirementProfileFileName(profile.position.code)}"`,
      "Content-Length": String(pdf.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
