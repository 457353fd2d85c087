// "Nachweise prüfen": pending evidence for a leader (their team) or HR development (everyone),
// oldest first. Each item: who, which competency, the claimed level with its descriptor, the
// file, and two forms: accept (at the claimed or another level) or reject (reason required).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { acceptEvidence, listEvidenceForReview, rejectEvidence } from "~/modules/assessment/evidence.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, ErrorList } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { levelText } from "~/components/level-choice.tsx";
import { fileSize } from "~/components/evidence-section.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Nachweise prüfen – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:evidence:team");
  return run(() => listEvidenceForReview(db, actor));
}

const DecisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("accept"),
    evidenceId: z.string().min(1),
    level: z.coerce.number({ error: "evidence.levelOutOfRange" }).int({ error: "evidence.levelOutOfRange" }),
    note: z.string().max(1000, { error: "evidence.noteTooLong" }).default(""),
  }),
  z.object({
    intent: z.literal("reject"),
    evidenceId: z.string().min(1),
    reason: z.string().default(""),
  }),
]);

type ActionResult = { ok: true; intent: "accept" | "reject"; person: string } | FormFailure;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:evidence:team");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent !== "accept" && intent !== "reject") throw new Response("Unbekannte Aktion", { status: 400 });
  const parsed = DecisionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    if (!formData.get("evidenceId")) throw new Response("Nachweis fehlt", { status: 400 });
    return data<ActionResult>(zodFailure(intent, parsed.error, formData), { status: 400 });
  }
  const input = parsed.data;
  try {
    const { person } =
      input.intent === "accept"
        ? await acceptEvidence(db, actor, { evidenceId: input.evidenceId, level: input.level, note: input.note })
        : await rejectEvidence(db, actor, { evidenceId: input.evidenceId, reason: input.reason });
    return data<ActionResult>({ ok: true, intent: input.intent, person: `${person.firstName} ${person.lastName}` });
  } catch (error) {
    return data<ActionResult>(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function ReviewEvidence() {
  const { access, total, items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  const busy = navigation.state === "submitting";
  return (
    <>
      <PageHeader title={t("evidence.review.title")} intro={access === "any" ? t("evidence.review.introAny") : t("evidence.review.introTeam")} />
      {actionData?.ok ? <Alert tone="success" title={t(actionData.intent === "accept" ? "evidence.review.accepted" : "evidence.review.rejected", { person: actionData.person })} /> : null}
      {failure?.formError && !items.some((i) => i.id === failure.values.evidenceId) ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      {items.length === 0 ? (
        <section className="panel empty-state" aria-labelledby="review-empty">
          <h2 id="review-empty" className="kern-heading-medium">
            {t("evidence.review.count", { count: 0 })}
          </h2>
          <p>{t("evidence.review.empty")}</p>
        </section>
      ) : (
        <>
          <p className="result-count" role="status">
            {t("evidence.review.count", { count: total })}
            {total > items.length ? ` ${t("evidence.review.limited", { shown: items.length })}` : null}
          </p>
          {items.map((item) => {
            const levels = item.competency.framework.scale.levels;
            const person = `${item.person.firstName} ${item.person.lastName}`;
            const descriptor = item.competency.descriptors.find((d) => d.ordinal === item.level)?.text;
            const mine = failure && failure.values.evidenceId === item.id ? failure : null;
            const acceptFailure = mine?.intent === "accept" ? mine : null;
            const rejectFailure = mine?.intent === "reject" ? mine : null;
            const headingId = `evidence-${item.id}`;
            const levelId = `accept-level-${item.id}`;
            const levelErrors = acceptFailure?.fieldErrors.level;
            return (
              <article key={item.id} className="panel" aria-labelledby={headingId}>
                <h2 id={headingId} className="kern-heading-small">
                  {t("evidence.review.itemTitle", { person, title: item.title })}
                </h2>
                {mine?.formError ? <Alert tone="danger" title={t(mine.formError, { defaultValue: mine.formError })} /> : null}
                <dl className="descriptor-list">
                  <dt>{t("evidence.review.person")}</dt>
                  <dd>
                    {person}
                    {item.person.orgUnit ? (
                      <span className="level-descriptor">
                        {item.person.orgUnit.code} {item.person.orgUnit.name}
                      </span>
                    ) : null}
                  </dd>
                  <dt>{t("evidence.review.competency")}</dt>
                  <dd>
                    {item.competency.code} {item.competency.name}
                    <span className="level-descriptor">{item.competency.framework.name}</span>
                  </dd>
                  <dt>{t("evidence.review.claimedLevel")}</dt>
                  <dd>
                    <strong>{levelText(levels, item.level)}</strong>
                    <span className="level-descriptor">{descriptor ?? t("evidence.review.noDescriptor")}</span>
                  </dd>
                  <dt>{t("evidence.review.uploaded")}</dt>
                  <dd>{formatDate(item.createdAt, locale)}</dd>
                  <dt>{t("evidence.review.fileLabel")}</dt>
                  <dd>
                    <a className="kern-link" href={`/nachweise/${item.id}/datei`} aria-label={t("evidence.downloadLabel", { file: item.fileName, size: fileSize(item.sizeBytes, locale, t) })}>
                      {item.fileName}
                    </a>{" "}
                    <span className="muted">({fileSize(item.sizeBytes, locale, t)})</span>
                  </dd>
                </dl>
                <div className="two-columns">
                  <Form method="post" noValidate aria-labelledby={`accept-${item.id}`}>
                    <h3 id={`accept-${item.id}`} className="kern-heading-small">
                      {t("evidence.review.acceptTitle")}
                    </h3>
                    <input type="hidden" name="intent" value="accept" />
                    <input type="hidden" name="evidenceId" value={item.id} />
                    <div className={levelErrors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
                      <label className="kern-label" htmlFor={levelId}>
                        {t("evidence.review.acceptLevel")}
                      </label>
                      <div className="kern-hint" id={`${levelId}-hint`}>
                        {t("evidence.review.acceptLevelHint")}
                      </div>
                      <div className="kern-form-input__select-wrapper">
                        <select
                          className="kern-form-input__select"
                          id={levelId}
                          name="level"
                          defaultValue={acceptFailure?.values.level ?? String(item.level)}
                          aria-describedby={[`${levelId}-hint`, levelErrors?.length ? `${levelId}-error` : null].filter(Boolean).join(" ")}
                          aria-invalid={levelErrors?.length ? true : undefined}
                        >
                          {levels.map((l) => (
                            <option key={l.ordinal} value={l.ordinal}>
                              {levelText(levels, l.ordinal)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <ErrorList id={`${levelId}-error`} errors={levelErrors} />
                    </div>
                    <TextAreaField id={`accept-note-${item.id}`} name="note" label={t("evidence.review.acceptNote")} defaultValue={acceptFailure?.values.note ?? ""} errors={acceptFailure?.fieldErrors.note} rows={2} />
                    <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
                      <span className="kern-label">{t("evidence.review.accept")}</span>
                    </button>
                  </Form>
                  <Form method="post" noValidate aria-labelledby={`reject-${item.id}`}>
                    <h3 id={`reject-${item.id}`} className="kern-heading-small">
                      {t("evidence.review.rejectTitle")}
                    </h3>
                    <input type="hidden" name="intent" value="reject" />
                    <input type="hidden" name="evidenceId" value={item.id} />
                    <TextAreaField
                      id={`reject-reason-${item.id}`}
                      name="reason"
                      label={t("evidence.review.reason")}
                      hint={t("evidence.review.reasonHint")}
                      defaultValue={rejectFailure?.values.reason ?? ""}
                      errors={rejectFailure?.fieldErrors.reason}
                      rows={2}
                    />
                    <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                      <span className="kern-label">{t("evidence.review.reject")}</span>
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
