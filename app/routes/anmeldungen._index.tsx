import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listEnrolmentsOfPerson } from "~/modules/training/enrolment.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { enrolmentActionFor } from "~/utils/enrolment-actions.server.ts";
import { formatDateTime } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { PageHeader } from "~/components/page.tsx";
import { CancelForm, EnrolmentResult, EnrolmentStatus } from "~/components/enrolment-controls.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import enrolmentStyles from "~/styles/enrolment.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && data.access !== "own" ? `Anmeldungen von ${data.person.firstName} ${data.person.lastName} – Lernreise` : "Meine Anmeldungen – Lernreise" },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: enrolmentStyles }];

const QuerySchema = z.object({ person: z.string().trim().min(1).max(100).optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:enrolment:own");
  const { person } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const personId = person ?? actor.personId;
  if (!personId) throw new Response("Ihrem Konto ist keine Person zugeordnet.", { status: 404 });
  return run(() => listEnrolmentsOfPerson(db, actor, personId));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:enrolment:own");
  return enrolmentActionFor(actor, request);
}

type Item = Awaited<ReturnType<typeof loader>>["upcoming"][number];

export default function MyEnrolmentsPage() {
  const { access, person, upcoming, past } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const own = access === "own";
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <>
      <PageHeader title={own ? t("enrolment.mine.title") : t("enrolment.mine.titleOf", { name })} intro={own ? t("enrolment.mine.intro") : t("enrolment.mine.introOf", { name })} />
      <EnrolmentResult />
      {own ? (
        <p>
          <Link className="kern-link" to="/anmeldungen/kalender">
            {t("enrolment.mine.feedLink")}
          </Link>
          {" · "}
          <Link className="kern-link" to="/schulungen">
            {t("enrolment.mine.catalogueLink")}
          </Link>
        </p>
      ) : null}
      <section className="panel" aria-labelledby="upcoming">
        <h2 id="upcoming" className="kern-heading-medium">
          {t("enrolment.mine.upcoming")}
        </h2>
        {upcoming.length ? (
          <EnrolmentTable items={upcoming} caption={t("enrolment.mine.upcoming")} withActions />
        ) : (
          <p>{own ? t("enrolment.mine.noneUpcoming") : t("enrolment.mine.noneUpcomingOf", { name })}</p>
        )}
      </section>
      <section className="panel" aria-labelledby="past">
        <h2 id="past" className="kern-heading-medium">
          {t("enrolment.mine.past")}
        </h2>
        {past.length ? <EnrolmentTable items={past} caption={t("enrolment.mine.past")} /> : <p>{t("enrolment.mine.nonePast")}</p>}
      </section>
    </>
  );
}

function EnrolmentTable({ items, caption, withActions }: { items: Item[]; caption: string; withActions?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped enrolment-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{t("enrolment.table.training")}</th>
            <th scope="col">{t("enrolment.table.when")}</th>
            <th scope="col">{t("enrolment.table.where")}</th>
            <th scope="col">{t("enrolment.table.status")}</th>
            {withActions ? <th scope="col">{t("enrolment.table.actions")}</th> : null}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {items.map((e) => {
            const context = `${e.session.training.title}, ${formatDateTime(e.session.startsAt, locale)}`;
            return (
              <tr key={e.id}>
                <th scope="row">
                  <Link className="kern-link" to={`/schulungen/${e.session.training.id}`}>
                    {e.session.training.title}
                  </Link>
                  <span className="muted enrolment-note">{e.session.training.code}</span>
                </th>
                <td>
                  {formatDateTime(e.session.startsAt, locale)} – {formatDateTime(e.session.endsAt, locale)}
                  {e.session.status === "CANCELLED" ? <span className="enrolment-note">{t("enrolment.sessionCancelled")}</span> : null}
                </td>
                <td>{e.session.location || (e.session.onlineUrl ? t("enrolment.online") : "–")}</td>
                <td>
                  <EnrolmentStatus status={e.status} position={e.position} />
                  {e.status === "DECLINED" && e.decisionNote ? <span className="muted enrolment-note">{t("enrolment.declinedBecause", { note: e.decisionNote })}</span> : null}
                  {e.status === "CANCELLED" && e.cancelReason ? <span className="muted enrolment-note">{t("enrolment.cancelledBecause", { reason: e.cancelReason })}</span> : null}
                  {e.status === "WAITLISTED" ? <span className="muted enrolment-note">{t("enrolment.waitlistHint")}</span> : null}
                </td>
                {withActions ? (
                  <td>
                    {e.canCancel ? <CancelForm enrolmentId={e.id} context={context} /> : null}
                    {e.canDownload ? (
                      <p>
                        <a className="kern-link" href={`/schulungen/termine/${e.session.id}/kalender.ics`} download>
                          {t("enrolment.ics")}
                          <span className="kern-sr-only">: {context}</span>
                        </a>
                      </p>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
