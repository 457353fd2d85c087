// Small pieces of the HR pages "Personalverwaltung" and "Befreiungen".
import { Link } from "@remix-run/react";
import type { ReactNode, SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "./forms.tsx";

/** A select with a hint and error messages (the shared SelectField has neither). */
export function ChoiceField({
  label,
  hint,
  errors,
  options,
  selectProps,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  options: { value: string; label: string }[];
  selectProps: SelectHTMLAttributes<HTMLSelectElement> & { id: string; name: string };
}) {
  const errorId = errors?.length ? `${selectProps.id}-error` : undefined;
  const hintId = hint ? `${selectProps.id}-hint` : undefined;
  return (
    <div className={errors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={selectProps.id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <div className="kern-form-input__select-wrapper">
        <select
          className="kern-form-input__select"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
          {...selectProps}
        >
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

/** Personen › Name › current page. */
export function PersonBreadcrumb({ person, current }: { person: { id: string; firstName: string; lastName: string }; current: string }) {
  const { t } = useTranslation();
  return (
    <nav className="breadcrumb" aria-label={t("lifeEvents.breadcrumb")}>
      <ol>
        <li>
          <Link className="kern-link" to="/personen">
            {t("lifeEvents.people")}
          </Link>
        </li>
        <li>
          <Link className="kern-link" to={`/personen/${person.id}`}>
            {person.firstName} {person.lastName}
          </Link>
        </li>
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}

export function SubmitButton({ children, tone = "primary", size }: { children: ReactNode; tone?: "primary" | "secondary" | "tertiary"; size?: "x-small" }) {
  return (
    <button type="submit" className={`kern-btn kern-btn--${tone}${size ? ` kern-btn--${size}` : ""}`}>
      <span className="kern-label">{children}</span>
    </button>
  );
}
