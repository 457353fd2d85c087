// One learning journey: header (status in words, goal, time frame, progress), phases and steps
// (status, due day, overdue marker, competency and level, "Warum dieser Schritt?", links),
// editing while a draft or proposed, workflow buttons by role, step status, the owner's
// reflection (never shown to others), comments and history, and the frozen record once completed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getJourney, journeyEditorOptions } from "~/modules/journeys/journeys.server.ts";
import { addPhase, addStep, movePhase, moveStep, removePhase, removeStep, renamePhase, updateJourneyMeta, updateStep } from "~/modules/journeys/journey-editor.server.ts";
import { agreeJourney, cancelJourney, commentJourney, completeJourney, proposeJourney, sendBackJourney, setStepStatus, startJourney, writeReflection } from "~/modules/journeys/journey-workflow.server.ts";
import { listPositionOptions } from "~/modules/org/org.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate, formatDateTime } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { PageHeader } from "~/components/page.tsx";
import { Alert, ErrorList, Field } from "~/components/forms.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { JourneyProgress } from "~/components/journey-progress.tsx";
import { JourneyDue } from "~/components/journey-list.tsx";
import { JourneyMetaForm } from "~/components/journey-meta-form.tsx";
import { JourneyStepForm, type StepValues } from "~/components/journey-step-form.tsx";
import { JourneyCalendarLink } from "~/components/journey-calendar-link.tsx";
import { JourneyUnclosableGaps, type UnclosableGapView } from "~/components/journey-unclosable-gaps.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.journey.title} – Lernreise` : "Lernreise" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:own");
  const view = await run(() => getJourney(db, actor, params.journeyId ?? ""));
  const [options, positions] = view.flags.canEdit ? await Promise.all([journeyEditorOptions(db), listPositionOptions(db)]) : [null, []];
  return { ...view, options, positions };
}

type ActionResult = { ok: true; intent: string } | FormFailure;

const INTENTS = ["meta", "addPhase", "renamePhase", "movePhase", "removePhase", "addStep", "updateStep", "moveStep", "removeStep", "propose", "sendBack", "agree", "start", "stepStatus", "reflection", "comment", "complete", "cancel"] as const;
type Intent = (typeof INTENTS)[number];

function stepInput(formData: FormData) {
  const field = (name: string) => String(formData.get(name) ?? "");
  const [trainingId = "", sessionId = ""] = field("training").split(":");
  return {
    phaseId: field("phaseId"),
    kind: field("kind") as "READING",
    title: field("title"),
    description: field("description"),
    url: field("url"),
    trainingId,
    sessionId,
    competencyId: field("competencyId"),
    targetLevel: field("targetLevel"),
    dueOn: field("dueOn"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:own");
  const journeyId = params.journeyId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  if (!INTENTS.includes(intent)) throw new Response("Unbekannte Aktion", { status: 400 });
  const field = (name: string) => String(formData.get(name) ?? "");
  const direction = field("direction") === "up" ? "up" : "down";
  try {
    switch (intent) {
      case "meta":
        await updateJourneyMeta(db, actor, journeyId, { title: field("title"), goalKind: field("goalKind") as "FREE", goalText: field("goalText"), targetPositionId: field("targetPositionId"), startsOn: field("startsOn"), endsOn: field("endsOn") });
        break;
      case "addPhase":
        await addPhase(db, actor, journeyId, { title: field("title") });
        break;
      case "renamePhase":
        await renamePhase(db, actor, journeyId, field("phaseId"), { title: field("title") });
        break;
      case "movePhase":
        await movePhase(db, actor, journeyId, field("phaseId"), direction);
        break;
      case "removePhase":
        await removePhase(db, actor, journeyId, field("phaseId"));
        break;
      case "addStep":
        await addStep(db, actor, journeyId, stepInput(formData));
        break;
      case "updateStep":
        await updateStep(db, actor, journeyId, field("stepId"), stepInput(formData));
        break;
      case "moveStep":
        await moveStep(db, actor, journeyId, field("stepId"), direction);
        break;
      case "removeStep":
        await removeStep(db, actor, journeyId, field("stepId"));
        break;
      case "propose":
        await proposeJourney(db, actor, journeyId);
        break;
      case "sendBack":
        await sendBackJourney(db, actor, journeyId, { comment: field("comment") });
        break;
      case "agree":
        await agreeJourney(db, actor, journeyId, { comment: field("comment") });
        break;
      case "start":
        await startJourney(db, actor, journeyId);
        break;
      case "stepStatus":
        await setStepStatus(db, actor, journeyId, { stepId: field("stepId"), status: field("status"), skipReason: field("skipReason") });
        break;
      case "reflection":
        await writeReflection(db, actor, journeyId, { stepId: field("stepId"), reflection: field("reflection") });
        break;
      case "comment":
        await commentJourney(db, actor, journeyId, { comment: field("comment") });
        break;
      case "complete":
        await completeJourney(db, actor, journeyId);
        break;
      case "cancel":
        await cancelJourney(db, actor, journeyId, { reason: field("reason") });
        break;
    }
    return data<ActionResult>({ ok: true, intent });
  } catch (error) {
    return data<ActionResult>(domainFailure(intent, error, formData), { status: 400 });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type StepView = LoaderData["phases"][number]["steps"][number];

function SmallButton({ intent, label, hidden, tone = "secondary", ariaLabel }: { intent: string; label: string; hidden?: Record<string, string>; tone?: "primary" | "secondary" | "tertiary"; ariaLabel?: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`kern-btn kern-btn--${tone}`} aria-label={ariaLabel}>
        <span className="kern-label">{label}</span>
      </button>
    </Form>
  );
}

function StepLinks({ step }: { step: StepView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="journey-step-links">
      {step.training ? (
        <li>
          <Link className="kern-link" to={`/schulungen/${step.training.id}`}>
            {t("journeys.step.trainingLink", { title: step.training.title })}
          </Link>
        </li>
      ) : null}
      {step.session ? (
        <li>
          <Link className="kern-link" to={`/schulungen/termine/${step.session.id}`}>
            {t("journeys.step.sessionLink", { date: formatDateTime(step.session.startsAt, locale) })}
          </Link>
          {step.enrolmentStatus ? (
            <>
              {" · "}
              <Link className="kern-link" to="/anmeldungen">
                {t("journeys.step.enrolment", { status: t(`enrolment.status.${step.enrolmentStatus}`) })}
              </Link>
            </>
          ) : null}
        </li>
      ) : step.kind === "TRAINING" && step.training && step.status !== "DONE" && step.status !== "SKIPPED" ? (
        <li>
          <Link className="kern-link" to={`/schulungen/${step.training.id}`}>
            {t("journeys.step.chooseDate")}
          </Link>
        </li>
      ) : null}
      {step.url ? (
        <li>
          <a className="kern-link" href={step.url} rel="noreferrer noopener" target="_blank">
            {t(step.kind === "ELEARNING" ? "journeys.step.openElearning" : "journeys.step.openLink")}
            <span className="kern-sr-only"> {t("journeys.step.newWindow")}</span>
          </a>
        </li>
      ) : null}
    </ul>
  );
}

function StepItem({ step, view, failure }: { step: StepView; view: LoaderData; failure: FormFailure | null }) {
  const { t } = useTranslation();
  const mine = failure && failure.values.stepId === step.id ? failure : null;
  const headingId = `step-${step.id}-title`;
  return (
    <li id={`step-${step.id}`} className="journey-step panel">
      <article aria-labelledby={headingId}>
        <h4 id={headingId} className="kern-heading-small">
          {step.title} <span className="muted">({t(`journeys.stepKind.${step.kind}`)})</span>
        </h4>
        {mine?.formError ? <Alert tone="danger" title={t(mine.formError, { defaultValue: mine.formError })} /> : null}
        <dl className="descriptor-list">
          <dt>{t("journeys.step.status")}</dt>
          <dd>
            <strong>{t(`journeys.stepStatus.${step.status}`)}</strong>
            {step.status === "SKIPPED" && step.skipReason ? ` – ${step.skipReason}` : null}
          </dd>
          <dt>{t("journeys.step.dueOn")}</dt>
          <dd>
            <JourneyDue dueOn={step.dueOn} overdue={step.overdue} />
          </dd>
          {step.competency ? (
            <>
              <dt>{t("journeys.step.competency")}</dt>
              <dd>
                {step.competency.code} {step.competency.name}
                {step.targetLevel !== null ? ` – ${t("journeys.step.targetLevelText", { level: step.targetLevel })}` : null}
              </dd>
            </>
          ) : null}
          {step.description ? (
            <>
              <dt>{t("journeys.step.description")}</dt>
              <dd>{step.description}</dd>
            </>
          ) : null}
          {step.rationale ? (
            <>
              <dt>{t("journeys.step.why")}</dt>
              <dd>{step.rationale}</dd>
            </>
          ) : null}
          {!view.isOwner && step.hasReflection ? (
            <>
              <dt>{t("journeys.reflection.title")}</dt>
              <dd>{t("journeys.reflection.exists")}</dd>
            </>
          ) : null}
        </dl>
        <StepLinks step={step} />
        {view.flags.canSetStepStatus ? (
          <Form method="post" noValidate className="journey-step-status">
            <input type="hidden" name="intent" value="stepStatus" />
            <input type="hidden" name="stepId" value={step.id} />
            <fieldset className="kern-fieldset">
              <legend className="kern-label">{t("journeys.step.setStatus", { title: step.title })}</legend>
              <div className="kern-fieldset__body">
                {(["OPEN", "IN_PROGRESS", "DONE", "SKIPPED"] as const).map((s) => (
                  <div className="kern-form-check" key={s}>
                    <input className="kern-form-check__radio" type="radio" id={`status-${step.id}-${s}`} name="status" value={s} defaultChecked={step.status === s} />
                    <label className="kern-label" htmlFor={`status-${step.id}-${s}`}>
                      {t(`journeys.stepStatus.${s}`)}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <Field
              label={t("journeys.step.skipReason")}
              hint={t("journeys.step.skipReasonHint")}
              errors={mine?.intent === "stepStatus" ? mine.fieldErrors.skipReason : null}
              inputProps={{ id: `skip-${step.id}`, name: "skipReason", defaultValue: mine?.values.skipReason ?? step.skipReason }}
            />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("journeys.step.saveStatus")}</span>
            </button>
          </Form>
        ) : null}
        {view.isOwner && (step.kind === "REFLECTION" || step.reflection) && view.flags.canReflect ? (
          <Form method="post" noValidate className="journey-reflection">
            <input type="hidden" name="intent" value="reflection" />
            <input type="hidden" name="stepId" value={step.id} />
            <TextAreaField
              label={t("journeys.reflection.label")}
              hint={t("journeys.reflection.hint")}
              id={`reflection-${step.id}`}
              name="reflection"
              rows={4}
              defaultValue={mine?.intent === "reflection" ? mine.values.reflection : (step.reflection ?? "")}
              errors={mine?.intent === "reflection" ? mine.fieldErrors.reflection : null}
            />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("journeys.reflection.save")}</span>
            </button>
          </Form>
        ) : null}
        {view.flags.canEdit && view.options ? (
          <div className="journey-step-edit">
            <div className="button-row">
              <SmallButton intent="moveStep" label={t("journeys.edit.up")} ariaLabel={t("journeys.edit.stepUp", { title: step.title })} hidden={{ stepId: step.id, direction: "up" }} tone="tertiary" />
              <SmallButton intent="moveStep" label={t("journeys.edit.down")} ariaLabel={t("journeys.edit.stepDown", { title: step.title })} hidden={{ stepId: step.id, direction: "down" }} tone="tertiary" />
              <SmallButton intent="removeStep" label={t("journeys.edit.remove")} ariaLabel={t("journeys.edit.removeStep", { title: step.title })} hidden={{ stepId: step.id }} tone="tertiary" />
            </div>
            <details open={mine?.intent === "updateStep"}>
              <summary>{t("journeys.edit.editStep", { title: step.title })}</summary>
              <JourneyStepForm
                idPrefix={`edit-${step.id}`}
                intent="updateStep"
                phases={view.phases}
                options={view.options}
                frame={view.journey}
                fieldErrors={mine?.intent === "updateStep" ? mine.fieldErrors : null}
                values={
                  mine?.intent === "updateStep"
                    ? (mine.values as StepValues)
                    : {
                        stepId: step.id,
                        phaseId: step.phaseId,
                        kind: step.kind,
                        title: step.title,
                        description: step.description,
                        url: step.url,
                        training: step.trainingId ? (step.sessionId ? `${step.trainingId}:${step.sessionId}` : step.trainingId) : "",
                        competencyId: step.competencyId ?? "",
                        targetLevel: step.targetLevel === null ? "" : String(step.targetLevel),
                        dueOn: step.dueOn ?? "",
                      }
                }
                submitLabel={t("journeys.edit.saveStep")}
              />
            </details>
          </div>
        ) : null}
      </article>
    </li>
  );
}

function Workflow({ view, failure }: { view: LoaderData; failure: FormFailure | null }) {
  const { t } = useTranslation();
  const f = view.flags;
  const mine = (intent: string) => (failure?.intent === intent ? failure : null);
  if (!f.canPropose && !f.canAgree && !f.canStart && !f.canComplete && !f.canCancel) return null;
  return (
    <section className="panel" aria-labelledby="journey-workflow">
      <h2 id="journey-workflow" className="kern-heading-medium">
        {t("journeys.workflow.title")}
      </h2>
      <p className="kern-body">{t(`journeys.workflow.hint.${view.journey.status}`)}</p>
      <div className="button-row">
        {f.canPropose ? <SmallButton intent="propose" tone="primary" label={t(view.isOwner ? "journeys.workflow.propose" : "journeys.workflow.proposeToPerson")} /> : null}
        {f.canStart ? <SmallButton intent="start" tone="primary" label={t("journeys.workflow.start")} /> : null}
        {f.canComplete ? <SmallButton intent="complete" tone="primary" label={t("journeys.workflow.complete")} /> : null}
      </div>
      {view.journey.status === "ACTIVE" && !f.canComplete && f.canCancel ? <p className="muted">{t("journeys.workflow.completeHint")}</p> : null}
      {f.canAgree ? (
        <div className="two-columns">
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="agree" />
            <TextAreaField label={t("journeys.workflow.agreeComment")} id="agree-comment" name="comment" rows={2} errors={mine("agree")?.fieldErrors.comment} />
            <p className="kern-hint">{t("journeys.workflow.agreeHint")}</p>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("journeys.workflow.agree")}</span>
            </button>
          </Form>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="sendBack" />
            <TextAreaField label={t("journeys.workflow.sendBackComment")} id="sendback-comment" name="comment" rows={2} errors={mine("sendBack")?.fieldErrors.comment} defaultValue={mine("sendBack")?.values.comment} />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("journeys.workflow.sendBack")}</span>
            </button>
          </Form>
        </div>
      ) : null}
      {f.canCancel ? (
        <details open={!!mine("cancel")}>
          <summary>{t("journeys.workflow.cancelOpen")}</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="cancel" />
            <TextAreaField label={t("journeys.workflow.cancelReason")} id="cancel-reason" name="reason" rows={2} errors={mine("cancel")?.fieldErrors.reason} />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("journeys.workflow.cancel")}</span>
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function Record({ record }: { record: NonNullable<LoaderData["completionRecord"]> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="record-heading" id="record">
      <h2 id="record-heading" className="kern-heading-medium">
        {t("journeys.record.title")}
      </h2>
      <p className="kern-body">{t("journeys.record.intro", { date: formatDate(record.completedAt, locale), percent: record.progress.percent, done: record.progress.done, total: record.progress.total })}</p>
      <div className="kern-table-responsive">
        <table className="kern-table">
          <caption className="kern-label">{t("journeys.record.stepsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("journeys.step.phase")}</th>
              <th scope="col">{t("journeys.step.title")}</th>
              <th scope="col">{t("journeys.step.kind")}</th>
              <th scope="col">{t("journeys.step.status")}</th>
              <th scope="col">{t("journeys.record.doneOn")}</th>
              <th scope="col">{t("journeys.step.competency")}</th>
            </tr>
          </thead>
          <tbody>
            {record.steps.map((s, i) => (
              <tr key={i}>
                <td>{s.phase}</td>
                <th scope="row">{s.title}</th>
                <td>{t(`journeys.stepKind.${s.kind}`)}</td>
                <td>
                  {t(`journeys.stepStatus.${s.status}`)}
                  {s.skipReason ? ` – ${s.skipReason}` : null}
                </td>
                <td>{s.doneAt ? formatDate(s.doneAt, locale) : "–"}</td>
                <td>{s.competency ? `${s.competency.code} ${s.competency.name}${s.targetLevel !== null ? ` (${t("journeys.step.targetLevelText", { level: s.targetLevel })})` : ""}` : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {record.levels.length > 0 ? (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-label">{t("journeys.record.levelsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("journeys.step.competency")}</th>
                <th scope="col">{t("journeys.step.targetLevel")}</th>
                <th scope="col">{t("journeys.record.currentLevel")}</th>
              </tr>
            </thead>
            <tbody>
              {record.levels.map((l) => (
                <tr key={l.code}>
                  <th scope="row">
                    {l.code} {l.name}
                  </th>
                  <td>{l.targetLevel ?? "–"}</td>
                  <td>{l.currentLevel ?? t("journeys.record.notAssessed")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function History({ events }: { events: LoaderData["events"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="journey-history">
      <h2 id="journey-history" className="kern-heading-medium">
        {t("journeys.history.title")}
      </h2>
      <ol className="journey-history">
        {events.map((e) => (
          <li key={e.id}>
            <time dateTime={String(e.createdAt)}>{formatDateTime(e.createdAt, locale)}</time> – {e.actorName || t("journeys.history.system")}:{" "}
            {e.kind === "STEP_CHANGED"
              ? e.detail.edit
                ? t(`journeys.history.edit.${e.detail.edit}`, { step: e.detail.step ?? "", defaultValue: t("journeys.history.edited") })
                : t("journeys.history.stepChanged", { step: e.detail.step ?? "", from: t(`journeys.stepStatus.${e.detail.from ?? "OPEN"}`), to: t(`journeys.stepStatus.${e.detail.to ?? "OPEN"}`) }) + (e.detail.cause === "completion" ? ` (${t("journeys.history.byCompletion")})` : "")
              : t(`journeys.event.${e.kind}`, { defaultValue: e.kind })}
            {e.comment && e.kind !== "COMMENT" ? <q> {e.comment}</q> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function JourneyPage() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The template-change page redirects here after applying the changes.
  const [searchParams] = useSearchParams();
  const templateApplied = searchParams.get("vorlageUebernommen") === "1";
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  const { journey, flags } = view;
  const unplacedFailure = failure && !failure.values.stepId && failure.intent !== "addStep" && failure.intent !== "meta" && failure.intent !== "comment" ? failure : null;
  return (
    <>
      <p>
        {view.isOwner ? (
          <Link className="kern-link" to="/lernreise">
            {t("journeys.detail.backMine")}
          </Link>
        ) : (
          <Link className="kern-link" to={`/personen/${view.person.id}/lernreisen`}>
            {t("journeys.person.title", { name: `${view.person.firstName} ${view.person.lastName}` })}
          </Link>
        )}
      </p>
      <PageHeader title={journey.title} intro={view.isOwner ? undefined : t("journeys.detail.of", { name: `${view.person.firstName} ${view.person.lastName}` })} />
      {templateApplied && !actionData ? <Alert tone="success" title={t("journeys.templateUpdate.applied")} /> : null}
      {actionData?.ok ? <Alert tone="success" title={t(`journeys.done.${actionData.intent}`, { defaultValue: t("journeys.done.saved") })} /> : null}
      {unplacedFailure?.formError ? (
        <Alert tone="danger" title={t(unplacedFailure.formError, { defaultValue: unplacedFailure.formError })}>
          {Object.values(unplacedFailure.fieldErrors)
            .flat()
            .map((m) => (
              <p key={m}>{t(m, { defaultValue: m })}</p>
            ))}
        </Alert>
      ) : null}
      {journey.templateOutdated ? (
        <Alert tone="info" title={t("journeys.detail.templateChanged", { template: journey.template?.title ?? "" })}>
          <p>
            <Link className="kern-link" to={`/lernreisen/${journey.id}/vorlage`}>
              {t("journeys.detail.templateLink")}
            </Link>
          </p>
        </Alert>
      ) : null}
      <section className="panel" aria-labelledby="journey-summary">
        <h2 id="journey-summary" className="kern-heading-medium">
          {t("journeys.detail.summary")}
        </h2>
        <dl className="descriptor-list">
          <dt>{t("journeys.list.status")}</dt>
          <dd>
            <strong>{t(`journeys.status.${journey.status}`)}</strong> – {t(`journeys.statusHint.${journey.status}`)}
          </dd>
          <dt>{t("journeys.fields.goalKind")}</dt>
          <dd>
            {t(`journeys.goalKind.${journey.goalKind}`)}
            {journey.targetPosition ? `: ${journey.targetPosition.title}` : null}
            {journey.goalText ? <span className="level-descriptor">{journey.goalText}</span> : null}
          </dd>
          <dt>{t("journeys.list.frame")}</dt>
          <dd>{t("journeys.frame", { from: formatDate(journey.startsOn, locale), to: formatDate(journey.endsOn, locale) })}</dd>
          {journey.template ? (
            <>
              <dt>{t("journeys.detail.template")}</dt>
              <dd>{journey.template.title}</dd>
            </>
          ) : null}
        </dl>
        <JourneyProgress id="journey-progress" progress={view.progress} label={t("journeys.progress.label")} />
        {view.overdueSteps.length > 0 ? <p className="journey-overdue">{t("journeys.detail.overdue", { count: view.overdueSteps.length })}</p> : null}
        {view.hasDates ? <JourneyCalendarLink journeyId={journey.id} /> : null}
      </section>
      {view.unclosableGaps.length > 0 ? <JourneyUnclosableGaps gaps={view.unclosableGaps as unknown as UnclosableGapView[]} /> : null}
      {view.completionRecord ? <Record record={view.completionRecord} /> : null}
      <Workflow view={view} failure={failure} />
      <section aria-labelledby="journey-phases">
        <h2 id="journey-phases" className="kern-heading-medium">
          {t("journeys.detail.phases")}
        </h2>
        {view.phases.map((phase, index) => (
          <section key={phase.id} className="journey-phase" aria-labelledby={`phase-${phase.id}`}>
            <h3 id={`phase-${phase.id}`} className="kern-heading-small">
              {t("journeys.detail.phaseHeading", { number: index + 1, title: phase.title })}
            </h3>
            <JourneyProgress id={`progress-${phase.id}`} progress={phase.progress} label={t("journeys.progress.phaseLabel", { title: phase.title })} />
            {flags.canEdit ? (
              <div className="button-row">
                <Form method="post" className="inline-form" noValidate>
                  <input type="hidden" name="intent" value="renamePhase" />
                  <input type="hidden" name="phaseId" value={phase.id} />
                  <Field label={t("journeys.edit.phaseTitle")} inputProps={{ id: `phase-title-${phase.id}`, name: "title", defaultValue: phase.title, maxLength: 200 }} />
                  <button type="submit" className="kern-btn kern-btn--tertiary">
                    <span className="kern-label">{t("journeys.edit.rename")}</span>
                  </button>
                </Form>
                <SmallButton intent="movePhase" label={t("journeys.edit.up")} ariaLabel={t("journeys.edit.phaseUp", { title: phase.title })} hidden={{ phaseId: phase.id, direction: "up" }} tone="tertiary" />
                <SmallButton intent="movePhase" label={t("journeys.edit.down")} ariaLabel={t("journeys.edit.phaseDown", { title: phase.title })} hidden={{ phaseId: phase.id, direction: "down" }} tone="tertiary" />
                <SmallButton intent="removePhase" label={t("journeys.edit.remove")} ariaLabel={t("journeys.edit.removePhase", { title: phase.title })} hidden={{ phaseId: phase.id }} tone="tertiary" />
              </div>
            ) : null}
            {phase.steps.length === 0 ? (
              <p className="muted">{t("journeys.detail.noSteps")}</p>
            ) : (
              <ol className="journey-steps">
                {phase.steps.map((step) => (
                  <StepItem key={step.id} step={step} view={view} failure={failure} />
                ))}
              </ol>
            )}
          </section>
        ))}
      </section>
      {flags.canEdit && view.options ? (
        <section className="panel" aria-labelledby="journey-edit">
          <h2 id="journey-edit" className="kern-heading-medium">
            {t("journeys.edit.title")}
          </h2>
          <h3 id="add-step" className="kern-heading-small">
            {t("journeys.edit.addStep")}
          </h3>
          {failure?.intent === "addStep" && failure.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
          <JourneyStepForm
            idPrefix="add-step"
            intent="addStep"
            phases={view.phases}
            options={view.options}
            frame={journey}
            fieldErrors={failure?.intent === "addStep" ? failure.fieldErrors : null}
            values={failure?.intent === "addStep" ? (failure.values as StepValues) : { phaseId: view.phases[view.phases.length - 1]?.id }}
            submitLabel={t("journeys.edit.addStepSubmit")}
          />
          <h3 className="kern-heading-small">{t("journeys.edit.addPhase")}</h3>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="addPhase" />
            <Field label={t("journeys.edit.phaseTitle")} errors={failure?.intent === "addPhase" ? failure.fieldErrors.title : null} inputProps={{ id: "new-phase-title", name: "title", maxLength: 200 }} />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("journeys.edit.addPhaseSubmit")}</span>
            </button>
          </Form>
          <h3 className="kern-heading-small">{t("journeys.edit.meta")}</h3>
          {failure?.intent === "meta" && failure.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
          <JourneyMetaForm
            intent="meta"
            idPrefix="meta"
            positions={view.positions}
            fieldErrors={failure?.intent === "meta" ? failure.fieldErrors : null}
            values={failure?.intent === "meta" ? failure.values : { title: journey.title, goalKind: journey.goalKind, goalText: journey.goalText, targetPositionId: journey.targetPosition?.id ?? "", startsOn: journey.startsOn, endsOn: journey.endsOn }}
            submitLabel={t("journeys.edit.saveMeta")}
          />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="journey-comments">
        <h2 id="journey-comments" className="kern-heading-medium">
          {t("journeys.comments.title")}
        </h2>
        {view.comments.length === 0 ? (
          <p className="muted">{t("journeys.comments.empty")}</p>
        ) : (
          <ul className="journey-comments">
            {view.comments.map((c) => (
              <li key={c.id}>
                <p className="kern-label">
                  {c.actorName} · <time dateTime={String(c.createdAt)}>{formatDateTime(c.createdAt, locale)}</time>
                </p>
                <p className="kern-body">{c.comment}</p>
              </li>
            ))}
          </ul>
        )}
        {flags.canComment ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="comment" />
            <TextAreaField label={t("journeys.comments.label")} id="comment" name="comment" rows={3} errors={failure?.intent === "comment" ? failure.fieldErrors.comment : null} />
            <ErrorList errors={failure?.intent === "comment" && failure.formError !== "form.checkFields" && failure.formError ? [failure.formError] : null} />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("journeys.comments.submit")}</span>
            </button>
          </Form>
        ) : null}
      </section>
      <History events={view.events} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
