import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOrgUnitLevel } from "~/modules/org/org.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.unit ? `${data.unit.code} ${data.unit.name} – Lernreise` : "Organisation – Lernreise" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:org:any");
  return run(() => getOrgUnitLevel(db, actor, params.unitId ?? null));
}

export default function OrganisationPage() {
  const { unit, breadcrumb, children, directCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <nav className="breadcrumb" aria-label={t("org.breadcrumb")}>
        <ol>
          <li>{unit ? <Link className="kern-link" to="/organisation">{t("org.root")}</Link> : <span aria-current="page">{t("org.root")}</span>}</li>
          {breadcrumb.map((b) => (
            <li key={b.id}>
              {b.id === unit?.id ? (
                <span aria-current="page">
                  {b.code} {b.name}
                </span>
              ) : (
                <Link className="kern-link" to={`/organisation/${b.id}`}>
                  {b.code} {b.name}
                </Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="page-header">
        <h1 className="kern-heading-large">{unit ? `${unit.code} ${unit.name}` : t("org.title")}</h1>
        {unit ? (
          <p className="kern-body">
            {t(`orgType.${unit.type}`)} ·{" "}
            {unit.leader ? (
              <>
                {t("org.leader")}:{" "}
                <Link className="kern-link" to={`/personen/${unit.leader.id}`}>
                  {unit.leader.firstName} {unit.leader.lastName}
                </Link>
              </>
            ) : (
              t("org.noLeader")
            )}
            {unit.deputy ? (
              <>
                {" "}
                · {t("org.deputy")}:{" "}
                <Link className="kern-link" to={`/personen/${unit.deputy.id}`}>
                  {unit.deputy.firstName} {unit.deputy.lastName}
                </Link>
              </>
            ) : null}
          </p>
        ) : (
          <p className="kern-body">{t("org.intro")}</p>
        )}
      </div>
      {unit ? (
        <p>
          <Link className="kern-link" to={`/personen?unit=${unit.id}&sub=1`}>
            {t("org.peopleInSubtree")}
          </Link>{" "}
          ·{" "}
          <Link className="kern-link" to={`/personen?unit=${unit.id}&sub=0`}>
            {t("org.peopleDirect", { count: directCount, formatted: formatNumber(directCount, locale) })}
          </Link>
        </p>
      ) : null}
      <section className="panel" aria-labelledby="sub-units">
        <h2 id="sub-units" className="kern-heading-medium">
          {unit ? t("org.subUnits") : t("org.topUnits")}
        </h2>
        {children.length ? (
          <ul className="tree-list">
            {children.map((c) => (
              <li key={c.id}>
                <span>
                  <Link className="kern-link" to={`/organisation/${c.id}`}>
                    {c.code} {c.name}
                  </Link>{" "}
                  <span className="muted">({t(`orgType.${c.type}`)})</span>
                </span>
                <span className="muted">
                  {c.leader ? `${c.leader.firstName} ${c.leader.lastName} · ` : `${t("org.noLeader")} · `}
                  {t("org.headCount", { count: c.headCount, formatted: formatNumber(c.headCount, locale) })}
                  {c._count.children ? ` · ${t("org.childCount", { count: c._count.children })}` : ""}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("org.noSubUnits")}</p>
        )}
      </section>
      {unit && unit.positions.length ? (
        <section className="panel" aria-labelledby="positions">
          <h2 id="positions" className="kern-heading-medium">
            {t("org.positions")}
          </h2>
          <div className="kern-table-responsive">
            <table className="kern-table">
              <caption className="kern-sr-only">{t("org.positions")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("position.code")}</th>
                  <th scope="col">{t("position.title")}</th>
                  <th scope="col">{t("position.payGrade")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {unit.positions.map((p) => (
                  <tr key={p.id}>
                    <td>{p.code}</td>
                    <td>
                      <Link className="kern-link" to={`/personen?position=${p.id}&status=CURRENT`}>
                        {p.title}
                      </Link>
                    </td>
                    <td>{p.payGrade ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
