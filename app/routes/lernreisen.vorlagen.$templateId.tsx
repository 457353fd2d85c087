import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  addPhase,
  addStep,
  archiveTemplate,
  getTemplate,
  removePhase,
  removeStep,
  renamePhase,
  templateFormOptions,
  updateStep,
  updateTemplateHeader,
} from "~/modules/journeys/templates.server.ts";
import { assignmentFromForm, assignTemplate, defaultStart, previewAssignment, unitOptions } from "~/modules/journeys/cohorts.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, valuesOf } from "~/utils/form-result.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, CheckboxField, ErrorList, Field } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { Select, StepForm, SubmitButton, TemplateHeaderFields, type Errors, type Values } from "~/components/journey-template-forms.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import styles from "~/styles/journey-templates.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.title ?? "Vorlage"} – Lernreise-Vorlagen – Lernreise` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const FLAGS = ["DIGITAL_PILOT", "FIRST_AIDER", "FIRE_WARDEN", "PROCUREMENT"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journeytemplate:any");
  const template = await run(() => getTemplate(db, actor, params.templateId!));
  const [options, units] = await Promise.all([templateFormOptions(db), unitOptions(db)]);
  return { template, options, units, today: defaultStart() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:journeytemplate:any");
  const templateId = params.templateId!;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const input = Object.fromEntries(formData);
  const back = (flag: string) => redirect(`/lernreisen/vorlagen/${templateId}?${flag}=1`);
  try {
    switch (intent) {
      case "saveHeader":
        await updateTemplateHeader(db, actor, templateId, input);
        return back("gespeichert");
      case "addPhase":
        await addPhase(db, actor, templateId, input);
        return back("gespeichert");
      case "renamePhase":
        await renamePhase(db, actor, templateId, String(formData.get("phaseId") ?? ""), input);
        return back("gespeichert");
      case "removePhase":
        await removePhase(db, actor, templateId, String(formData.get("phaseId") ?? ""));
        return back("gespeichert");
      case "addStep":
        await addStep(db, actor, templateId, input);
        return back("gespeichert");
      case "updateStep":
        await updateStep(db, actor, templateId, String(formData.get("stepId") ?? ""), input);
        return back("gespeichert");
      case "removeStep":
        await removeStep(db, actor, templateId, String(formData.get("stepId") ?? ""));
        return back("gespeichert");
      case "archive":
        await archiveTemplate(db, actor, templateId);
        return redirect("/lernreisen/vorlagen?archiviert=1");
      case "preview": {
        const assignment = await assignmentFromForm(db, formData);
        const preview = await previewAssignment(db, actor, templateId, assignment);
        return { ok: true as const, intent, preview, values: valuesOf(formData) };
      }
      case "assign": {
        const assignment = await assignmentFromForm(db, formData);
        const result = await assignTemplate(db, actor, templateId, assignment);
        if (result.cohortId) return redirect(`/lernreisen/kohorten/${result.cohortId}?angelegt=${result.created}&uebersprungen=${result.skipped}`);
        return redirect(`/lernreisen/${result.journeyIds[0]}`);
      }
      default:
        throw new Response("Unbekannte Aktion", { status: 400 });
    }
  } catch (error) {
    return data(domainFailure(intent, error, formData), { status: 400 });
  }
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

function failureFor(result: ActionData, target: string): { values?: Values; errors: Errors; formError?: string } {
  if (!result || result.ok !== false || result.values.target !== target) return { errors: undefined };
  return { values: result.values, errors: result.fieldErrors, formError: result.formError };
}

export default function JourneyTemplatePage() {
  const { template, options, units, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const archived = template.archivedAt !== null;
  const phaseOptions = template.phases.map((p) => ({ value: p.id, label: p.title }));
  const header = failureFor(result, "header");
  const newPhase = failureFor(result, "newPhase");
  const assign = result && (result.values.target === "assign" || (result.ok && result.intent === "preview")) ? result : null;
  const assignValues: Values = assign?.values ?? { audienceKind: "UNIT", startsOn: today, includeSubunits: "on" };
  const assignErrors = assign && assign.ok === false ? assign.fieldErrors : undefined;
  const anyFailure = result && result.ok === false ? result : null;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("journeyTemplates.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/lernreisen/vorlagen">
              {t("journeyTemplates.title")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{template.title}</span>
          </li>
        </ol>
      </nav>
      <PageHeader title={template.title} intro={t("journeyTemplates.detail.intro", { version: template.version, programme: t(`journeyTemplates.programme.${template.programme}`) })} />
      {params.get("angelegt") ? <Alert tone="success" title={t("journeyTemplates.created")} /> : null}
      {params.get("gespeichert") ? <Alert tone="success" title={t("journeyTemplates.saved", { version: template.version })} /> : null}
      {anyFailure ? <Alert tone="danger" title={t(anyFailure.formError ?? "form.checkFields", { defaultValue: anyFailure.formError })} /> : null}
      {archived ? <Alert tone="info" title={t("journeyTemplates.detail.archived", { date: formatDate(template.archivedAt, locale) })} /> : null}
      <p className="kern-body" data-testid="template-version">
        {t("journeyTemplates.detail.version", { version: template.version })}
      </p>

      {!archived ? (
        <section className="panel" aria-labelledby="header-heading">
          <h2 id="header-heading" className="kern-heading-medium">
            {t("journeyTemplates.detail.headerHeading")}
          </h2>
          <Form method="post">
            <input type="hidden" name="target" value="header" />
            <TemplateHeaderFields
              values={header.values ?? { title: template.title, description: template.description, programme: template.programme, durationWeeks: String(template.durationWeeks) }}
              errors={header.errors}
            />
            <p className="btn-row">
              <SubmitButton intent="saveHeader">{t("journeyTemplates.detail.saveHeader")}</SubmitButton>
            </p>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading" className="kern-heading-medium">
          {t("journeyTemplates.detail.stepsHeading")}
        </h2>
        <p className="muted">{t("journeyTemplates.detail.stepsHint")}</p>
        {template.phases.map((phase, index) => {
          const rename = failureFor(result, `phase-${phase.id}`);
          const newStep = failureFor(result, `new-${phase.id}`);
          return (
            <section key={phase.id} className="journey-template-phase" aria-labelledby={`phase-${phase.id}`}>
              <h3 id={`phase-${phase.id}`} className="kern-heading-small">
                {t("journeyTemplates.detail.phaseHeading", { number: index + 1, title: phase.title })}
              </h3>
              {phase.steps.length ? (
                <ol>
                  {phase.steps.map((step) => {
                    const edit = failureFor(result, `step-${step.id}`);
                    return (
                      <li key={step.id}>
                        <details className="journey-template-step" open={edit.errors ? true : undefined}>
                          <summary>
                            {step.title} · {t(`journeyTemplates.kind.${step.kind}`)} · {t(`journeyTemplates.due.${step.dueUnit}`, { count: step.dueAmount })}
                            {step.training ? ` · ${step.training.code}` : ""}
                            {step.competency ? ` · ${step.competency.name}${step.targetLevel ? ` (${t("journeyTemplates.step.level", { level: step.targetLevel })})` : ""}` : ""}
                          </summary>
                          {archived ? (
                            step.description ? <p>{step.description}</p> : null
                          ) : (
                            <>
                              <StepForm
                                prefix={`step-${step.id}`}
                                stepId={step.id}
                                intent="updateStep"
                                submitLabel={t("journeyTemplates.step.save", { title: step.title })}
                                values={
                                  edit.values ?? {
                                    title: step.title,
                                    kind: step.kind,
                                    phaseId: step.phaseId,
                                    dueAmount: String(step.dueAmount),
                                    dueUnit: step.dueUnit,
                                    trainingId: step.trainingId ?? "",
                                    url: step.url,
                                    competencyId: step.competencyId ?? "",
                                    targetLevel: step.targetLevel ? String(step.targetLevel) : "",
                                    description: step.description,
                                  }
                                }
                                errors={edit.errors}
                                phases={phaseOptions}
                                trainings={options.trainings}
                                competencies={options.competencies}
                              />
                              <Form method="post">
                                <input type="hidden" name="stepId" value={step.id} />
                                <SubmitButton intent="removeStep" tone="secondary">
                                  {t("journeyTemplates.step.remove", { title: step.title })}
                                </SubmitButton>
                              </Form>
                            </>
                          )}
                        </details>
                      </li>
                    );
                  })}
                </ol>
              ) : (
                <p className="muted">{t("journeyTemplates.detail.noSteps")}</p>
              )}
              {!archived ? (
                <>
                  <details className="journey-template-step" open={newStep.errors ? true : undefined}>
                    <summary>{t("journeyTemplates.step.addTo", { phase: phase.title })}</summary>
                    <StepForm
                      prefix={`new-${phase.id}`}
                      intent="addStep"
                      submitLabel={t("journeyTemplates.step.add")}
                      values={newStep.values ?? { phaseId: phase.id, kind: "ON_THE_JOB", dueUnit: "WEEKS" }}
                      errors={newStep.errors}
                      phases={phaseOptions}
                      trainings={options.trainings}
                      competencies={options.competencies}
                    />
                  </details>
                  <details className="journey-template-step" open={rename.errors ? true : undefined}>
                    <summary>{t("journeyTemplates.phase.edit", { phase: phase.title })}</summary>
                    <Form method="post">
                      <input type="hidden" name="target" value={`phase-${phase.id}`} />
                      <input type="hidden" name="phaseId" value={phase.id} />
                      <Field label={t("journeyTemplates.phase.title")} errors={rename.errors?.title} inputProps={{ id: `phase-title-${phase.id}`, name: "title", defaultValue: rename.values?.title ?? phase.title }} />
                      <p className="btn-row">
                        <SubmitButton intent="renamePhase">{t("journeyTemplates.phase.rename")}</SubmitButton>
                        {phase.steps.length === 0 ? (
                          <SubmitButton intent="removePhase" tone="secondary">
                            {t("journeyTemplates.phase.remove")}
                          </SubmitButton>
                        ) : null}
                      </p>
                    </Form>
                  </details>
                </>
              ) : null}
            </section>
          );
        })}
        {!archived ? (
          <Form method="post" className="journey-template-phase">
            <input type="hidden" name="target" value="newPhase" />
            <Field label={t("journeyTemplates.phase.newTitle")} errors={newPhase.errors?.title} inputProps={{ id: "new-phase-title", name: "title", defaultValue: newPhase.values?.title ?? "" }} />
            <SubmitButton intent="addPhase" tone="secondary">
              {t("journeyTemplates.phase.add")}
            </SubmitButton>
          </Form>
        ) : null}
      </section>

      {!archived ? (
        <section className="panel journey-template-phase" aria-labelledby="assign-heading">
          <h2 id="assign-heading" className="kern-heading-medium">
            {t("journeyTemplates.assign.heading")}
          </h2>
          <p>{t("journeyTemplates.assign.intro")}</p>
          <Form method="post">
            <input type="hidden" name="target" value="assign" />
            <fieldset className="kern-fieldset">
              <legend className="kern-label">{t("journeyTemplates.assign.audience")}</legend>
              <ErrorList errors={assignErrors?.audienceKind} />
              {(["PERSONS", "UNIT", "NEW_HIRES", "FLAG", "LEADERS"] as const).map((kind) => (
                <div className="kern-form-check" key={kind}>
                  <input className="kern-form-check__radio" type="radio" id={`audience-${kind}`} name="audienceKind" value={kind} defaultChecked={assignValues.audienceKind === kind} />
                  <label className="kern-label" htmlFor={`audience-${kind}`}>
                    {t(`journeyTemplates.assign.kind.${kind}`)}
                  </label>
                </div>
              ))}
            </fieldset>
            <div className="journey-template-grid">
              <div>
                <label className="kern-label" htmlFor="assign-persons">
                  {t("journeyTemplates.assign.persons")}
                </label>
                <div className="kern-hint" id="assign-persons-hint">
                  {t("journeyTemplates.assign.personsHint")}
                </div>
                <textarea className="kern-form-input__input" id="assign-persons" name="persons" rows={3} defaultValue={assignValues.persons ?? ""} aria-describedby="assign-persons-hint" aria-invalid={assignErrors?.persons ? true : undefined} />
                <ErrorList errors={assignErrors?.persons} />
              </div>
              <div>
                <Select id="assign-unit" name="unitId" label={t("journeyTemplates.assign.unit")} value={assignValues.unitId ?? ""} errors={assignErrors?.unitId} options={units} empty={t("journeyTemplates.step.none")} />
                <CheckboxField label={t("journeyTemplates.assign.includeSubunits")} inputProps={{ id: "assign-subunits", name: "includeSubunits", defaultChecked: assignValues.includeSubunits === "on" }} />
              </div>
              <Field label={t("journeyTemplates.assign.from")} errors={assignErrors?.from} inputProps={{ id: "assign-from", name: "from", type: "date", defaultValue: assignValues.from ?? "" }} />
              <Field label={t("journeyTemplates.assign.to")} errors={assignErrors?.to} inputProps={{ id: "assign-to", name: "to", type: "date", defaultValue: assignValues.to ?? "" }} />
              <Select id="assign-flag" name="flag" label={t("journeyTemplates.assign.flag")} value={assignValues.flag ?? "DIGITAL_PILOT"} errors={assignErrors?.flag} options={FLAGS.map((f) => ({ value: f, label: t(`journeyTemplates.flag.${f}`) }))} />
              <Select id="assign-leader-unit" name="leaderUnitId" label={t("journeyTemplates.assign.leaderUnit")} value={assignValues.leaderUnitId ?? ""} errors={undefined} options={units} empty={t("journeyTemplates.assign.allUnits")} />
            </div>
            <div className="journey-template-grid">
              <Field label={t("journeyTemplates.assign.title")} hint={t("journeyTemplates.assign.titleHint")} errors={assignErrors?.title} inputProps={{ id: "assign-title", name: "title", defaultValue: assignValues.title ?? "" }} />
              <Field label={t("journeyTemplates.assign.startsOn")} hint={t("journeyTemplates.assign.startsOnHint")} errors={assignErrors?.startsOn} inputProps={{ id: "assign-start", name: "startsOn", type: "date", defaultValue: assignValues.startsOn ?? "" }} />
            </div>
            {assign?.ok ? (
              <div role="status" className="kern-alert kern-alert--info" data-testid="assign-preview">
                <div className="kern-alert__header">
                  <span className="kern-title">{t("journeyTemplates.assign.preview", { count: assign.preview.count, skipped: assign.preview.skipped, n: formatNumber(assign.preview.count, locale) })}</span>
                </div>
                {assign.preview.sample.length ? (
                  <div className="kern-alert__body">
                    <p>{assign.preview.sample.join("; ") + (assign.preview.count > assign.preview.sample.length ? " …" : "")}</p>
                  </div>
                ) : null}
              </div>
            ) : null}
            <p className="btn-row">
              <SubmitButton intent="preview" tone="secondary">
                {t("journeyTemplates.assign.previewButton")}
              </SubmitButton>
              <SubmitButton intent="assign">{t("journeyTemplates.assign.submit")}</SubmitButton>
            </p>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="cohorts-heading">
        <h2 id="cohorts-heading" className="kern-heading-medium">
          {t("journeyTemplates.detail.cohortsHeading")}
        </h2>
        {template.cohorts.length ? (
          <ul>
            {template.cohorts.map((c) => (
              <li key={c.id}>
                <Link className="kern-link" to={`/lernreisen/kohorten/${c.id}`}>
                  {c.title}
                </Link>{" "}
                {t("journeyTemplates.detail.cohortLine", { date: formatDate(c.startsOn, locale), count: c._count.journeys })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("journeyTemplates.detail.noCohorts")}</p>
        )}
      </section>

      {!archived ? (
        <Form method="post">
          <SubmitButton intent="archive" tone="secondary">
            {t("journeyTemplates.detail.archive")}
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
