// Title, goal, target position and time frame of a journey: the create form (on "Meine
// Lernreise" and a person's journeys page) and the edit form on the journey page. Plain POST.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "./forms.tsx";
import { TextAreaField } from "./text-area.tsx";

const GOAL_KINDS = ["POSITION_GAPS", "TARGET_POSITION", "PROGRAMME", "FREE"] as const;

export interface MetaValues {
  title?: string;
  goalKind?: string;
  goalText?: string;
  targetPositionId?: string | null;
  startsOn?: string;
  endsOn?: string;
}

export function JourneyMetaForm({
  intent,
  idPrefix,
  values,
  fieldErrors,
  positions,
  submitLabel,
  hidden,
}: {
  intent: string;
  idPrefix: string;
  values: MetaValues;
  fieldErrors?: Record<string, string[]> | null;
  positions: { id: string; code: string; title: string }[];
  submitLabel: string;
  hidden?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${idPrefix}-${name}`;
  const errors = fieldErrors ?? {};
  return (
    <Form method="post" noValidate className="journey-meta-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Field label={t("journeys.fields.title")} errors={errors.title} inputProps={{ id: id("title"), name: "title", defaultValue: values.title ?? "", required: true, maxLength: 200 }} />
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t("journeys.fields.goalKind")}</legend>
        {GOAL_KINDS.map((kind) => (
          <div className="kern-form-check" key={kind}>
            <input className="kern-form-check__radio" type="radio" id={id(`goal-${kind}`)} name="goalKind" value={kind} defaultChecked={(values.goalKind ?? "FREE") === kind} />
            <label className="kern-label" htmlFor={id(`goal-${kind}`)}>
              {t(`journeys.goalKind.${kind}`)}
            </label>
          </div>
        ))}
        <ErrorList errors={errors.goalKind} />
      </fieldset>
      <TextAreaField label={t("journeys.fields.goalText")} id={id("goalText")} name="goalText" defaultValue={values.goalText ?? ""} errors={errors.goalText} />
      <div className={errors.targetPositionId?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
        <label className="kern-label" htmlFor={id("targetPositionId")}>
          {t("journeys.fields.targetPosition")}
        </label>
        <div className="kern-hint" id={id("targetPositionId-hint")}>
          {t("journeys.fields.targetPositionHint")}
        </div>
        <div className="kern-form-input__select-wrapper">
          <select className="kern-form-input__select" id={id("targetPositionId")} name="targetPositionId" defaultValue={values.targetPositionId ?? ""} aria-describedby={id("targetPositionId-hint")}>
            <option value="">{t("journeys.fields.noTargetPosition")}</option>
            {positions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} {p.title}
              </option>
            ))}
          </select>
        </div>
        <ErrorList errors={errors.targetPositionId} />
      </div>
      <div className="two-columns">
        <Field label={t("journeys.fields.startsOn")} errors={errors.startsOn} inputProps={{ id: id("startsOn"), name: "startsOn", type: "date", defaultValue: values.startsOn ?? "", required: true }} />
        <Field label={t("journeys.fields.endsOn")} errors={errors.endsOn} inputProps={{ id: id("endsOn"), name: "endsOn", type: "date", defaultValue: values.endsOn ?? "", required: true }} />
      </div>
      <button type="submit" className="kern-btn kern-btn--primary">
        <span className="kern-label">{submitLabel}</span>
      </button>
    </Form>
  );
}
