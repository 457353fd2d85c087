import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

export interface PersonRow {
  id: string;
  personnelNumber: string;
  firstName: string;
  lastName: string;
  status: string;
  orgUnit: { code: string; name: string } | null;
  position: { title: string } | null;
}

export function PeopleTable({ people, caption }: { people: PersonRow[]; caption: string }) {
  const { t } = useTranslation();
  if (!people.length) return <p className="kern-body">{t("people.empty")}</p>;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{t("person.name")}</th>
            <th scope="col">{t("person.personnelNumber")}</th>
            <th scope="col">{t("person.position")}</th>
            <th scope="col">{t("person.orgUnit")}</th>
            <th scope="col">{t("person.status")}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                <Link className="kern-link" to={`/personen/${p.id}`}>
                  {p.lastName}, {p.firstName}
                </Link>
              </td>
              <td>{p.personnelNumber}</td>
              <td>{p.position?.title ?? "–"}</td>
              <td>{p.orgUnit ? `${p.orgUnit.code} ${p.orgUnit.name}` : "–"}</td>
              <td>{t(`status.${p.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pagination({ page, pageCount, total }: { page: number; pageCount: number; total: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const hrefFor = (target: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(target));
    return `?${next.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <span className="result-count" role="status">
        {t("pagination.summary", { total: formatNumber(total, locale), page: formatNumber(page, locale), pages: formatNumber(pageCount, locale) })}
      </span>
      {page > 1 ? (
        <Link className="kern-link" to={hrefFor(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : null}
      {page < pageCount ? (
        <Link className="kern-link" to={hrefFor(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
