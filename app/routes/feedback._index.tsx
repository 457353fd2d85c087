// "Feedback": the signed-in person's open feedback requests (own trainings; for leaders also the
// transfer checks about their team members), and answered or expired ones — without any answer
// content, which is stored anonymously and cannot be linked back.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listMyFeedback } from "~/modules/feedback/responses.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { useFeedbackRequestTitle } from "~/components/feedback-form.tsx";

export const meta: MetaFunction = () => [{ title: "Feedback – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:feedback:own");
  const list = await run(() => listMyFeedback(db, actor));
  return { ...list, minGroup: getEnv().FEEDBACK_MIN_GROUP };
}

export default function MyFeedback() {
  const { open, closed, minGroup } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const titleOf = useFeedbackRequestTitle();
  return (
    <>
      <PageHeader
        title={t("feedback.mine.title")}
        intro={t("feedback.mine.intro", { min: minGroup })}
      />
      <section className="panel" aria-labelledby="feedback-open">
        <h2 id="feedback-open" className="kern-heading-medium">
          {t("feedback.mine.open")}
        </h2>
        {open.length === 0 ? (
          <p>{t("feedback.mine.openEmpty")}</p>
        ) : (
          <ul
            className="feedback-requests"
            style={{ listStyle: "none", padding: 0 }}
          >
            {open.map((item) => {
              const title = titleOf(item);
              return (
                <li key={item.id} className="panel">
                  <h3 className="kern-heading-small">{title}</h3>
                  <p>
                    {t("feedback.mine.answerBy", {
                      date: formatDate(item.answerBy, locale),
                    })}
                  </p>
                  <Link
                    className="kern-btn kern-btn--primary"
                    to={`/feedback/${item.id}`}
                    aria-label={t("feedback.mine.answerLabel", { title })}
                  >
                    <span className="kern-label">
                      {t("feedback.mine.answer")}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {closed.length > 0 ? (
        <section className="panel" aria-labelledby="feedback-closed">
          <h2 id="feedback-closed" className="kern-heading-medium">
            {t("feedback.mine.closed")}
          </h2>
          <div className="kern-table-responsive">
            <table className="kern-table kern-table--striped">
              <caption className="kern-sr-only">
                {t("feedback.mine.closedCaption")}
              </caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("feedback.mine.training")}</th>
                  <th scope="col">{t("feedback.mine.kind")}</th>
                  <th scope="col">{t("feedback.mine.status")}</th>
                </tr>
              </thead>
              <tbody>
                {closed.map((item) => (
                  <tr key={item.id}>
                    <th scope="row" style={{ textAlign: "left" }}>
                      {item.training.title}
                      {item.subject ? ` (${item.subject})` : ""}
                    </th>
                    <td>{t(`feedback.requestKind.${item.kind}`)}</td>
                    <td>
                      {item.state === "answered"
                        ? t("feedback.mine.answered")
                        : t("feedback.mine.expired")}
                      {item.state === "answered" &&
                      item.kind === "TRANSFER_PARTICIPANT" ? (
                        <>
                          {" · "}
                          <Link
                            className="kern-link"
                            to={`/feedback/${item.id}#stufe`}
                            aria-label={t("feedback.mine.proposeLabel", {
                              training: item.training.title,
                            })}
                          >
                            {t("feedback.mine.propose")}
                          </Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
