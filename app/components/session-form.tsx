// The form of a session (new and edit): day rows with date, start and end time on the Berlin
// clock, place or online link, trainer, capacity and enrolment deadline. Works without
// JavaScript: "Weitere Tage hinzufügen" submits the form, and the page comes back with more
// empty rows and everything typed so far.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_SESSION_DAYS } from "~/modules/training/schemas.ts";
import { ErrorList, Field } from "./forms.tsx";

export interface SessionFormValues {
  days: { date: string; start: string; end: string }[];
  location: string;
  onlineUrl: string;
  trainerName: string;
  trainerPerson: string;
  capacity: string;
  enrolmentDeadline: string;
}

export const EMPTY_SESSION: SessionFormValues = { days: [], location: "", onlineUrl: "", trainerName: "", trainerPerson: "", capacity: "", enrolmentDeadline: "" };

/** Submitted values (after an error or "Weitere Tage") over the stored ones. */
export function sessionValuesFrom(stored: SessionFormValues, submitted?: Record<string, string>): SessionFormValues {
  if (!submitted) return stored;
  const days: SessionFormValues["days"] = [];
  for (let i = 0; i < MAX_SESSION_DAYS + 10; i++) {
    if (!(`day-${i}-date` in submitted)) continue;
    days.push({ date: submitted[`day-${i}-date`] ?? "", start: submitted[`day-${i}-start`] ?? "", end: submitted[`day-${i}-end`] ?? "" });
  }
  return {
    days,
    location: submitted.location ?? "",
    onlineUrl: submitted.onlineUrl ?? "",
    trainerName: submitted.trainerName ?? "",
    trainerPerson: submitted.trainerPerson ?? "",
    capacity: submitted.capacity ?? "",
    enrolmentDeadline: submitted.enrolmentDeadline ?? "",
  };
}

export function SessionForm({
  values,
  errors = {},
  rows,
  capacityHint,
  submitLabel,
}: {
  values: SessionFormValues;
  errors?: Record<string, string[]>;
  /** How many day rows to show (at least the filled ones). */
  rows: number;
  capacityHint?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const count = Math.min(MAX_SESSION_DAYS, Math.max(rows, values.days.length, 1));
  const days = Array.from({ length: count }, (_, i) => values.days[i] ?? { date: "", start: "", end: "" });
  return (
    <Form method="post" className="form-stack" noValidate>
      <input type="hidden" name="rows" value={count} />
      <fieldset className="kern-fieldset day-rows">
        <legend className="kern-heading-small">{t("catalogue.sessionForm.days")}</legend>
        <p className="kern-hint">{t("catalogue.sessionForm.daysHint")}</p>
        <ErrorList errors={errors.days} />
        {days.map((d, i) => (
          <fieldset className="day-row" key={i}>
            <legend>{t("catalogue.sessionForm.day", { n: i + 1 })}</legend>
            <Field
              label={t("catalogue.sessionForm.date")}
              errors={errors[`days.${i}.date`]}
              inputProps={{ id: `day-${i}-date`, name: `day-${i}-date`, type: "date", defaultValue: d.date, required: i === 0 }}
            />
            <Field
              label={t("catalogue.sessionForm.start")}
              errors={errors[`days.${i}.start`]}
              inputProps={{ id: `day-${i}-start`, name: `day-${i}-start`, type: "time", defaultValue: d.start, required: i === 0 }}
            />
            <Field
              label={t("catalogue.sessionForm.end")}
              errors={errors[`days.${i}.end`]}
              inputProps={{ id: `day-${i}-end`, name: `day-${i}-end`, type: "time", defaultValue: d.end, required: i === 0 }}
            />
          </fieldset>
        ))}
      </fieldset>
      <div className="form-grid">
        <Field label={t("catalogue.sessionForm.location")} hint={t("catalogue.sessionForm.locationHint")} errors={errors.location} inputProps={{ id: "location", name: "location", defaultValue: values.location, maxLength: 300 }} />
        <Field label={t("catalogue.sessionForm.onlineUrl")} hint={t("catalogue.sessionForm.onlineUrlHint")} errors={errors.onlineUrl} inputProps={{ id: "onlineUrl", name: "onlineUrl", type: "url", defaultValue: values.onlineUrl }} />
        <Field label={t("catalogue.sessionForm.trainerName")} hint={t("catalogue.sessionForm.trainerNameHint")} errors={errors.trainerName} inputProps={{ id: "trainerName", name: "trainerName", defaultValue: values.trainerName, maxLength: 200 }} />
        <Field
          label={t("catalogue.sessionForm.trainerPerson")}
          hint={t("catalogue.sessionForm.trainerPersonHint")}
          errors={errors.trainerPerson}
          inputProps={{ id: "trainerPerson", name: "trainerPerson", defaultValue: values.trainerPerson, autoComplete: "off" }}
        />
        <Field
          label={t("catalogue.sessionForm.capacity")}
          hint={capacityHint}
          errors={errors.capacity}
          inputProps={{ id: "capacity", name: "capacity", type: "number", min: 1, max: 10000, step: 1, inputMode: "numeric", defaultValue: values.capacity, required: true }}
        />
        <Field
          label={t("catalogue.sessionForm.deadline")}
          hint={t("catalogue.sessionForm.deadlineHint")}
          errors={errors.enrolmentDeadline}
          inputProps={{ id: "enrolmentDeadline", name: "enrolmentDeadline", type: "date", defaultValue: values.enrolmentDeadline }}
        />
      </div>
      {/* Save comes first, so that Enter in a field saves rather than adding rows. */}
      <div className="btn-row">
        <button className="kern-btn kern-btn--primary" type="submit" name="intent" value="save">
          <span className="kern-label">{submitLabel}</span>
        </button>
        {count < MAX_SESSION_DAYS ? (
          <button className="kern-btn kern-btn--secondary" type="submit" name="intent" value="more-days">
            <span className="kern-label">{t("catalogue.sessionForm.moreDays")}</span>
          </button>
        ) : null}
      </div>
    </Form>
  );
}
