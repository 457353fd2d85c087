import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCatalogueCompetencies, searchCatalogue } from "~/modules/training/catalogue.server.ts";
import { parseCatalogueQuery, TRAINING_FORMATS, TRAINING_STATUSES } from "~/modules/training/schemas.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { CheckboxField, Field, SelectField } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { durationText, formatWeekdayDate, SeatsText, StatusBadge } from "~/components/catalogue.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import catalogueStyles from "~/styles/catalogue.css";

export const meta: MetaFunction = () => [{ title: "Schulungskatalog – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: catalogueStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:training:any");
  const query = parseCatalogueQuery(request.url);
  const [result, competencies] = await Promise.all([
    run(() => searchCatalogue(db, actor, query, { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS })),
    listCatalogueCompetencies(db, actor),
  ]);
  return { ...result, competencies, query, hasPerson: !!actor.personId };
}

export default function CataloguePage() {
  const { trainings, total, page, pageCount, competencies, query, editor, hasGaps, hasPerson } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const filtered = !!(query.q || query.competency || query.format || query.from || query.to || query.free || query.gaps || (query.status && query.status !== "ALL"));
  return (
    <>
      <PageHeader title={t("catalogue.title")} intro={t("catalogue.intro")} />
      {editor ? (
        <p>
          <Link className="kern-btn kern-btn--primary" to="/schulungen/neu">
            <span className="kern-label">{t("catalogue.new")}</span>
          </Link>
        </p>
      ) : null}
      <FilterForm label={t("catalogue.filterLabel")}>
        <Field label={t("catalogue.filter.q")} inputProps={{ id: "q", name: "q", type: "search", defaultValue: query.q ?? "" }} />
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="competency">
            {t("catalogue.filter.competency")}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id="competency" name="competency" defaultValue={query.competency ?? ""}>
              <option value="">{t("catalogue.filter.allCompetencies")}</option>
              {competencies.map((group) => (
                <optgroup key={group.framework} label={group.framework}>
                  {group.items.map((c) => (
                    <option key={c.lineageId} value={c.lineageId}>
                      {c.code} {c.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        </div>
        <SelectField
          label={t("catalogue.filter.format")}
          options={[{ value: "", label: t("catalogue.filter.allFormats") }, ...TRAINING_FORMATS.map((f) => ({ value: f, label: t(`catalogue.format.${f}`) }))]}
          selectProps={{ id: "format", name: "format", defaultValue: query.format ?? "" }}
        />
        <fieldset className="kern-fieldset date-range">
          <legend className="kern-label">{t("catalogue.filter.period")}</legend>
          <div className="date-range__fields">
            <Field label={t("catalogue.filter.from")} inputProps={{ id: "from", name: "from", type: "date", defaultValue: query.from ?? "" }} />
            <Field label={t("catalogue.filter.to")} inputProps={{ id: "to", name: "to", type: "date", defaultValue: query.to ?? "" }} />
          </div>
        </fieldset>
        {editor ? (
          <SelectField
            label={t("catalogue.filter.status")}
            options={["ALL", ...TRAINING_STATUSES].map((s) => ({ value: s, label: t(`catalogue.statusFilter.${s}`) }))}
            selectProps={{ id: "status", name: "status", defaultValue: query.status ?? "ALL" }}
          />
        ) : null}
        <div className="filter-checks">
          <CheckboxField label={t("catalogue.filter.free")} inputProps={{ id: "free", name: "free", value: "1", defaultChecked: query.free }} />
          {hasPerson ? <CheckboxField label={t("catalogue.filter.gaps")} inputProps={{ id: "gaps", name: "gaps", value: "1", defaultChecked: query.gaps }} /> : null}
        </div>
      </FilterForm>
      <p className="result-count" role="status">
        {t("catalogue.resultCount", { count: total, formatted: formatNumber(total, locale) })}
      </p>
      {query.gaps && !hasGaps ? <p className="kern-body">{t("catalogue.noGaps")}</p> : null}
      {trainings.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped catalogue-table">
            <caption className="kern-sr-only">{t("catalogue.tableCaption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("catalogue.col.training")}</th>
                <th scope="col">{t("catalogue.col.format")}</th>
                <th scope="col" className="kern-table__header--numeric">
                  {t("catalogue.col.duration")}
                </th>
                <th scope="col">{query.from || query.to || query.free ? t("catalogue.col.matchingSession") : t("catalogue.col.nextSession")}</th>
                <th scope="col">{t("catalogue.col.seats")}</th>
                {editor ? <th scope="col">{t("catalogue.col.status")}</th> : null}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {trainings.map((training) => (
                <tr key={training.id}>
                  <th scope="row">
                    <Link className="kern-link" to={`/schulungen/${training.id}`}>
                      {training.title}
                    </Link>
                    <span className="muted training-meta">
                      {training.code}
                      {training.provider ? ` · ${training.provider}` : ""}
                    </span>
                    {training.closesGaps.length ? (
                      <span className="gap-badge">
                        <span className="kern-badge kern-badge--success">{t("catalogue.closesGapBadge")}</span>{" "}
                        <span className="gap-badge__text">{training.closesGaps.map((g) => `${g.code} ${g.name}`).join(", ")}</span>
                      </span>
                    ) : null}
                  </th>
                  <td>{t(`catalogue.format.${training.format}`)}</td>
                  <td className="kern-table__cell--numeric">{durationText(training.durationMinutes, locale, t)}</td>
                  <td>
                    {training.nextSession ? (
                      <>
                        {formatWeekdayDate(training.nextSession.startsAt, locale)}
                        {training.upcomingSessions > 1 ? <span className="muted training-meta">{t("catalogue.moreSessions", { count: training.upcomingSessions - 1 })}</span> : null}
                      </>
                    ) : (
                      <span className="muted">{training.format === "ELEARNING" ? t("catalogue.anytime") : t("catalogue.noSession")}</span>
                    )}
                  </td>
                  <td>{training.nextSession ? <SeatsText session={training.nextSession} /> : "–"}</td>
                  {editor ? (
                    <td>
                      <StatusBadge status={training.status} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="kern-body">{filtered ? t("catalogue.emptyFiltered") : t("catalogue.empty")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
