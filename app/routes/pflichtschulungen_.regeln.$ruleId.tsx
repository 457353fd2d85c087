import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { archiveRule, describeDraft, getRule, listRoleProfileOptions } from "~/modules/compliance/rules.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { ruleFormAction } from "~/utils/compliance-rule-actions.server.ts";
import { Alert, ErrorList } from "~/components/forms.tsx";
import { RuleErrorSummary, RuleForm, RulePreview } from "~/components/compliance-rule-form.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import rulesStyles from "~/styles/compliance-rules.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.rule.name} – Pflichtschulungs-Regeln – Lernreise` : "Pflichtschulungs-Regel – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: rulesStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:compliancerule:any");
  const result = await run(() => getRule(db, actor, params.ruleId ?? ""));
  const [labels, roleProfiles] = await Promise.all([describeDraft(db, result.draft), listRoleProfileOptions(db)]);
  return { ...result, labels, roleProfiles };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:compliancerule:any");
  const ruleId = params.ruleId ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "archive") {
    if (formData.get("confirm") !== "on") {
      return data({ archiveError: "complianceRules.validation.archiveConfirm" }, { status: 400 });
    }
    try {
      await run(() => archiveRule(db, actor, ruleId));
    } catch (error) {
      if (error instanceof Response && error.status === 400) return data({ archiveError: await error.text() }, { status: 400 });
      throw error;
    }
    return redirect("/pflichtschulungen/regeln?archiviert=1");
  }
  const answer = await ruleFormAction(actor, formData, { ruleId });
  if ("redirect" in answer) return answer.redirect;
  return data(answer.result, { status: answer.status });
}

export default function EditComplianceRulePage() {
  const { rule, draft, labels, roleProfiles, coverage, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const result = actionData && "draft" in actionData ? actionData : null;
  const archiveError = actionData && "archiveError" in actionData ? actionData.archiveError : null;
  const n = (value: number) => formatNumber(value, locale);
  return (
    <>
      <nav className="breadcrumb" aria-label={t("complianceRules.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/pflichtschulungen/regeln">
              {t("complianceRules.title")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{rule.name}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">{t("complianceRules.editPreline")}</p>
        <h1 className="kern-heading-large">{rule.name}</h1>
      </div>
      {rule.archivedAt ? <Alert tone="info" title={t("complianceRules.archive.isArchived", { date: formatDate(rule.archivedAt, locale) })} /> : null}
      {result?.formError ? (
        <Alert tone="danger" title={t(result.formError, { defaultValue: result.formError })}>
          <RuleErrorSummary errors={result.fieldErrors} />
        </Alert>
      ) : null}

      <section className="panel" aria-labelledby="coverage-title">
        <h2 id="coverage-title" className="kern-heading-medium">
          {t("complianceRules.coverageTitle")} ({formatDate(today, locale)})
        </h2>
        <dl className="rule-stats">
          <div className="rule-stat">
            <dt>{t("complianceRules.list.open")}</dt>
            <dd>{n(coverage.open)}</dd>
          </div>
          <div className="rule-stat">
            <dt>{t("complianceRules.list.compliant")}</dt>
            <dd>{n(coverage.compliant)}</dd>
          </div>
          <div className="rule-stat rule-stat--overdue">
            <dt>{t("complianceRules.list.overdue")}</dt>
            <dd>{n(coverage.overdue)}</dd>
          </div>
          <div className="rule-stat">
            <dt>{t("complianceRules.list.dueSoon")}</dt>
            <dd>{n(coverage.dueSoon)}</dd>
          </div>
          <div className="rule-stat">
            <dt>{t("complianceRules.list.rate")}</dt>
            <dd>{coverage.rate === null ? "–" : formatNumber(coverage.rate, locale, { style: "percent", maximumFractionDigits: 0 })}</dd>
          </div>
        </dl>
      </section>

      {rule.archivedAt ? null : (
        <>
          <div className="rule-editor">
            <RuleForm
              key={result?.stamp ?? "stored"}
              draft={result?.draft ?? draft}
              labels={result?.labels ?? labels}
              roleProfiles={roleProfiles}
              errors={result?.fieldErrors}
              search={result?.search ?? null}
            />
            <RulePreview preview={result?.preview ?? null} />
          </div>

          <section className="panel" aria-labelledby="archive-title">
            <h2 id="archive-title" className="kern-heading-medium">
              {t("complianceRules.archive.title")}
            </h2>
            <p>{t("complianceRules.archive.explain")}</p>
            <Form method="post" className="form-stack">
              <input type="hidden" name="intent" value="archive" />
              <div className={archiveError ? "kern-form-check rule-picker--error" : "kern-form-check"}>
                <input
                  className="kern-form-check__checkbox"
                  type="checkbox"
                  id="archive-confirm"
                  name="confirm"
                  aria-describedby={archiveError ? "archive-confirm-error" : undefined}
                  aria-invalid={archiveError ? true : undefined}
                />
                <label className="kern-label" htmlFor="archive-confirm">
                  {t("complianceRules.archive.confirm")}
                </label>
              </div>
              <ErrorList id={archiveError ? "archive-confirm-error" : undefined} errors={archiveError ? [archiveError] : null} />
              <button className="kern-btn kern-btn--secondary" type="submit">
                <span className="kern-label">{t("complianceRules.archive.button")}</span>
              </button>
            </Form>
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
