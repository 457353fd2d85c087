// Answering one feedback request: the questionnaire (and, where the questionnaire asks for it, a
// before/after self-rating of the training's target competencies). Only the request's person may
// open it — for anyone else it does not exist (404). Answered or expired requests show a message;
// after an answered transfer check the person may propose new levels to their leader (separate,
// not anonymous).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFeedbackForm, submitFeedback } from "~/modules/feedback/responses.server.ts";
import { getProposalForm, proposeLevels } from "~/modules/feedback/level-proposals.server.ts";
import { ValidationError } from "~/modules/errors.ts";
import { hasPermission } from "~/modules/auth/permissions.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, ErrorList } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { allValuesOf, FeedbackGainField, FeedbackItemField, useFeedbackRequestTitle, type KeptValues } from "~/components/feedback-form.tsx";

export const meta: MetaFunction = () => [{ title: "Feedback geben – Lernreise" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:feedback:own");
  const requestId = params.requestId ?? "";
  const form = await run(() => getFeedbackForm(db, actor, requestId));
  const proposal = form.request.state === "answered" && form.request.kind === "TRANSFER_PARTICIPANT" ? await run(() => getProposalForm(db, actor, requestId)) : null;
  return { ...form, proposal };
}

type Failure = { ok: false; intent: "answer" | "propose"; formError: string; fieldErrors: Record<string, string[]>; values: KeptValues };
type ActionResult = Failure | { ok: true; intent: "propose"; leaderNotified: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:feedback:own");
  const requestId = params.requestId ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const values = allValuesOf(formData);
  if (intent === "answer") {
    try {
      await submitFeedback(db, actor, requestId, values);
    } catch (error) {
      if (error instanceof ValidationError) return data<ActionResult>({ ok: false, intent, formError: error.message, fieldErrors: error.fieldErrors, values }, { status: 400 });
      return run(() => Promise.reject(error));
    }
    throw redirect(`/feedback/${requestId}?danke=1`);
  }
  if (intent === "propose") {
    if (!hasPermission(actor.roles, "create:levelproposal:own")) throw new Response("Keine Berechtigung", { status: 403 });
    try {
      const done = await proposeLevels(db, actor, requestId, values);
      return data<ActionResult>({ ok: true, intent, leaderNotified: done.leaderNotified });
    } catch (error) {
      if (error instanceof ValidationError) return data<ActionResult>({ ok: false, intent, formError: error.message, fieldErrors: error.fieldErrors, values }, { status: 400 });
      return run(() => Promise.reject(error));
    }
  }
  throw new Response("Unbekannte Aktion", { status: 400 });
}

export default function AnswerFeedback() {
  const { request, subject, questionnaire, items, gains, proposal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const title = useFeedbackRequestTitle()({ kind: request.kind, training: request.training, subject });
  const failure = actionData && !actionData.ok ? actionData : null;
  const answerFailure = failure?.intent === "answer" ? failure : null;
  const proposeFailure = failure?.intent === "propose" ? failure : null;
  const kept = answerFailure?.values ?? null;
  return (
    <>
      <PageHeader title={title} intro={request.state === "open" ? questionnaire.description || undefined : undefined} />
      {request.state === "answered" ? (
        <Alert tone={params.get("danke") ? "success" : "info"} title={t(params.get("danke") ? "feedback.answer.thanks" : "feedback.answer.alreadyAnswered")} />
      ) : null}
      {request.state === "expired" ? <Alert tone="warning" title={t("feedback.answer.expired")} /> : null}
      {answerFailure && request.state === "open" ? <Alert tone="danger" title={answerFailure.formError} /> : null}
      {request.state === "open" ? (
        <Form method="post" noValidate className="form-stack" aria-labelledby="feedback-form-title">
          <h2 id="feedback-form-title" className="kern-heading-medium">
            {questionnaire.title}
          </h2>
          {subject ? <p>{t("feedback.answer.about", { person: subject })}</p> : null}
          <p className="kern-hint">{request.kind === "TRANSFER_LEADER" ? t("feedback.answer.leaderNote") : t("feedback.answer.anonymous")}</p>
          <p>
            {t("feedback.answer.answerBy", { date: formatDate(request.answerBy, locale) })} {items.some((i) => i.required) ? t("feedback.answer.requiredNote") : null}
          </p>
          <input type="hidden" name="intent" value="answer" />
          {items.map((item) => (
            <FeedbackItemField key={item.id} item={item} kept={kept} errors={answerFailure?.fieldErrors[`item-${item.id}`]} />
          ))}
          {gains.length > 0 ? (
            <section aria-labelledby="feedback-gain-title">
              <h3 id="feedback-gain-title" className="kern-heading-small">
                {t("feedback.answer.gainTitle")}
              </h3>
              <p className="kern-hint">{t("feedback.answer.gainIntro")}</p>
              {gains.map((g) => (
                <FeedbackGainField key={g.lineageId} gain={g} kept={kept} fieldErrors={answerFailure?.fieldErrors ?? {}} />
              ))}
            </section>
          ) : null}
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">{t("feedback.answer.submit")}</span>
          </button>
        </Form>
      ) : null}
      {proposal ? (
        <section className="panel" id="stufe" aria-labelledby="proposal-title">
          <h2 id="proposal-title" className="kern-heading-medium">
            {t("feedback.proposal.title")}
          </h2>
          <p>{t("feedback.proposal.intro", { training: proposal.training.title })}</p>
          {actionData?.ok && actionData.intent === "propose" ? <Alert tone="success" title={t(actionData.leaderNotified ? "feedback.proposal.sent" : "feedback.proposal.sentNoLeader")} /> : null}
          {proposeFailure ? <Alert tone="danger" title={proposeFailure.formError} /> : null}
          <Form method="post" noValidate className="form-stack">
            <input type="hidden" name="intent" value="propose" />
            {proposal.competencies.map((c) => {
              const name = `level-${c.lineageId}`;
              const errors = proposeFailure?.fieldErrors[name];
              const chosen = proposeFailure?.values[name]?.[0] ?? "";
              const hintId = `${name}-hint`;
              return (
                <fieldset key={c.lineageId} className="kern-fieldset" aria-describedby={[hintId, errors?.length ? `${name}-error` : null].filter(Boolean).join(" ")} disabled={c.pending !== null}>
                  <legend className="kern-label">
                    {t("feedback.proposal.competency", { code: c.code, name: c.name })} – {t("feedback.proposal.level")}
                  </legend>
                  <div className="kern-hint" id={hintId}>
                    {c.current === null ? t("feedback.proposal.noCurrent") : t("feedback.proposal.current", { level: c.current })} · {t("feedback.proposal.target", { level: c.targetLevel })}
                    {c.pending !== null ? ` · ${t("feedback.proposal.pending", { level: c.pending })}` : ""}
                  </div>
                  <div className="kern-fieldset__body">
                    <div className="kern-form-check">
                      <input className="kern-form-check__radio" type="radio" id={`${name}-none`} name={name} value="" defaultChecked={chosen === ""} />
                      <label className="kern-label" htmlFor={`${name}-none`}>
                        {t("feedback.proposal.noProposal")}
                      </label>
                    </div>
                    {c.levels.map((l) => (
                      <div className="kern-form-check" key={l.ordinal}>
                        <input className="kern-form-check__radio" type="radio" id={`${name}-${l.ordinal}`} name={name} value={String(l.ordinal)} defaultChecked={chosen === String(l.ordinal)} />
                        <label className="kern-label" htmlFor={`${name}-${l.ordinal}`}>
                          {l.ordinal} – {l.label}
                        </label>
                      </div>
                    ))}
                  </div>
                  <ErrorList id={`${name}-error`} errors={errors} />
                </fieldset>
              );
            })}
            <TextAreaField id="proposal-note" name="note" label={t("feedback.proposal.note")} defaultValue={proposeFailure?.values.note?.[0] ?? ""} errors={proposeFailure?.fieldErrors.note} rows={2} />
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
              <span className="kern-label">{t("feedback.proposal.submit")}</span>
            </button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link className="kern-link" to="/feedback">
          {t("feedback.answer.back")}
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
