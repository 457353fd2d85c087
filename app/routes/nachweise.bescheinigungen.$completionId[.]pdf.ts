// The certificate of participation of a confirmed completion as a PDF: for the person, their
// leader and HR development (the module checks each completion and audits reads by others).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCertificate } from "~/modules/training/completions.server.ts";
import { certificateFileName, renderCertificatePdf } from "~/modules/training/certificate-pdf.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { DEFAULT_LOCALE, LOCALE_COOKIE, localeFromCookie, type Locale } from "~/utils/i18n.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:completion:own");
  const { data } = await run(() => getCertificate(db, actor, params.completionId ?? ""));
  // Same rule as the pages: the language cookie wins, then the account's language.
  const cookie = request.headers.get("Cookie");
  const locale: Locale = cookie?.includes(`${LOCALE_COOKIE}=`) ? localeFromCookie(cookie) : (actor.locale ?? DEFAULT_LOCALE);
  const pdf = await renderCertificatePdf(data, locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${certificateFileName(data.certificateNumber)}"`,
      "Content-Length": String(pdf.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
