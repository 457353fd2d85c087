// Add or edit a journey step (works without JavaScript): kind, title, training (with an optional
// session: one select "training" whose values are "trainingId" or "trainingId:sessionId"),
// e-learning link, competency with target level, due day.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { ErrorList, Field } from "./forms.tsx";
import { TextAreaField } from "./text-area.tsx";

const STEP_KINDS = ["TRAINING", "ELEARNING", "ON_THE_JOB", "MENTORING", "READING", "REFLECTION"] as const;

export interface StepEditorOptions {
  trainings: { id: string; code: string; title: string; sessions: { id: string; startsAt: string | Date; location: string | null }[] }[];
  competencies: { id: string; code: string; name: string }[];
}

export interface StepValues {
  stepId?: string;
  phaseId?: string;
  kind?: string;
  title?: string;
  description?: string;
  url?: string;
  training?: string;
  competencyId?: string;
  targetLevel?: string;
  dueOn?: string;
}

function SelectBox({ id, name, label, defaultValue, errors, children, hint }: { id: string; name: string; label: string; defaultValue: string; errors?: string[]; children: React.ReactNode; hint?: string }) {
  return (
    <div className={errors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={id} name={name} defaultValue={defaultValue} aria-describedby={hint ? `${id}-hint` : undefined} aria-invalid={errors?.length ? true : undefined}>
          {children}
        </select>
      </div>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function JourneyStepForm({
  idPrefix,
  intent,
  phases,
  options,
  values,
  fieldErrors,
  submitLabel,
  frame,
}: {
  idPrefix: string;
  intent: "addStep" | "updateStep";
  phases: { id: string; title: string }[];
  options: StepEditorOptions;
  values: StepValues;
  fieldErrors?: Record<string, string[]> | null;
  submitLabel: string;
  frame: { startsOn: string; endsOn: string };
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = (name: string) => `${idPrefix}-${name}`;
  const errors = fieldErrors ?? {};
  return (
    <Form method="post" noValidate className="journey-step-form">
      <input type="hidden" name="intent" value={intent} />
      {values.stepId ? <input type="hidden" name="stepId" value={values.stepId} /> : null}
      <div className="two-columns">
        <SelectBox id={id("phaseId")} name="phaseId" label={t("journeys.step.phase")} defaultValue={values.phaseId ?? phases[0]?.id ?? ""} errors={errors.phaseId}>
          {phases.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </SelectBox>
        <SelectBox id={id("kind")} name="kind" label={t("journeys.step.kind")} defaultValue={values.kind ?? "READING"} errors={errors.kind}>
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`journeys.stepKind.${k}`)}
            </option>
          ))}
        </SelectBox>
      </div>
      <Field label={t("journeys.step.title")} hint={t("journeys.step.titleHint")} errors={errors.title} inputProps={{ id: id("title"), name: "title", defaultValue: values.title ?? "", maxLength: 200 }} />
      <SelectBox id={id("training")} name="training" label={t("journeys.step.training")} hint={t("journeys.step.trainingHint")} defaultValue={values.training ?? ""} errors={[...(errors.trainingId ?? []), ...(errors.sessionId ?? [])]}>
        <option value="">{t("journeys.step.noTraining")}</option>
        {values.training && !options.trainings.some((tr) => tr.id === values.training || tr.sessions.some((se) => `${tr.id}:${se.id}` === values.training)) ? (
          // The step's current training or session is no longer bookable: keep it selectable.
          <option value={values.training}>{t("journeys.step.currentChoice")}</option>
        ) : null}
        {options.trainings.map((tr) => (
          <optgroup key={tr.id} label={`${tr.code} ${tr.title}`}>
            <option value={tr.id}>{t("journeys.step.trainingAnyDate", { title: tr.title })}</option>
            {tr.sessions.map((s) => (
              <option key={s.id} value={`${tr.id}:${s.id}`}>
                {t("journeys.step.trainingSession", { title: tr.title, date: formatDateTime(s.startsAt, locale) })}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectBox>
      <Field label={t("journeys.step.url")} hint={t("journeys.step.urlHint")} errors={errors.url} inputProps={{ id: id("url"), name: "url", type: "url", defaultValue: values.url ?? "" }} />
      <TextAreaField label={t("journeys.step.description")} id={id("description")} name="description" defaultValue={values.description ?? ""} errors={errors.description} rows={2} />
      <div className="two-columns">
        <SelectBox id={id("competencyId")} name="competencyId" label={t("journeys.step.competency")} defaultValue={values.competencyId ?? ""} errors={errors.competencyId}>
          <option value="">{t("journeys.step.noCompetency")}</option>
          {options.competencies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} {c.name}
            </option>
          ))}
        </SelectBox>
        <Field label={t("journeys.step.targetLevel")} errors={errors.targetLevel} inputProps={{ id: id("targetLevel"), name: "targetLevel", type: "number", min: 0, max: 10, defaultValue: values.targetLevel ?? "" }} />
      </div>
      <Field
        label={t("journeys.step.dueOn")}
        hint={t("journeys.step.dueHint", { from: frame.startsOn, to: frame.endsOn })}
        errors={errors.dueOn}
        inputProps={{ id: id("dueOn"), name: "dueOn", type: "date", min: frame.startsOn, max: frame.endsOn, defaultValue: values.dueOn ?? "" }}
      />
      <button type="submit" className="kern-btn kern-btn--primary">
        <span className="kern-label">{submitLabel}</span>
      </button>
    </Form>
  );
}
