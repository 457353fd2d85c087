// The questionnaire as a form: SCALE5 and NPS as radio groups, SINGLE radios, MULTI checkboxes,
// TEXT a textarea — each in a fieldset with a legend (TEXT: a label), required items marked. Works
// without JavaScript; after a failed submit the chosen values are kept.
import { useTranslation } from "react-i18next";
import { ErrorList } from "./forms.tsx";

export type FeedbackFormItem = {
  id: string;
  type: "SCALE5" | "NPS" | "SINGLE" | "MULTI" | "TEXT";
  text: string;
  required: boolean;
  options: { value: string; label: string }[];
};
export type FeedbackGain = {
  lineageId: string;
  name: string;
  code: string;
  levels: { ordinal: number; label: string }[];
};
export type KeptValues = Record<string, string[]>;

const fieldOf = (id: string) => `item-${id}`;
/** Short answer scales side by side (they wrap on narrow screens). */
const ROW = {
  display: "flex",
  flexWrap: "wrap",
  gap: "0.25rem 1.5rem",
} as const;

function Group({
  name,
  legend,
  required,
  errors,
  hint,
  horizontal = false,
  children,
}: {
  name: string;
  legend: string;
  required: boolean;
  errors?: string[];
  hint?: string;
  horizontal?: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const errorId = errors?.length ? `${name}-error` : undefined;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <fieldset
      className={
        errors?.length
          ? "kern-fieldset feedback-item feedback-item--error"
          : "kern-fieldset feedback-item"
      }
      id={`group-${name}`}
      style={{ marginBlockEnd: "1.5rem" }}
      aria-describedby={
        [hintId, errorId].filter(Boolean).join(" ") || undefined
      }
    >
      <legend className="kern-label">
        {legend}
        {required ? (
          <>
            {" "}
            <span aria-hidden="true">*</span>
            <span className="kern-sr-only">
              ({t("feedback.answer.required")})
            </span>
          </>
        ) : null}
      </legend>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <div
        className="kern-fieldset__body feedback-item__choices"
        style={horizontal ? ROW : undefined}
      >
        {children}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

function Choice({
  type,
  name,
  value,
  label,
  checked,
  required,
}: {
  type: "radio" | "checkbox";
  name: string;
  value: string;
  label: string;
  checked: boolean;
  required?: boolean;
}) {
  const id = `${name}-${value}`;
  return (
    <div className="kern-form-check">
      <input
        className={
          type === "radio"
            ? "kern-form-check__radio"
            : "kern-form-check__checkbox"
        }
        type={type}
        id={id}
        name={name}
        value={value}
        defaultChecked={checked}
        required={required}
      />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

export function FeedbackItemField({
  item,
  kept,
  errors,
}: {
  item: FeedbackFormItem;
  kept: KeptValues | null;
  errors?: string[];
}) {
  const { t } = useTranslation();
  const name = fieldOf(item.id);
  const chosen = new Set(kept?.[name] ?? []);
  if (item.type === "TEXT") {
    const errorId = errors?.length ? `${name}-error` : undefined;
    return (
      <div
        className={
          errors?.length
            ? "kern-form-input kern-form-input--error feedback-item"
            : "kern-form-input feedback-item"
        }
      >
        <label className="kern-label" htmlFor={name}>
          {item.text}
          {item.required ? (
            <>
              {" "}
              <span aria-hidden="true">*</span>
              <span className="kern-sr-only">
                ({t("feedback.answer.required")})
              </span>
            </>
          ) : null}
        </label>
        <textarea
          className="kern-form-input__input"
          id={name}
          name={name}
          rows={3}
          maxLength={2000}
          defaultValue={kept?.[name]?.[0] ?? ""}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errorId}
        />
        <ErrorList id={errorId} errors={errors} />
      </div>
    );
  }
  if (item.type === "SCALE5") {
    return (
      <Group
        name={name}
        legend={item.text}
        required={item.required}
        errors={errors}
        horizontal
      >
        {[1, 2, 3, 4, 5].map((v) => (
          <Choice
            key={v}
            type="radio"
            name={name}
            value={String(v)}
            label={`${v} – ${t(`feedback.answer.scale.${v}`)}`}
            checked={chosen.has(String(v))}
          />
        ))}
      </Group>
    );
  }
  if (item.type === "NPS") {
    return (
      <Group
        name={name}
        legend={item.text}
        required={item.required}
        errors={errors}
        hint={`${t("feedback.answer.npsLow")}, ${t("feedback.answer.npsHigh")}`}
        horizontal
      >
        {Array.from({ length: 11 }, (_, v) => (
          <Choice
            key={v}
            type="radio"
            name={name}
            value={String(v)}
            label={String(v)}
            checked={chosen.has(String(v))}
          />
        ))}
      </Group>
    );
  }
  return (
    <Group
      name={name}
      legend={item.text}
      required={item.required}
      errors={errors}
    >
      {item.options.map((o) => (
        <Choice
          key={o.value}
          type={item.type === "SINGLE" ? "radio" : "checkbox"}
          name={name}
          value={o.value}
          label={o.label}
          checked={chosen.has(o.value)}
        />
      ))}
    </Group>
  );
}

/** Before/after self-rating of one target competency: two radio groups over the framework's scale. */
export function FeedbackGainField({
  gain,
  kept,
  fieldErrors,
}: {
  gain: FeedbackGain;
  kept: KeptValues | null;
  fieldErrors: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  const competency = `${gain.code} ${gain.name}`;
  return (
    <div className="feedback-gain">
      {(["before", "after"] as const).map((when) => {
        const name = `${when}-${gain.lineageId}`;
        const chosen = kept?.[name]?.[0] ?? "";
        return (
          <Group
            key={when}
            name={name}
            legend={t(
              when === "before"
                ? "feedback.answer.gainBefore"
                : "feedback.answer.gainAfter",
              { competency }
            )}
            required={false}
            errors={fieldErrors[name]}
            horizontal
          >
            <Choice
              type="radio"
              name={name}
              value=""
              label={t("feedback.answer.gainNone")}
              checked={chosen === ""}
            />
            {gain.levels.map((l) => (
              <Choice
                key={l.ordinal}
                type="radio"
                name={name}
                value={String(l.ordinal)}
                label={`${l.ordinal} – ${l.label}`}
                checked={chosen === String(l.ordinal)}
              />
            ))}
          </Group>
        );
      })}
    </div>
  );
}

/** Every value of the form, checkbox groups included (valuesOf keeps only one per name). */
export function allValuesOf(formData: FormData): KeptValues {
  const out: KeptValues = {};
  for (const [key, value] of formData.entries())
    if (typeof value === "string") (out[key] ??= []).push(value);
  return out;
}

type Item = {
  kind: "IMMEDIATE" | "TRANSFER_PARTICIPANT" | "TRANSFER_LEADER";
  training: { title: string };
  subject: string | null;
};

/** The heading of a request in lists and on its page. */
export function useFeedbackRequestTitle() {
  const { t } = useTranslation();
  return (item: Item) =>
    item.kind === "IMMEDIATE"
      ? t("feedback.mine.itemImmediate", { training: item.training.title })
      : item.kind === "TRANSFER_PARTICIPANT"
      ? t("feedback.mine.itemTransfer", { training: item.training.title })
      : t("feedback.mine.itemLeader", {
          training: item.training.title,
          person: item.subject ?? "",
        });
}
