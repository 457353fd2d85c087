// "Zertifikate prüfen": certificates of e-learning and external trainings that people uploaded,
// for HR development only (leaders do not confirm completions), oldest first. Each item: who,
// which training, the completion date, the file, and two forms: confirm (result, optional
// expiry) or reject (reason required).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { confirmCompletion, listCompletionsForReview, rejectCompletion } from "~/modules/training/completions.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, ErrorList } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { uploadHref, uploadSize } from "~/components/completions-section.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import completionStyles from "~/styles/completions.css";

export const meta: MetaFunction = () => [{ title: "Zertifikate prüfen – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: completionStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:completion:any");
  return run(() => listCompletionsForReview(db, actor));
}

/** The results HR can confirm (the module checks the same list); a value here, not from the server module, because the component renders it in the browser too. */
const CONFIRM_RESULTS = ["PARTICIPATED", "PASSED"] as const;

const DecisionSchema = z.object({
  intent: z.enum(["confirm", "reject"]),
  completionId: z.string().trim().min(1),
});

type ActionResult = { ok: true; intent: "confirm" | "reject"; person: string; training: string } | FormFailure;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:completion:any");
  const formData = await request.formData();
  const parsed = DecisionSchema.safeParse({ intent: formData.get("intent"), completionId: formData.get("completionId") });
  if (!parsed.success) throw new Response("Unvollständige Anfrage", { status: 400 });
  const { intent, completionId } = parsed.data;
  try {
    const done =
      intent === "confirm"
        ? await confirmCompletion(db, actor, { completionId, result: formData.get("result"), expiresOn: formData.get("expiresOn") })
        : await rejectCompletion(db, actor, { completionId, reason: formData.get("reason") });
    return data<ActionResult>({ ok: true, intent, person: done.person, training: done.training });
  } catch (error) {
    return data<ActionResult>(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function ReviewCompletions() {
  const { total, items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <PageHeader title={t("completions.review.title")} intro={t("completions.review.intro")} />
      {actionData?.ok ? <Alert tone="success" title={t(actionData.intent === "confirm" ? "completions.review.confirmed" : "completions.review.rejected", { person: actionData.person, training: actionData.training })} /> : null}
      {failure?.formError && !items.some((i) => i.id === failure.values.completionId) ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      {items.length === 0 ? (
        <section className="panel empty-state" aria-labelledby="review-empty">
          <h2 id="review-empty" className="kern-heading-medium">
            {t("completions.review.count", { count: 0 })}
          </h2>
          <p>{t("completions.review.empty")}</p>
        </section>
      ) : (
        <>
          <p className="result-count" role="status">
            {t("completions.review.count", { count: total })}
            {total > items.length ? ` ${t("completions.review.limited", { shown: items.length })}` : null}
          </p>
          {items.map((item) => {
            const person = `${item.person.firstName} ${item.person.lastName}`;
            const mine = failure && failure.values.completionId === item.id ? failure : null;
            const confirmFailure = mine?.intent === "confirm" ? mine : null;
            const rejectFailure = mine?.intent === "reject" ? mine : null;
            const headingId = `completion-${item.id}`;
            const resultErrors = confirmFailure?.fieldErrors.result;
            const expiryErrors = confirmFailure?.fieldErrors.expiresOn;
            return (
              <article key={item.id} className="panel" aria-labelledby={headingId}>
                <h2 id={headingId} className="kern-heading-small">
                  {t("completions.review.itemTitle", { person, training: item.training.title })}
                </h2>
                {mine?.formError && mine.formError !== "form.checkFields" ? <Alert tone="danger" title={t(mine.formError, { defaultValue: mine.formError })} /> : null}
                <dl className="descriptor-list">
                  <dt>{t("completions.review.person")}</dt>
                  <dd>
                    {person}
                    {item.person.orgUnit ? (
                      <span className="level-descriptor">
                        {item.person.orgUnit.code} {item.person.orgUnit.name}
                      </span>
                    ) : null}
                  </dd>
                  <dt>{t("completions.review.training")}</dt>
                  <dd>
                    <a className="kern-link" href={`/schulungen/${item.training.id}`}>
                      {item.training.title}
                    </a>
                    <span className="level-descriptor">
                      {item.training.code} · {t(`catalogue.format.${item.training.format}`, { defaultValue: item.training.format })}
                      {item.training.provider ? ` · ${item.training.provider}` : ""}
                    </span>
                  </dd>
                  <dt>{t("completions.review.competencies")}</dt>
                  <dd>
                    {item.training.competencies.length
                      ? item.training.competencies.map((c) => t("completions.review.competencyLevel", { code: c.competency.code, name: c.competency.name, level: c.targetLevel })).join("; ")
                      : t("completions.review.noCompetencies")}
                  </dd>
                  <dt>{t("completions.review.completedOn")}</dt>
                  <dd>{formatDate(item.completedAt, locale)}</dd>
                  <dt>{t("completions.review.uploaded")}</dt>
                  <dd>{formatDate(item.createdAt, locale)}</dd>
                  <dt>{t("completions.review.file")}</dt>
                  <dd>
                    <a className="kern-link" href={uploadHref(item.id)} aria-label={t("completions.openUploadLabel", { file: item.uploadFileName ?? "", training: item.training.title, size: uploadSize(item.uploadSizeBytes ?? 0, locale, t) })}>
                      {item.uploadFileName}
                    </a>{" "}
                    <span className="muted">({uploadSize(item.uploadSizeBytes ?? 0, locale, t)})</span>
                  </dd>
                </dl>
                <div className="two-columns">
                  <Form method="post" noValidate aria-labelledby={`confirm-${item.id}`} className="form-stack">
                    <h3 id={`confirm-${item.id}`} className="kern-heading-small">
                      {t("completions.review.confirmTitle")}
                    </h3>
                    <input type="hidden" name="intent" value="confirm" />
                    <input type="hidden" name="completionId" value={item.id} />
                    <div className={resultErrors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
                      <label className="kern-label" htmlFor={`result-${item.id}`}>
                        {t("completions.review.result")}
                      </label>
                      <div className="kern-form-input__select-wrapper">
                        <select
                          className="kern-form-input__select"
                          id={`result-${item.id}`}
                          name="result"
                          defaultValue={confirmFailure?.values.result ?? "PARTICIPATED"}
                          aria-invalid={resultErrors?.length ? true : undefined}
                          aria-describedby={resultErrors?.length ? `result-${item.id}-error` : undefined}
                        >
                          {CONFIRM_RESULTS.map((value) => (
                            <option key={value} value={value}>
                              {t(`completions.result.${value}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <ErrorList id={`result-${item.id}-error`} errors={resultErrors} />
                    </div>
                    <div className={expiryErrors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
                      <label className="kern-label" htmlFor={`expires-${item.id}`}>
                        {t("completions.review.expiresOn")}
                      </label>
                      <div className="kern-hint" id={`expires-${item.id}-hint`}>
                        {t("completions.review.expiresOnHint")}
                      </div>
                      <input
                        className={expiryErrors?.length ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
                        type="date"
                        id={`expires-${item.id}`}
                        name="expiresOn"
                        defaultValue={confirmFailure?.values.expiresOn ?? ""}
                        aria-invalid={expiryErrors?.length ? true : undefined}
                        aria-describedby={[`expires-${item.id}-hint`, expiryErrors?.length ? `expires-${item.id}-error` : null].filter(Boolean).join(" ")}
                      />
                      <ErrorList id={`expires-${item.id}-error`} errors={expiryErrors} />
                    </div>
                    <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
                      <span className="kern-label">{t("completions.review.confirm")}</span>
                    </button>
                  </Form>
                  <Form method="post" noValidate aria-labelledby={`reject-${item.id}`} className="form-stack">
                    <h3 id={`reject-${item.id}`} className="kern-heading-small">
                      {t("completions.review.rejectTitle")}
                    </h3>
                    <input type="hidden" name="intent" value="reject" />
                    <input type="hidden" name="completionId" value={item.id} />
                    <TextAreaField
                      id={`reject-reason-${item.id}`}
                      name="reason"
                      label={t("completions.review.reason")}
                      hint={t("completions.review.reasonHint")}
                      defaultValue={rejectFailure?.values.reason ?? ""}
                      errors={rejectFailure?.fieldErrors.reason}
                      rows={2}
                    />
                    <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                      <span className="kern-label">{t("completions.review.reject")}</span>
                    </button>
                  </Form>
                </div>
              </article>
            );
          })}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
