// The form of a training's catalogue entry (new and edit). Works without JavaScript; after a
// failed submit it shows the server's messages next to the fields and keeps what was typed.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TRAINING_FORMATS, TRAINING_LANGUAGES } from "~/modules/training/schemas.ts";
import { CheckboxField, ErrorList, Field } from "./forms.tsx";
import { TextAreaField } from "./text-area.tsx";

export interface TrainingFormValues {
  code: string;
  title: string;
  description: string;
  format: string;
  provider: string;
  durationHours: string;
  cost: string;
  language: string;
  prerequisites: string;
  targetGroups: string;
  contactName: string;
  contactEmail: string;
  externalUrl: string;
  requiresApproval: boolean;
}

export const EMPTY_TRAINING: TrainingFormValues = {
  code: "",
  title: "",
  description: "",
  format: "CLASSROOM",
  provider: "",
  durationHours: "",
  cost: "",
  language: "de",
  prerequisites: "",
  targetGroups: "",
  contactName: "",
  contactEmail: "",
  externalUrl: "",
  requiresApproval: true,
};

/** Values after a failed submit win over the stored ones (unchecked boxes are absent from the form). */
export function mergeValues(stored: TrainingFormValues, submitted?: Record<string, string>): TrainingFormValues {
  if (!submitted) return stored;
  const pick = (key: keyof TrainingFormValues) => submitted[key] ?? (stored[key] as string);
  return {
    code: pick("code"),
    title: pick("title"),
    description: pick("description"),
    format: pick("format"),
    provider: pick("provider"),
    durationHours: pick("durationHours"),
    cost: pick("cost"),
    language: pick("language"),
    prerequisites: pick("prerequisites"),
    targetGroups: pick("targetGroups"),
    contactName: pick("contactName"),
    contactEmail: pick("contactEmail"),
    externalUrl: pick("externalUrl"),
    requiresApproval: submitted.requiresApproval === "on",
  };
}

function Select({ id, label, value, options, errors }: { id: string; label: string; value: string; options: { value: string; label: string }[]; errors?: string[] }) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={errors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={id} name={id} defaultValue={value} aria-invalid={errors?.length ? true : undefined} aria-describedby={errorId}>
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

export function TrainingForm({
  values,
  errors = {},
  intent,
  submitLabel,
}: {
  values: TrainingFormValues;
  errors?: Record<string, string[]>;
  intent: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const input = (name: keyof TrainingFormValues, extra: Record<string, unknown> = {}) => ({ id: name, name, defaultValue: values[name] as string, ...extra });
  return (
    <Form method="post" className="form-stack" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <div className="form-grid">
        <Field label={t("catalogue.field.code")} hint={t("catalogue.hint.code")} errors={errors.code} inputProps={input("code", { required: true, maxLength: 30, autoComplete: "off" })} />
        <Field label={t("catalogue.field.title")} errors={errors.title} inputProps={input("title", { required: true, maxLength: 200 })} />
        <Select
          id="format"
          label={t("catalogue.field.format")}
          value={values.format}
          errors={errors.format}
          options={TRAINING_FORMATS.map((f) => ({ value: f, label: t(`catalogue.format.${f}`) }))}
        />
        <Field label={t("catalogue.field.provider")} hint={t("catalogue.hint.provider")} errors={errors.provider} inputProps={input("provider", { maxLength: 200 })} />
        <Field label={t("catalogue.field.durationHours")} hint={t("catalogue.hint.duration")} errors={errors.durationHours} inputProps={input("durationHours", { inputMode: "decimal" })} />
        <Field label={t("catalogue.field.costEuro")} hint={t("catalogue.hint.cost")} errors={errors.cost} inputProps={input("cost", { inputMode: "decimal" })} />
        <Select
          id="language"
          label={t("catalogue.field.language")}
          value={values.language}
          errors={errors.language}
          options={TRAINING_LANGUAGES.map((l) => ({ value: l, label: t(`catalogue.language.${l}`) }))}
        />
        <Field label={t("catalogue.field.externalUrl")} hint={t("catalogue.hint.externalUrl")} errors={errors.externalUrl} inputProps={input("externalUrl", { type: "url" })} />
        <Field label={t("catalogue.field.contactName")} errors={errors.contactName} inputProps={input("contactName", { maxLength: 200 })} />
        <Field label={t("catalogue.field.contactEmail")} errors={errors.contactEmail} inputProps={input("contactEmail", { type: "email" })} />
      </div>
      <TextAreaField label={t("catalogue.field.description")} id="description" name="description" rows={6} defaultValue={values.description} errors={errors.description} />
      <TextAreaField label={t("catalogue.field.targetGroups")} hint={t("catalogue.hint.targetGroups")} id="targetGroups" name="targetGroups" defaultValue={values.targetGroups} errors={errors.targetGroups} />
      <TextAreaField label={t("catalogue.field.prerequisites")} id="prerequisites" name="prerequisites" defaultValue={values.prerequisites} errors={errors.prerequisites} />
      <CheckboxField label={t("catalogue.field.requiresApprovalLabel")} inputProps={{ id: "requiresApproval", name: "requiresApproval", defaultChecked: values.requiresApproval }} />
      <button className="kern-btn kern-btn--primary" type="submit">
        <span className="kern-label">{submitLabel}</span>
      </button>
    </Form>
  );
}
