// Forms of the journey template pages (HR development). Plain POST forms that work without
// JavaScript; a failed save comes back with the input and German messages next to the fields.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "./forms.tsx";

export type Values = Record<string, string>;
export type Errors = Record<string, string[]> | undefined;
export interface Option {
  value: string;
  label: string;
}

export const PROGRAMME_VALUES = ["ONBOARDING", "DIGITAL_PILOT", "LEADERSHIP", "OTHER"] as const;
export const STEP_KIND_VALUES = ["TRAINING", "ELEARNING", "ON_THE_JOB", "MENTORING", "READING", "REFLECTION"] as const;
export const UNIT_VALUES = ["DAYS", "WEEKS", "MONTHS"] as const;

export function Select({ id, name, label, options, value, errors, hint, empty }: { id: string; name: string; label: ReactNode; options: Option[]; value: string; errors?: string[]; hint?: ReactNode; empty?: string }) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={errors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={id} name={name} defaultValue={value} aria-invalid={errors?.length ? true : undefined} aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function TextArea({ id, name, label, value, errors }: { id: string; name: string; label: ReactNode; value: string; errors?: string[] }) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={errors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <textarea className="kern-form-input__input" id={id} name={name} defaultValue={value} rows={3} aria-invalid={errors?.length ? true : undefined} aria-describedby={errorId} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function SubmitButton({ children, intent, tone = "primary" }: { children: ReactNode; intent: string; tone?: "primary" | "secondary" | "tertiary" }) {
  return (
    <button type="submit" name="intent" value={intent} className={`kern-btn kern-btn--${tone}`}>
      <span className="kern-label">{children}</span>
    </button>
  );
}

/** Title, description, programme and duration of a template. */
export function TemplateHeaderFields({ values, errors }: { values: Values; errors: Errors }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("journeyTemplates.form.title")} errors={errors?.title} inputProps={{ id: "title", name: "title", defaultValue: values.title ?? "", required: true, maxLength: 200 }} />
      <TextArea id="description" name="description" label={t("journeyTemplates.form.description")} value={values.description ?? ""} errors={errors?.description} />
      <Select
        id="programme"
        name="programme"
        label={t("journeyTemplates.form.programme")}
        value={values.programme ?? "OTHER"}
        errors={errors?.programme}
        options={PROGRAMME_VALUES.map((p) => ({ value: p, label: t(`journeyTemplates.programme.${p}`) }))}
      />
      <Field
        label={t("journeyTemplates.form.durationWeeks")}
        hint={t("journeyTemplates.form.durationWeeksHint")}
        errors={errors?.durationWeeks}
        inputProps={{ id: "durationWeeks", name: "durationWeeks", type: "number", min: 1, max: 260, defaultValue: values.durationWeeks ?? "12", required: true }}
      />
    </>
  );
}

/** One step's form (new or existing). `prefix` keeps ids unique when many forms share a page. */
export function StepForm({
  prefix,
  values,
  errors,
  phases,
  trainings,
  competencies,
  intent,
  stepId,
  submitLabel,
}: {
  prefix: string;
  values: Values;
  errors: Errors;
  phases: Option[];
  trainings: Option[];
  competencies: Option[];
  intent: "addStep" | "updateStep";
  stepId?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <Form method="post" className="journey-template-step-form" aria-label={submitLabel}>
      {stepId ? <input type="hidden" name="stepId" value={stepId} /> : null}
      <input type="hidden" name="target" value={prefix} />
      {errors?.form ? <ErrorList errors={errors.form} /> : null}
      <div className="journey-template-grid">
        <Field label={t("journeyTemplates.step.title")} errors={errors?.title} inputProps={{ id: id("title"), name: "title", defaultValue: values.title ?? "", maxLength: 200 }} />
        <Select id={id("kind")} name="kind" label={t("journeyTemplates.step.kind")} value={values.kind ?? "ON_THE_JOB"} errors={errors?.kind} options={STEP_KIND_VALUES.map((k) => ({ value: k, label: t(`journeyTemplates.kind.${k}`) }))} />
        <Select id={id("phaseId")} name="phaseId" label={t("journeyTemplates.step.phase")} value={values.phaseId ?? ""} errors={errors?.phaseId} options={phases} />
        <Field
          label={t("journeyTemplates.step.dueAmount")}
          errors={errors?.dueAmount}
          inputProps={{ id: id("dueAmount"), name: "dueAmount", type: "number", min: 0, max: 1000, defaultValue: values.dueAmount ?? "" }}
        />
        <Select id={id("dueUnit")} name="dueUnit" label={t("journeyTemplates.step.dueUnit")} value={values.dueUnit ?? "WEEKS"} errors={errors?.dueUnit} options={UNIT_VALUES.map((u) => ({ value: u, label: t(`journeyTemplates.unit.${u}`) }))} />
        <Select id={id("trainingId")} name="trainingId" label={t("journeyTemplates.step.training")} hint={t("journeyTemplates.step.trainingHint")} value={values.trainingId ?? ""} errors={errors?.trainingId} options={trainings} empty={t("journeyTemplates.step.none")} />
        <Field label={t("journeyTemplates.step.url")} hint={t("journeyTemplates.step.urlHint")} errors={errors?.url} inputProps={{ id: id("url"), name: "url", type: "url", defaultValue: values.url ?? "" }} />
        <Select id={id("competencyId")} name="competencyId" label={t("journeyTemplates.step.competency")} value={values.competencyId ?? ""} errors={errors?.competencyId} options={competencies} empty={t("journeyTemplates.step.none")} />
        <Field
          label={t("journeyTemplates.step.targetLevel")}
          errors={errors?.targetLevel}
          inputProps={{ id: id("targetLevel"), name: "targetLevel", type: "number", min: 1, max: 8, defaultValue: values.targetLevel ?? "" }}
        />
      </div>
      <TextArea id={id("description")} name="description" label={t("journeyTemplates.step.description")} value={values.description ?? ""} errors={errors?.description} />
      <p className="btn-row">
        <SubmitButton intent={intent}>{submitLabel}</SubmitButton>
      </p>
    </Form>
  );
}
