// The Anforderungsprofil of a position: a printable page (print.css) with a PDF download.
// `$positionId_` keeps the page out of the position profile page's layout (stellenprofile.$positionId.tsx):
// same URL, /stellenprofile/<id>/anforderungsprofil, but rendered on its own.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { getPositionProfile } from "~/modules/competency/profiles.server.ts";
import { toRequirementProfile } from "~/modules/competency/requirement-profile-pdf.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import printStyles from "~/styles/print.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Anforderungsprofil ${data.profile.position.code} – Lernreise` : "Anforderungsprofil – Lernreise" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:profile:own");
  const positionId = params.positionId ?? "";
  const result = await run(() => getPositionProfile(db, actor, positionId));
  return { profile: toRequirementProfile(result) };
}

/** window.print() needs JavaScript: the button appears only once the page is hydrated. */
function PrintButton({ label }: { label: string }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  return (
    <button type="button" className="kern-btn kern-btn--primary no-print" onClick={() => window.print()}>
      <span className="kern-label">{label}</span>
    </button>
  );
}

export default function RequirementProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const { position, orgUnit, groups, attributions } = profile;
  return (
    <article className="requirement-profile" aria-labelledby="requirement-profile-title">
      <div className="page-header">
        <p className="kern-preline">{t("requirementProfile.preline")}</p>
        <h1 id="requirement-profile-title" className="kern-heading-large">
          {t("requirementProfile.title")}
        </h1>
        <p className="kern-body">
          {position.title} <span className="muted">({position.code})</span>
        </p>
      </div>

      <div className="print-actions no-print" role="group" aria-label={t("requirementProfile.actions")}>
        <PrintButton label={t("requirementProfile.print")} />
        <a className="kern-btn kern-btn--secondary" href={`/stellenprofile/${encodeURIComponent(position.id)}/anforderungsprofil.pdf`} download>
          <span className="kern-label">{t("requirementProfile.downloadPdf")}</span>
        </a>
      </div>

      <section className="panel" aria-labelledby="requirement-profile-position">
        <h2 id="requirement-profile-position" className="kern-heading-medium">
          {t("requirementProfile.details")}
        </h2>
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("requirementProfile.position")}</dt>
            <dd className="kern-description-list-item__value">{position.title}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("requirementProfile.code")}</dt>
            <dd className="kern-description-list-item__value">{position.code}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("requirementProfile.orgUnit")}</dt>
            <dd className="kern-description-list-item__value">
              {orgUnit.code} {orgUnit.name}
            </dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("requirementProfile.payGrade")}</dt>
            <dd className="kern-description-list-item__value">{position.payGrade || "–"}</dd>
          </div>
        </dl>
        <h3 className="kern-heading-small requirement-subheading">{t("requirementProfile.jobDescription")}</h3>
        <p className="job-description">{position.jobDescription.trim() || t("requirementProfile.noJobDescription")}</p>
      </section>

      <section className="panel" aria-labelledby="requirement-profile-requirements">
        <h2 id="requirement-profile-requirements" className="kern-heading-medium">
          {t("requirementProfile.requirements")}
        </h2>
        {groups.length === 0 ? (
          <p className="kern-body">{t("requirementProfile.empty")}</p>
        ) : (
          groups.map((group) => (
            <div key={group.importance} className="requirement-group">
              <h3 id={`importance-${group.importance}`} className="kern-heading-small">
                {t(`requirementProfile.importance.${group.importance}`)}
              </h3>
              <div className="kern-table-responsive">
                <table className="kern-table requirement-table" aria-labelledby={`importance-${group.importance}`}>
                  <thead className="kern-table__header">
                    <tr>
                      <th scope="col">{t("requirementProfile.competency")}</th>
                      <th scope="col">{t("requirementProfile.targetLevel")}</th>
                      <th scope="col">{t("requirementProfile.descriptor")}</th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {group.rows.map((row) => (
                      <tr key={`${row.framework}:${row.code}`}>
                        <td>
                          <span className="muted">{row.code}</span> {row.name}
                        </td>
                        <td>{row.level}</td>
                        <td className="job-description">{row.descriptor ?? "–"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))
        )}
        {attributions.length ? (
          <div className="requirement-attributions">
            <h3 className="kern-heading-small">{t("requirementProfile.attributions")}</h3>
            <ul>
              {attributions.map((a) => (
                <li key={a.framework}>
                  <strong>{a.framework}</strong>
                  {a.text ? `: ${a.text}` : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <p className="muted">{t("requirementProfile.printedAt", { date: formatDate(profile.printedAt, locale) })}</p>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
