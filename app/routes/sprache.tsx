import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getOptionalActor, safeRedirect } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { cookieSecure } from "~/utils/env.server.ts";
import { LOCALE_COOKIE, LOCALES } from "~/utils/i18n.ts";

const LanguageSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

/** Sets the UI language (cookie, and the account's preference when signed in). */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Unbekannte Sprache", { status: 400 });
  const actor = await getOptionalActor(request);
  if (actor) await db.user.update({ where: { id: actor.userId }, data: { locale: parsed.data.locale } });
  const cookie = `${LOCALE_COOKIE}=${parsed.data.locale}; Path=/; Max-Age=31536000; SameSite=Lax${cookieSecure() ? "; Secure" : ""}`;
  return redirect(safeRedirect(parsed.data.redirectTo), { headers: { "Set-Cookie": cookie } });
}
