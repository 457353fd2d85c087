import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";

export interface RequirementRow {
  competency: {
    id: string;
    code: string;
    name: string;
    descriptors: { ordinal: number; text: string }[];
    framework: { name: string; scale: { levels: { ordinal: number; label: string; band: string | null }[] } };
  };
  targetLevel: number;
  importance: string;
  source?: "role" | "position" | "override";
}

/** Required competencies with target level, its descriptor and importance. */
export function RequirementTable({ rows, caption, actions }: { rows: RequirementRow[]; caption: string; actions?: (row: RequirementRow) => ReactNode }) {
  const { t } = useTranslation();
  if (!rows.length) return <p>{t("profiles.noRequirements")}</p>;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{t("profiles.competency")}</th>
            <th scope="col">{t("profiles.targetLevel")}</th>
            <th scope="col">{t("profiles.descriptor")}</th>
            <th scope="col">{t("profiles.importance")}</th>
            {rows.some((r) => r.source) ? <th scope="col">{t("profiles.source")}</th> : null}
            {actions ? <th scope="col">{t("profiles.actions")}</th> : null}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => {
            const level = r.competency.framework.scale.levels.find((l) => l.ordinal === r.targetLevel);
            return (
              <tr key={r.competency.id}>
                <td>
                  <strong>
                    {r.competency.code} {r.competency.name}
                  </strong>
                  <br />
                  <span className="muted">{r.competency.framework.name}</span>
                </td>
                <td>
                  {r.targetLevel}
                  {level ? ` – ${level.label}` : ""}
                </td>
                <td>{r.competency.descriptors.find((d) => d.ordinal === r.targetLevel)?.text ?? "–"}</td>
                <td>{t(`importance.${r.importance}`)}</td>
                {r.source ? <td>{t(`profiles.sourceKind.${r.source}`)}</td> : rows.some((x) => x.source) ? <td /> : null}
                {actions ? <td>{actions(r)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
