import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { getPersonProfile } from "~/modules/org/org.server.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

type Profile = Awaited<ReturnType<typeof getPersonProfile>>;
// Dates arrive as Date objects through single fetch.
type Props = { profile: Profile; own: boolean };

export function PersonProfile({ profile, own }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { person, current, past, future, leaders, breadcrumb } = profile;
  return (
    <>
      <div className="page-header">
        <p className="kern-preline">{own ? t("profile.ownPreline") : t("profile.preline")}</p>
        <h1 className="kern-heading-large">
          {person.firstName} {person.lastName}
        </h1>
        <p className="kern-body">
          {current[0]?.position.title ?? t("profile.noPosition")}
          {person.orgUnit ? ` · ${person.orgUnit.code} ${person.orgUnit.name}` : ""}
        </p>
      </div>
      <section className="panel" aria-labelledby="person-data">
        <h2 id="person-data" className="kern-heading-medium">
          {t("profile.data")}
        </h2>
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("person.personnelNumber")}</dt>
            <dd className="kern-description-list-item__value">{person.personnelNumber}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("person.email")}</dt>
            <dd className="kern-description-list-item__value">{person.email}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("person.status")}</dt>
            <dd className="kern-description-list-item__value">{t(`status.${person.status}`)}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("person.entryDate")}</dt>
            <dd className="kern-description-list-item__value">{formatDate(person.entryDate, locale)}</dd>
          </div>
          {person.exitDate ? (
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("person.exitDate")}</dt>
              <dd className="kern-description-list-item__value">{formatDate(person.exitDate, locale)}</dd>
            </div>
          ) : null}
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("person.orgUnit")}</dt>
            <dd className="kern-description-list-item__value">
              {breadcrumb.length ? breadcrumb.map((u) => `${u.code} ${u.name}`).join(" › ") : "–"}
            </dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="person-leaders">
        <h2 id="person-leaders" className="kern-heading-medium">
          {t("profile.leaders")}
        </h2>
        {leaders.length ? (
          <ol>
            {leaders.map((l) => (
              <li key={l.unit.id}>
                {l.leader.firstName} {l.leader.lastName} <span className="muted">({t("profile.leaderOf", { unit: `${l.unit.code} ${l.unit.name}` })})</span>
                {l.deputy ? (
                  <span className="muted">
                    {" "}
                    – {t("profile.deputy")}: {l.deputy.firstName} {l.deputy.lastName}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("profile.noLeaders")}</p>
        )}
        {person.leads.length || person.deputyOf.length ? (
          <p>
            {t("profile.leadsUnits")}: {[...person.leads, ...person.deputyOf].map((u) => `${u.code} ${u.name}`).join(", ")}
          </p>
        ) : null}
      </section>

      {current.map((a) => (
        <section className="panel" key={a.id} aria-labelledby={`position-${a.id}`}>
          <p className="kern-preline">{t("profile.currentPosition")}</p>
          <h2 id={`position-${a.id}`} className="kern-heading-medium">
            {a.position.title} <span className="muted">({a.position.code})</span>
          </h2>
          <dl className="kern-description-list">
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("position.orgUnit")}</dt>
              <dd className="kern-description-list-item__value">
                {a.position.orgUnit.code} {a.position.orgUnit.name}
              </dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("position.payGrade")}</dt>
              <dd className="kern-description-list-item__value">{a.position.payGrade ?? "–"}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("position.since")}</dt>
              <dd className="kern-description-list-item__value">{formatDate(a.startDate, locale)}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("position.fte")}</dt>
              <dd className="kern-description-list-item__value">{formatNumber(a.fte * 100, locale, { maximumFractionDigits: 1 })} %</dd>
            </div>
          </dl>
          <h3 className="kern-heading-small">{t("position.jobDescription")}</h3>
          <p className="job-description">{a.position.jobDescription || t("position.noJobDescription")}</p>
          <p>
            <Link className="kern-link" to={`/stellenprofile/${a.position.id}`}>
              {t("profile.positionProfileLink")}
            </Link>
          </p>
        </section>
      ))}

      <p className="btn-row">
        <Link className="kern-link" to={own ? "/kompetenzen" : `/personen/${person.id}/kompetenzen`}>
          {t("profile.competenciesLink")}
        </Link>
        <Link className="kern-link" to={own ? "/einschaetzungen" : `/einschaetzungen?person=${person.id}`}>
          {t("profile.assessmentsLink")}
        </Link>
      </p>

      {past.length || future.length ? (
        <section className="panel" aria-labelledby="person-history">
          <h2 id="person-history" className="kern-heading-medium">
            {t("profile.history")}
          </h2>
          <div className="kern-table-responsive">
            <table className="kern-table">
              <caption className="kern-sr-only">{t("profile.history")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("position.title")}</th>
                  <th scope="col">{t("position.orgUnit")}</th>
                  <th scope="col">{t("position.from")}</th>
                  <th scope="col">{t("position.to")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {[...future, ...past].map((a) => (
                  <tr key={a.id}>
                    <td>{a.position.title}</td>
                    <td>
                      {a.position.orgUnit.code} {a.position.orgUnit.name}
                    </td>
                    <td>{formatDate(a.startDate, locale)}</td>
                    <td>{formatDate(a.endDate, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {!own ? (
        <p>
          <Link className="kern-link" to={profile.access === "team" ? "/team" : "/personen"}>
            {profile.access === "team" ? t("profile.backToTeam") : t("profile.backToPeople")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
