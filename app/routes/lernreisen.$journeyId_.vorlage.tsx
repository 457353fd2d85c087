import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { applyTemplateChanges, templateDiff } from "~/modules/journeys/template-apply.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import styles from "~/styles/journey-templates.css";

export const meta: MetaFunction = () => [{ title: "Änderungen der Vorlage – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:own");
  const journeyId = params.journeyId!;
  const { diff, canApply } = await run(() => templateDiff(db, actor, journeyId));
  return { journeyId, diff, canApply };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:journey:own");
  const formData = await request.formData();
  try {
    await applyTemplateChanges(db, actor, params.journeyId!);
    return redirect(`/lernreisen/${params.journeyId}?vorlageUebernommen=1`);
  } catch (error) {
    return data(domainFailure("apply", error, formData), { status: 400 });
  }
}

export default function TemplateUpdatePage() {
  const { journeyId, diff, canApply } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const day = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, locale) : value || "–");
  return (
    <>
      <nav className="breadcrumb" aria-label={t("journeyTemplates.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to={`/lernreisen/${journeyId}`}>
              {diff?.journeyTitle ?? t("journeys.templateUpdate.journey")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("journeys.templateUpdate.title")}</span>
          </li>
        </ol>
      </nav>
      <PageHeader title={t("journeys.templateUpdate.title")} intro={diff ? t("journeys.templateUpdate.intro", { template: diff.templateTitle, from: diff.fromVersion, to: diff.toVersion }) : undefined} />
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      {!diff ? (
        <p>{t("journeys.templateUpdate.upToDate")}</p>
      ) : (
        <>
          {!diff.applicable ? <Alert tone="info" title={t("journeys.templateUpdate.notApplicable")} /> : null}
          <section aria-labelledby="added-heading">
            <h2 id="added-heading" className="kern-heading-medium">
              {t("journeys.templateUpdate.added")}
            </h2>
            {diff.added.length ? (
              <ul data-testid="template-added">
                {diff.added.map((a) => (
                  <li key={a.templateStepId}>
                    <strong>{a.title}</strong> ({t(`journeyTemplates.kind.${a.kind}`)}, {a.phaseTitle}) – {t("journeys.templateUpdate.dueOn", { date: day(a.dueOn) })}
                    {a.trainingTitle && a.trainingTitle !== a.title ? ` – ${t("journeys.templateUpdate.field.trainingId")}: ${a.trainingTitle}` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("journeys.templateUpdate.none")}</p>
            )}
          </section>
          <section aria-labelledby="changed-heading">
            <h2 id="changed-heading" className="kern-heading-medium">
              {t("journeys.templateUpdate.changed")}
            </h2>
            {diff.changed.length ? (
              <ul data-testid="template-changed">
                {diff.changed.map((c) => (
                  <li key={c.stepId}>
                    <strong>{c.title}</strong>
                    {!c.willApply ? ` – ${t("journeys.templateUpdate.keptBecause", { status: t(`journeys.templateUpdate.stepStatus.${c.status}`) })}` : ""}
                    <ul>
                      {c.fields.map((f) => (
                        <li key={f.field}>
                          {t(`journeys.templateUpdate.field.${f.field}`)}: {f.field === "dueOn" ? day(f.from) : f.from || "–"} → {f.field === "dueOn" ? day(f.to) : f.to || "–"}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("journeys.templateUpdate.none")}</p>
            )}
          </section>
          <section aria-labelledby="removed-heading">
            <h2 id="removed-heading" className="kern-heading-medium">
              {t("journeys.templateUpdate.removed")}
            </h2>
            {diff.removed.length ? (
              <ul data-testid="template-removed">
                {diff.removed.map((r) => (
                  <li key={r.stepId}>
                    <strong>{r.title}</strong>
                    {r.willRemove ? "" : ` – ${t("journeys.templateUpdate.keptBecause", { status: t(`journeys.templateUpdate.stepStatus.${r.status}`) })}`}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("journeys.templateUpdate.none")}</p>
            )}
          </section>
          <p className="muted">{t("journeys.templateUpdate.rules")}</p>
          {canApply ? (
            <Form method="post">
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("journeys.templateUpdate.apply")}</span>
              </button>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
