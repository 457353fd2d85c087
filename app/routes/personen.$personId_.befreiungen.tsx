import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPersonExemptions, grantExemption, revokeExemption } from "~/modules/compliance/life-events.server.ts";
import { addDays } from "~/modules/compliance/days.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, Field } from "~/components/forms.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { ChoiceField, PersonBreadcrumb, SubmitButton } from "~/components/life-event-fields.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Befreiungen: ${data.person.firstName} ${data.person.lastName} – Lernreise` : "Befreiungen – Lernreise" },
];

/** HR development only; the module checks again and audits the read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:exemption:any");
  return run(() => getPersonExemptions(db, actor, params.personId ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Granting needs create:exemption:any, revoking update:exemption:any (checked by the module).
  const actor = await requireUserWithPermission(request, "create:exemption:any");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent !== "grant" && intent !== "revoke") throw new Response("Unbekannte Aktion", { status: 400 });
  const input = { ...Object.fromEntries(formData), personId: params.personId ?? "" };
  try {
    if (intent === "grant") await grantExemption(db, actor, input);
    else await revokeExemption(db, actor, input);
    return { ok: true as const, intent, message: intent === "grant" ? "lifeEvents.saved.grant" : "lifeEvents.saved.revoke", at: Date.now() };
  } catch (error) {
    return data(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function PersonExemptionsPage() {
  const { person, active, past, rules, today, maxUntil } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  const errors = failure?.intent === "grant" ? failure.fieldErrors : {};
  const values = failure?.intent === "grant" ? failure.values : {};
  const revokeErrors = failure?.intent === "revoke" ? failure.fieldErrors : {};
  const name = `${person.firstName} ${person.lastName}`;
  const granted = (e: (typeof active)[number]) => (e.grantedBy ? t("lifeEvents.exemptions.grantedBy", { date: formatDate(e.grantedOn, locale), name: e.grantedBy }) : formatDate(e.grantedOn, locale));

  return (
    <>
      <PersonBreadcrumb person={person} current={t("lifeEvents.exemptions.title")} />
      <div className="page-header">
        <h1 className="kern-heading-large">{t("lifeEvents.exemptions.titleOf", { name })}</h1>
        <p className="kern-body">{t("lifeEvents.exemptions.intro")}</p>
      </div>
      {actionData?.ok ? <Alert tone="success" title={t(actionData.message)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      {revokeErrors.exemptionId ? <Alert tone="danger" title={t(revokeErrors.exemptionId[0]!)} /> : null}

      <section className="panel" aria-labelledby="ex-active">
        <h2 id="ex-active" className="kern-heading-medium">
          {t("lifeEvents.exemptions.active")}
        </h2>
        {active.length === 0 ? (
          <p className="kern-body muted">{t("lifeEvents.exemptions.activeEmpty")}</p>
        ) : (
          <div className="kern-table-responsive">
            <table className="kern-table">
              <caption className="kern-sr-only">{t("lifeEvents.exemptions.active")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("lifeEvents.exemptions.rule")}</th>
                  <th scope="col">{t("lifeEvents.exemptions.validUntil")}</th>
                  <th scope="col">{t("lifeEvents.exemptions.reason")}</th>
                  <th scope="col">{t("lifeEvents.exemptions.granted")}</th>
                  <th scope="col">{t("lifeEvents.exemptions.actions")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {active.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      {e.rule.name}
                      {e.rule.archived ? <span className="muted"> {t("lifeEvents.exemptions.archived")}</span> : null}
                    </th>
                    <td>{formatDate(e.validUntil, locale)}</td>
                    <td>{e.reason}</td>
                    <td>{granted(e)}</td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="exemptionId" value={e.id} />
                        <SubmitButton tone="secondary" size="x-small">
                          {t("lifeEvents.exemptions.revoke")}
                          <span className="kern-sr-only"> {e.rule.name}</span>
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="ex-grant">
        <h2 id="ex-grant" className="kern-heading-medium">
          {t("lifeEvents.exemptions.grantTitle")}
        </h2>
        {rules.length === 0 ? (
          <p className="kern-body muted">{t("lifeEvents.exemptions.noRules")}</p>
        ) : (
          <Form method="post" key={actionData?.ok ? String(actionData.at) : "grant"}>
            <input type="hidden" name="intent" value="grant" />
            <ChoiceField
              label={t("lifeEvents.exemptions.rule")}
              errors={errors.ruleId}
              options={[{ value: "", label: t("lifeEvents.exemptions.chooseRule") }, ...rules.map((r) => ({ value: r.id, label: r.name }))]}
              selectProps={{ id: "ruleId", name: "ruleId", defaultValue: values.ruleId ?? "" }}
            />
            <TextAreaField id="reason" name="reason" label={t("lifeEvents.exemptions.reason")} hint={t("lifeEvents.exemptions.reasonHint")} errors={errors.reason} defaultValue={values.reason ?? ""} />
            <Field
              label={t("lifeEvents.exemptions.validUntil")}
              hint={t("lifeEvents.exemptions.untilHint", { date: formatDate(maxUntil, locale) })}
              errors={errors.validUntil}
              inputProps={{ id: "validUntil", name: "validUntil", type: "date", min: addDays(today, 1), max: maxUntil, defaultValue: values.validUntil ?? "" }}
            />
            <SubmitButton>{t("lifeEvents.exemptions.submit")}</SubmitButton>
          </Form>
        )}
      </section>

      <section className="panel" aria-labelledby="ex-past">
        <h2 id="ex-past" className="kern-heading-medium">
          {t("lifeEvents.exemptions.past")}
        </h2>
        {past.length === 0 ? (
          <p className="kern-body muted">{t("lifeEvents.exemptions.pastEmpty")}</p>
        ) : (
          <div className="kern-table-responsive">
            <table className="kern-table">
              <caption className="kern-sr-only">{t("lifeEvents.exemptions.past")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("lifeEvents.exemptions.rule")}</th>
                  <th scope="col">{t("lifeEvents.exemptions.validUntil")}</th>
                  <th scope="col">{t("lifeEvents.exemptions.reason")}</th>
                  <th scope="col">{t("lifeEvents.exemptions.granted")}</th>
                  <th scope="col">{t("lifeEvents.exemptions.state")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {past.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      {e.rule.name}
                      {e.rule.archived ? <span className="muted"> {t("lifeEvents.exemptions.archived")}</span> : null}
                    </th>
                    <td>{formatDate(e.validUntil, locale)}</td>
                    <td>{e.reason}</td>
                    <td>{granted(e)}</td>
                    <td>
                      {e.revokedOn
                        ? e.revokedBy
                          ? t("lifeEvents.exemptions.revokedBy", { date: formatDate(e.revokedOn, locale), name: e.revokedBy })
                          : t("lifeEvents.exemptions.revoked", { date: formatDate(e.revokedOn, locale) })
                        : t("lifeEvents.exemptions.expired")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p>
        <Link className="kern-link" to={`/personen/${person.id}`}>
          {t("lifeEvents.exemptions.backToPerson")}
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
