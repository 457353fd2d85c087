import type { ReactNode } from "react";
import { ErrorList } from "./forms.tsx";

export function TextAreaField({
  label,
  hint,
  errors,
  id,
  name,
  defaultValue,
  rows = 3,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  id: string;
  name: string;
  defaultValue?: string;
  rows?: number;
}) {
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
      <textarea
        className="kern-form-input__input"
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
