// Form parts of the questionnaire pages (HR): the details (title, description, kind, learning gain)
// and one item (text, type, level, key, required, options). Plain forms, work without JavaScript.
import { useTranslation } from "react-i18next";
import { EVALUATION_LEVELS, FEEDBACK_KINDS, ITEM_TYPES, MEANINGFUL_KEYS } from "~/modules/feedback/defaults.ts";
import { ErrorList } from "./forms.tsx";

type Errors = Record<string, string[]> | undefined;

export function TextInput({ id, name, label, defaultValue, errors, required, hint }: { id: string; name: string; label: string; defaultValue: string; errors: Errors; required?: boolean; hint?: string }) {
  const has = !!errors?.[name]?.length;
  return (
    <div className={has ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <input
        className={has ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
        id={id}
        name={name}
        type="text"
        defaultValue={defaultValue}
        required={required}
        aria-invalid={has ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : "", has ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={has ? `${id}-error` : undefined} errors={errors?.[name]} />
    </div>
  );
}

export function TextArea({ id, name, label, defaultValue, errors, hint, rows = 3 }: { id: string; name: string; label: string; defaultValue: string; errors: Errors; hint?: string; rows?: number }) {
  const has = !!errors?.[name]?.length;
  return (
    <div className={has ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <textarea
        className={has ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-invalid={has ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : "", has ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={has ? `${id}-error` : undefined} errors={errors?.[name]} />
    </div>
  );
}

export function Select({ id, name, label, defaultValue, options, errors, disabled, hint }: { id: string; name: string; label: string; defaultValue: string; options: { value: string; label: string }[]; errors: Errors; disabled?: boolean; hint?: string }) {
  const has = !!errors?.[name]?.length;
  return (
    <div className={has ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <div className="kern-form-input__select-wrapper">
        <select
          className="kern-form-input__select"
          id={id}
          name={name}
          defaultValue={defaultValue}
          disabled={disabled}
          aria-invalid={has ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : "", has ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorList id={has ? `${id}-error` : undefined} errors={errors?.[name]} />
    </div>
  );
}

export function Checkbox({ id, name, label, defaultChecked }: { id: string; name: string; label: string; defaultChecked: boolean }) {
  return (
    <div className="kern-form-check">
      <input className="kern-form-check__checkbox" type="checkbox" id={id} name={name} defaultChecked={defaultChecked} />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

export interface DetailsValues {
  title: string;
  description: string;
  kind: string;
  learningGain: boolean;
}

/** Title, description, kind and learning gain (the kind as a hidden field when it is locked). */
export function QuestionnaireDetailsFields({ values, errors, kindLocked = false, idPrefix = "q" }: { values: DetailsValues; errors: Errors; kindLocked?: boolean; idPrefix?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput id={`${idPrefix}-title`} name="title" label={t("feedback.questionnaires.fields.title")} defaultValue={values.title} errors={errors} required />
      <TextArea id={`${idPrefix}-description`} name="description" label={t("feedback.questionnaires.fields.description")} defaultValue={values.description} errors={errors} />
      {kindLocked ? <input type="hidden" name="kind" value={values.kind} /> : null}
      <Select
        id={`${idPrefix}-kind`}
        name={kindLocked ? "kindShown" : "kind"}
        label={t("feedback.questionnaires.fields.kind")}
        defaultValue={values.kind}
        disabled={kindLocked}
        hint={kindLocked ? t("feedback.questionnaires.edit.kindLocked") : undefined}
        options={FEEDBACK_KINDS.map((k) => ({ value: k, label: t(`feedback.questionnaires.kind.${k}`) }))}
        errors={errors}
      />
      <Checkbox id={`${idPrefix}-learning-gain`} name="learningGain" label={t("feedback.questionnaires.fields.learningGain")} defaultChecked={values.learningGain} />
    </>
  );
}

export interface ItemValues {
  text: string;
  type: string;
  level: string;
  key: string;
  required: boolean;
  options: string;
}

export const EMPTY_ITEM: ItemValues = { text: "", type: "SCALE5", level: "REACTION", key: "", required: true, options: "" };

/** One question's fields. */
export function QuestionnaireItemFields({ values, errors, idPrefix }: { values: ItemValues; errors: Errors; idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput id={`${idPrefix}-text`} name="text" label={t("feedback.questionnaires.fields.text")} defaultValue={values.text} errors={errors} required />
      <div className="questionnaire-item-row">
        <Select
          id={`${idPrefix}-type`}
          name="type"
          label={t("feedback.questionnaires.fields.type")}
          defaultValue={values.type}
          options={ITEM_TYPES.map((k) => ({ value: k, label: t(`feedback.questionnaires.type.${k}`) }))}
          errors={errors}
        />
        <Select
          id={`${idPrefix}-level`}
          name="level"
          label={t("feedback.questionnaires.fields.level")}
          defaultValue={values.level}
          options={EVALUATION_LEVELS.map((k) => ({ value: k, label: t(`feedback.questionnaires.level.${k}`) }))}
          errors={errors}
        />
      </div>
      <Select
        id={`${idPrefix}-key`}
        name="key"
        label={t("feedback.questionnaires.fields.key")}
        hint={t("feedback.questionnaires.fields.keyHint")}
        defaultValue={values.key}
        options={[{ value: "", label: t("feedback.questionnaires.keys.none") }, ...MEANINGFUL_KEYS.map((k) => ({ value: k, label: t(`feedback.questionnaires.keys.${k}`) }))]}
        errors={errors}
      />
      <TextArea
        id={`${idPrefix}-options`}
        name="options"
        label={t("feedback.questionnaires.fields.options")}
        hint={t("feedback.questionnaires.fields.optionsHint")}
        defaultValue={values.options}
        errors={errors}
        rows={4}
      />
      <Checkbox id={`${idPrefix}-required`} name="required" label={t("feedback.questionnaires.fields.required")} defaultChecked={values.required} />
    </>
  );
}
