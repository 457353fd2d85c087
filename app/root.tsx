import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import "@kern-ux/native/dist/fonts/fira-sans.css";
import { cssBundleHref } from "@remix-run/css-bundle";
import kernStyles from "@kern-ux/native/dist/kern.min.css";
import appStyles from "~/styles/app.css";
import { getOptionalActor } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { createI18n, DEFAULT_LOCALE, localeFromCookie, LOCALE_COOKIE, type Locale } from "~/utils/i18n.ts";
import { navigationFor } from "~/utils/navigation.ts";
import { countUnread, hasInbox } from "~/modules/notifications/notifications.server.ts";
import { AppShell } from "~/components/app-shell.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { useRootData } from "~/utils/use-root-data.ts";

export const links: LinksFunction = () => [
  ...(cssBundleHref ? [{ rel: "stylesheet", href: cssBundleHref }] : []),
  { rel: "stylesheet", href: kernStyles },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getOptionalActor(request);
  const hasCookie = request.headers.get("Cookie")?.includes(`${LOCALE_COOKIE}=`);
  const locale: Locale = hasCookie ? localeFromCookie(request.headers.get("Cookie")) : (actor?.locale ?? DEFAULT_LOCALE);
  if (!actor) return { locale, user: null };
  const [person, unreadNotifications] = await Promise.all([
    actor.personId ? db.person.findUnique({ where: { id: actor.personId }, select: { firstName: true, lastName: true } }) : null,
    hasInbox(actor) ? countUnread(db, actor.personId!) : 0,
  ]);
  return {
    locale,
    user: {
      email: actor.email,
      name: person ? `${person.firstName} ${person.lastName}` : actor.email,
      roles: actor.roles,
      navigation: navigationFor(actor.roles, !!actor.personId),
      unreadNotifications,
    },
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

function Document({ locale, children }: { locale: Locale; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <html lang={locale} className="kern-light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Document locale={data.locale}>
      <AppShell user={data.user} locale={data.locale}>
        <Outlet />
      </AppShell>
    </Document>
  );
}

export function ErrorBoundary() {
  const data = useRootData();
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return (
    <Document locale={locale}>
      <AppShell user={data?.user ?? null} locale={locale}>
        <GeneralErrorBoundary />
      </AppShell>
    </Document>
  );
}
