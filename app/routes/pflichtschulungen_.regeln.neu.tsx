import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EMPTY_DRAFT } from "~/modules/compliance/rule-form.ts";
import { listRoleProfileOptions, requireRuleReader } from "~/modules/compliance/rules.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { ruleFormAction } from "~/utils/compliance-rule-actions.server.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { RuleErrorSummary, RuleForm, RulePreview } from "~/components/compliance-rule-form.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import rulesStyles from "~/styles/compliance-rules.css";

export const meta: MetaFunction = () => [{ title: "Neue Pflichtschulungs-Regel – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: rulesStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:compliancerule:any");
  await run(async () => requireRuleReader(actor));
  return { roleProfiles: await listRoleProfileOptions(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:compliancerule:any");
  const answer = await ruleFormAction(actor, await request.formData());
  if ("redirect" in answer) return answer.redirect;
  return data(answer.result, { status: answer.status });
}

const NO_LABELS = { trainings: [], units: [], positions: [], persons: [] };

export default function NewComplianceRulePage() {
  const { roleProfiles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
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
            <span aria-current="page">{t("complianceRules.newTitle")}</span>
          </li>
        </ol>
      </nav>
      <PageHeader title={t("complianceRules.newTitle")} intro={t("complianceRules.newIntro")} />
      {result?.formError ? (
        <Alert tone="danger" title={t(result.formError, { defaultValue: result.formError })}>
          <RuleErrorSummary errors={result.fieldErrors} />
        </Alert>
      ) : null}
      <div className="rule-editor">
        <RuleForm
          key={result?.stamp ?? "initial"}
          draft={result?.draft ?? EMPTY_DRAFT}
          labels={result?.labels ?? NO_LABELS}
          roleProfiles={roleProfiles}
          errors={result?.fieldErrors}
          search={result?.search ?? null}
        />
        <RulePreview preview={result?.preview ?? null} />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
