import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "./forms.tsx";

export interface ScaleLevel {
  ordinal: number;
  label: string;
  band: string | null;
}

/** "3 – Sicher" for a level of a scale; "–" when there is none. */
export function levelText(levels: readonly ScaleLevel[], ordinal: number | null | undefined) {
  if (ordinal === null || ordinal === undefined) return "–";
  const level = levels.find((l) => l.ordinal === ordinal);
  return level ? `${level.ordinal} – ${level.label}` : String(ordinal);
}

/**
 * Choosing a level while reading each level's descriptor (the pattern of the requirement form):
 * a radio group that works without JavaScript and shows the server's messages next to it.
 */
export function LevelChoice({
  name,
  legend,
  levels,
  descriptors,
  value,
  targetLevel,
  errors,
  hint,
}: {
  name: string;
  legend: ReactNode;
  levels: readonly ScaleLevel[];
  descriptors: readonly { ordinal: number; text: string }[];
  value?: number | null;
  /** Marks the level the position requires. */
  targetLevel?: number;
  errors?: string[] | null;
  hint?: ReactNode;
}) {
  const { t } = useTranslation();
  const errorId = errors?.length ? `${name}-error` : undefined;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <fieldset
      className={errors?.length ? "kern-fieldset level-choice level-choice--error" : "kern-fieldset level-choice"}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
    >
      <legend className="kern-label">{legend}</legend>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <div className="kern-fieldset__body">
        {levels.map((level) => {
          const descriptor = descriptors.find((d) => d.ordinal === level.ordinal)?.text;
          const id = `${name}-${level.ordinal}`;
          return (
            <div className="kern-form-check" key={level.ordinal}>
              <input className="kern-form-check__radio" type="radio" id={id} name={name} value={level.ordinal} defaultChecked={value === level.ordinal} />
              <label className="kern-label" htmlFor={id}>
                <strong>
                  {level.ordinal} – {level.label}
                </strong>
                {level.band ? ` (${level.band})` : ""}
                {targetLevel === level.ordinal ? <span className="kern-badge kern-badge--info target-mark">{t("assessment.targetMark")}</span> : null}
                {descriptor ? <span className="level-descriptor">{descriptor}</span> : null}
              </label>
            </div>
          );
        })}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
