import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "./forms.tsx";

export interface CompetencyOptions {
  id: string;
  name: string;
  nodes: { id: string; code: string; name: string }[];
}

export interface ChosenCompetency {
  id: string;
  code: string;
  name: string;
  description: string;
  descriptors: { ordinal: number; text: string }[];
  framework: { name: string; scale: { levels: { ordinal: number; label: string; band: string | null }[] } };
}

/**
 * Adding a requirement in two steps that work without JavaScript: choose the competency (GET),
 * then choose the level while reading each level's descriptor, and the importance (POST).
 */
export function RequirementForm({
  frameworks,
  chosen,
  intent,
  current,
  errors,
}: {
  frameworks: CompetencyOptions[];
  chosen: ChosenCompetency | null;
  intent: string;
  current?: { targetLevel: number; importance: string } | null;
  errors?: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  if (!chosen) {
    return (
      <Form method="get" className="form-stack">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${intent}-competency`}>
            {t("profiles.chooseCompetency")}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id={`${intent}-competency`} name="competency" required>
              {frameworks.map((f) => (
                <optgroup key={f.id} label={f.name}>
                  {f.nodes.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.code} {n.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        </div>
        <button className="kern-btn kern-btn--secondary" type="submit">
          <span className="kern-label">{t("profiles.next")}</span>
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" className="form-stack" action="?">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="competencyId" value={chosen.id} />
      <p>
        <strong>
          {chosen.code} {chosen.name}
        </strong>{" "}
        <span className="muted">({chosen.framework.name})</span>
      </p>
      {chosen.description ? <p className="muted job-description">{chosen.description}</p> : null}
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t("profiles.targetLevel")}</legend>
        <div className="kern-fieldset__body">
          {chosen.framework.scale.levels.map((level) => {
            const descriptor = chosen.descriptors.find((d) => d.ordinal === level.ordinal)?.text;
            return (
              <div className="kern-form-check" key={level.ordinal}>
                <input
                  className="kern-form-check__radio"
                  type="radio"
                  id={`${intent}-level-${level.ordinal}`}
                  name="targetLevel"
                  value={level.ordinal}
                  required
                  defaultChecked={current ? current.targetLevel === level.ordinal : level.ordinal === 2}
                />
                <label className="kern-label" htmlFor={`${intent}-level-${level.ordinal}`}>
                  <strong>
                    {level.ordinal} – {level.label}
                  </strong>
                  {level.band ? ` (${level.band})` : ""}
                  {descriptor ? <span className="level-descriptor">{descriptor}</span> : null}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <SelectField
        label={t("profiles.importance")}
        options={["ESSENTIAL", "IMPORTANT", "DESIRABLE"].map((i) => ({ value: i, label: t(`importance.${i}`) }))}
        selectProps={{ id: `${intent}-importance`, name: "importance", defaultValue: current?.importance ?? "IMPORTANT" }}
      />
      {errors
        ? Object.values(errors)
            .flat()
            .map((e) => (
              <p key={e} className="kern-error" role="alert">
                <span className="kern-body">{t(e, { defaultValue: e })}</span>
              </p>
            ))
        : null}
      <div className="btn-row">
        <button className="kern-btn kern-btn--primary" type="submit">
          <span className="kern-label">{t("profiles.saveRequirement")}</span>
        </button>
        <Link className="kern-link" to="?">
          {t("profiles.cancel")}
        </Link>
      </div>
    </Form>
  );
}
