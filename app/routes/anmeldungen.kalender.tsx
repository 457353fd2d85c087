import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createFeedToken, deleteFeedToken, getFeedStatus } from "~/modules/training/calendar.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDateTime } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import enrolmentStyles from "~/styles/enrolment.css";

export const meta: MetaFunction = () => [{ title: "Kalender-Abo – Meine Anmeldungen – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: enrolmentStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:enrolment:own");
  if (!actor.personId) throw new Response("Ihrem Konto ist keine Person zugeordnet.", { status: 404 });
  const feed = await getFeedStatus(db, actor);
  return { feed };
}

/** The feed URL on the host the person is using (the server resolves proxies, see TRUST_PROXY). */
function feedUrl(request: Request, token: string) {
  return `${new URL(request.url).origin}/kalender/${token}.ics`;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:enrolment:own");
  const intent = String((await request.formData()).get("intent") ?? "");
  if (intent === "feed-create") {
    const token = await run(() => createFeedToken(db, actor));
    return { ok: true as const, intent, url: feedUrl(request, token) };
  }
  if (intent === "feed-delete") {
    await run(() => deleteFeedToken(db, actor));
    return { ok: true as const, intent, url: null };
  }
  throw new Response("Unbekannte Aktion", { status: 400 });
}

export default function CalendarFeedPage() {
  const { feed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <nav className="breadcrumb" aria-label={t("org.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/anmeldungen">
              {t("enrolment.mine.title")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("enrolment.feed.title")}</span>
          </li>
        </ol>
      </nav>
      <PageHeader title={t("enrolment.feed.title")} intro={t("enrolment.feed.intro")} />
      {result?.url ? (
        <section className="panel" aria-labelledby="feed-new">
          <h2 id="feed-new" className="kern-heading-small">
            {t("enrolment.feed.newTitle")}
          </h2>
          <Alert tone="warning" title={t("enrolment.feed.shownOnce")} />
          <label className="kern-label" htmlFor="feed-url">
            {t("enrolment.feed.urlLabel")}
          </label>
          <input id="feed-url" className="kern-form-input__input feed-url" readOnly value={result.url} />
          <p className="muted">{t("enrolment.feed.howTo")}</p>
        </section>
      ) : null}
      {result?.intent === "feed-delete" ? <Alert tone="success" title={t("enrolment.feed.deleted")} /> : null}
      <section className="panel" aria-labelledby="feed-state">
        <h2 id="feed-state" className="kern-heading-small">
          {t("enrolment.feed.stateTitle")}
        </h2>
        <p>{feed ? t("enrolment.feed.active", { date: formatDateTime(feed.createdAt, locale) }) : t("enrolment.feed.none")}</p>
        <div className="btn-row">
          <Form method="post">
            <input type="hidden" name="intent" value="feed-create" />
            <button className="kern-btn kern-btn--primary" type="submit" disabled={busy}>
              <span className="kern-label">{feed ? t("enrolment.feed.renew") : t("enrolment.feed.create")}</span>
            </button>
          </Form>
          {feed ? (
            <Form method="post">
              <input type="hidden" name="intent" value="feed-delete" />
              <button className="kern-btn kern-btn--secondary" type="submit" disabled={busy}>
                <span className="kern-label">{t("enrolment.feed.delete")}</span>
              </button>
            </Form>
          ) : null}
        </div>
        {feed ? <p className="muted">{t("enrolment.feed.renewHint")}</p> : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
