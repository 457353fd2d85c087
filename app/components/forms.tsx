import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

/** Translates a validation message that is an i18n key; plain text passes through unchanged. */
export function useMessage() {
  const { t } = useTranslation();
  return (message: string) => t(message, { defaultValue: message });
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const message = useMessage();
  if (!errors?.length) return null;
  return (
    <div id={id}>
      {errors.map((error) => (
        <p key={error} className="kern-error" role="alert">
          <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span className="kern-body">{message(error)}</span>
        </p>
      ))}
    </div>
  );
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string; name: string };
}

export function Field({ label, hint, errors, inputProps }: FieldProps) {
  const errorId = errors?.length ? `${inputProps.id}-error` : undefined;
  const hintId = hint ? `${inputProps.id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={errors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={inputProps.id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <input
        className={errors?.length ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        {...inputProps}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

interface SelectFieldProps {
  label: ReactNode;
  options: { value: string; label: string }[];
  selectProps: SelectHTMLAttributes<HTMLSelectElement> & { id: string; name: string };
}

export function SelectField({ label, options, selectProps }: SelectFieldProps) {
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={selectProps.id}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" {...selectProps}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function CheckboxField({ label, inputProps }: { label: ReactNode; inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string; name: string } }) {
  return (
    <div className="kern-form-check">
      <input className="kern-form-check__checkbox" type="checkbox" {...inputProps} />
      <label className="kern-label" htmlFor={inputProps.id}>
        {label}
      </label>
    </div>
  );
}

export function Alert({ tone, title, children }: { tone: "danger" | "info" | "success" | "warning"; title: ReactNode; children?: ReactNode }) {
  return (
    <div className={`kern-alert kern-alert--${tone}`} role={tone === "danger" ? "alert" : "status"}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${tone === "danger" ? "danger" : tone} kern-icon--default`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}
