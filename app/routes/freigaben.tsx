import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPendingApprovals } from "~/modules/training/enrolment.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { enrolmentActionFor } from "~/utils/enrolment-actions.server.ts";
import { parseListQuery } from "~/utils/query.ts";
import { formatDateTime, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { DecisionForm, EnrolmentResult } from "~/components/enrolment-controls.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import enrolmentStyles from "~/styles/enrolment.css";

export const meta: MetaFunction = () => [{ title: "Freigaben – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: enrolmentStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Leaders (team) and HR development (any); the module refuses everyone else.
  const actor = await requireUserWithPermission(request, "update:enrolment:team");
  const { page } = parseListQuery(request);
  return run(() => listPendingApprovals(db, actor, { page }));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:enrolment:team");
  return enrolmentActionFor(actor, request);
}

export default function ApprovalsPage() {
  const { requests, total, page, pageCount, scope } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <PageHeader title={t("enrolment.approvals.title")} intro={scope === "any" ? t("enrolment.approvals.introAny") : t("enrolment.approvals.introTeam")} />
      <EnrolmentResult />
      <section className="panel" aria-labelledby="pending">
        <h2 id="pending" className="kern-heading-medium">
          {t("enrolment.approvals.pending", { count: total, formatted: formatNumber(total, locale) })}
        </h2>
        {requests.length === 0 ? (
          <p>{t("enrolment.approvals.none")}</p>
        ) : (
          <>
            <div className="kern-table-responsive">
              <table className="kern-table kern-table--striped approvals-table">
                <caption className="kern-sr-only">{t("enrolment.approvals.caption")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("enrolment.table.person")}</th>
                    <th scope="col">{t("enrolment.table.training")}</th>
                    <th scope="col">{t("enrolment.table.when")}</th>
                    <th scope="col">{t("enrolment.table.note")}</th>
                    <th scope="col">{t("enrolment.approvals.decision")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {requests.map((r) => {
                    const name = `${r.person.firstName} ${r.person.lastName}`;
                    const context = `${name}, ${r.session.training.title}`;
                    return (
                      <tr key={r.id}>
                        <th scope="row">
                          {r.person.lastName}, {r.person.firstName}
                          {r.person.orgUnit ? <span className="muted enrolment-note">{`${r.person.orgUnit.code} ${r.person.orgUnit.name}`}</span> : null}
                        </th>
                        <td>
                          <Link className="kern-link" to={`/schulungen/${r.session.training.id}`}>
                            {r.session.training.title}
                          </Link>
                          <span className="muted enrolment-note">{t("enrolment.approvals.seats", { free: Math.max(0, r.session.capacity - r.session.confirmedCount), capacity: r.session.capacity })}</span>
                        </td>
                        <td>
                          {formatDateTime(r.session.startsAt, locale)}
                          <span className="muted enrolment-note">{t("enrolment.approvals.requestedAt", { date: formatDateTime(r.createdAt, locale) })}</span>
                        </td>
                        <td>{r.requestNote || "–"}</td>
                        <td>
                          <DecisionForm enrolmentId={r.id} context={context} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageCount={pageCount} total={total} />
          </>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
