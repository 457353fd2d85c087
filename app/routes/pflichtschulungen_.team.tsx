import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { getCockpit, parseCockpitQuery, remindRequirements } from "~/modules/compliance/cockpit.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, SelectField, useMessage } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { ComplianceBarChart, ComplianceStatusBadge, formatRate } from "~/components/compliance-cockpit.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import cockpitStyles from "~/styles/compliance-cockpit.css";

export const meta: MetaFunction = () => [{ title: "Pflichtschulungen im Team – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: cockpitStyles }];

// Filter values of the open-items list (mirrors ITEM_FILTERS of the module, which is server-only).
const STATUS_FILTERS = ["overdue", "due30", "later", "OVERDUE", "EXPIRED", "DUE_SOON", "NOT_DUE"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  // Leaders (team) and HR development (any); the module checks the unit against the actor's scope.
  const actor = await requireUserWithPermission(request, "read:compliance:team");
  const query = parseCockpitQuery(new URL(request.url).searchParams);
  return run(() => getCockpit(db, actor, query));
}

type RemindSuccess = { ok: true; intent: "remind"; sent: number; people: number; alreadyToday: number; notOpen: number };

export async function action({ request }: ActionFunctionArgs): Promise<RemindSuccess | FormFailure> {
  const actor = await requireUserWithPermission(request, "update:compliance:team");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent !== "remind") throw new Response("Unbekannte Aktion", { status: 400 });
  const requirementIds = formData.getAll("requirementId").filter((v): v is string => typeof v === "string");
  try {
    const result = await remindRequirements(db, actor, { requirementIds });
    return { ok: true, intent: "remind", ...result };
  } catch (error) {
    return domainFailure("remind", error, formData);
  }
}

export default function ComplianceCockpitPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const { scope } = data;
  const unitLabel = (u: { code: string; name: string }) => `${u.code} ${u.name}`;
  const topLabel = scope.access === "any" ? t("complianceCockpit.topAll") : t("complianceCockpit.topMine");
  const here = scope.unit ? unitLabel(scope.unit) : topLabel;
  const unitQuery = scope.unit ? `unit=${encodeURIComponent(scope.unit.id)}` : "";
  const listLink = (extra: Record<string, string>) => {
    const next = new URLSearchParams(unitQuery);
    for (const [k, v] of Object.entries(extra)) next.set(k, v);
    return `?${next.toString()}#offene-punkte`;
  };
  const exportQuery = (() => {
    const next = new URLSearchParams(params);
    next.delete("page");
    const s = next.toString();
    return s ? `?${s}` : "";
  })();
  const rowLabel = (m: (typeof data.matrix)[number]) =>
    m.withoutUnit ? t("complianceCockpit.matrix.withoutUnit") : m.direct ? t("complianceCockpit.matrix.direct", { unit: unitLabel(m.unit) }) : unitLabel(m.unit);
  const cellText = (c: { rate: number | null; compliant: number; required: number }) =>
    c.required === 0 ? t("complianceCockpit.notRequired") : t("complianceCockpit.cell", { rate: formatRate(c.rate, locale), compliant: n(c.compliant), required: n(c.required) });
  const reminded = new Set(data.remindedToday);
  // "Select all on this page" needs JavaScript, so it appears only after hydration.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const remindForm = useRef<HTMLFormElement>(null);
  const selectAll = (checked: boolean) => {
    remindForm.current?.querySelectorAll<HTMLInputElement>('input[name="requirementId"]').forEach((box) => (box.checked = checked));
  };
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "remind";
  const subOptions = [
    ...(scope.unit ? [{ value: scope.unit.id, label: t("complianceCockpit.matrix.direct", { unit: unitLabel(scope.unit) }) }] : []),
    ...scope.rows.map((u) => ({ value: u.id, label: unitLabel(u) })),
  ];

  return (
    <div className="compliance-cockpit">
      <nav className="breadcrumb" aria-label={t("complianceCockpit.breadcrumb")}>
        <ol>
          {scope.hasTopView ? (
            <li>{scope.unit ? <Link className="kern-link" to="/pflichtschulungen/team">{topLabel}</Link> : <span aria-current="page">{topLabel}</span>}</li>
          ) : null}
          {scope.breadcrumb.map((b) => (
            <li key={b.id}>
              <Link className="kern-link" to={`?unit=${b.id}`}>
                {unitLabel(b)}
              </Link>
            </li>
          ))}
          {scope.unit ? (
            <li>
              <span aria-current="page">{unitLabel(scope.unit)}</span>
            </li>
          ) : null}
        </ol>
      </nav>
      <PageHeader title={t("complianceCockpit.title", { unit: here })} intro={t("complianceCockpit.intro")} />
      <p className="muted">{t("complianceCockpit.asOf", { date: formatDate(data.today, locale) })}</p>
      <details className="compliance-definitions">
        <summary>{t("complianceCockpit.definitions.summary")}</summary>
        <ul>
          <li>{t("complianceCockpit.definitions.rate")}</li>
          <li>{t("complianceCockpit.definitions.overdue")}</li>
          <li>{t("complianceCockpit.definitions.due30", { date: formatDate(data.dueLimit, locale) })}</li>
          <li>{t("complianceCockpit.definitions.open")}</li>
          <li>{t("complianceCockpit.definitions.left")}</li>
          {scope.access === "team" ? <li>{t("complianceCockpit.definitions.own")}</li> : null}
        </ul>
      </details>

      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="kern-heading-medium">
          {t("complianceCockpit.summary.heading")}
        </h2>
        {data.rules.length === 0 ? (
          <p>{t("complianceCockpit.summary.none")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="summary-heading">
            <table className="kern-table kern-table--striped">
              <caption className="kern-sr-only">{t("complianceCockpit.summary.caption", { unit: here })}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("complianceCockpit.col.rule")}</th>
                  <th scope="col" className="num">{t("complianceCockpit.col.rate")}</th>
                  <th scope="col" className="num">{t("complianceCockpit.col.compliant")}</th>
                  <th scope="col" className="num">{t("complianceCockpit.col.overdue")}</th>
                  <th scope="col" className="num">{t("complianceCockpit.col.due30")}</th>
                  <th scope="col" className="num">{t("complianceCockpit.col.exempt")}</th>
                  <th scope="col" className="num">{t("complianceCockpit.col.paused")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {data.rules.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.name}
                      <span className="muted compliance-legal"> ({r.legalBasis})</span>
                    </th>
                    <td className="num">{formatRate(r.rate, locale)}</td>
                    <td className="num">{t("complianceCockpit.ofRequired", { compliant: n(r.compliant), required: n(r.required) })}</td>
                    <td className="num">
                      {r.overdue ? (
                        <Link className="kern-link" to={listLink({ rule: r.id, status: "overdue" })} aria-label={t("complianceCockpit.summary.showOverdue", { count: r.overdue, rule: r.name })}>
                          {n(r.overdue)}
                        </Link>
                      ) : (
                        n(0)
                      )}
                    </td>
                    <td className="num">
                      {r.dueSoon ? (
                        <Link className="kern-link" to={listLink({ rule: r.id, status: "due30" })} aria-label={t("complianceCockpit.summary.showDue", { count: r.dueSoon, rule: r.name })}>
                          {n(r.dueSoon)}
                        </Link>
                      ) : (
                        n(0)
                      )}
                    </td>
                    <td className="num">{n(r.exempt)}</td>
                    <td className="num">{n(r.paused)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {data.rules.length > 0 && data.matrix.length > 0 ? (
        <section className="panel" aria-labelledby="matrix-heading">
          <h2 id="matrix-heading" className="kern-heading-medium">
            {t("complianceCockpit.matrix.heading")}
          </h2>
          <p id="matrix-intro">{t("complianceCockpit.matrix.intro")}</p>
          <ComplianceBarChart
            units={data.matrix.map((m) => (m.withoutUnit ? t("complianceCockpit.matrix.withoutUnit") : m.direct ? t("complianceCockpit.matrix.directShort", { code: m.unit.code }) : m.unit.code))}
            series={data.rules.map((r, i) => ({ label: r.name, rates: data.matrix.map((m) => m.cells[i]!.rate) }))}
            describedBy="matrix-intro"
          />
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("complianceCockpit.matrix.caption")}>
            <table className="kern-table kern-table--striped compliance-matrix">
              <caption className="kern-sr-only">{t("complianceCockpit.matrix.caption")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("complianceCockpit.matrix.unit")}</th>
                  {data.rules.map((r) => (
                    <th scope="col" key={r.id}>
                      {r.name}
                    </th>
                  ))}
                  <th scope="col">{t("complianceCockpit.matrix.allRules")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {data.matrix.map((m) => (
                  <tr key={`${m.unit.id}-${m.direct}`}>
                    <th scope="row">
                      {m.direct || m.withoutUnit ? (
                        rowLabel(m)
                      ) : (
                        <Link className="kern-link" to={`?unit=${m.unit.id}`} aria-label={t("complianceCockpit.matrix.drill", { unit: unitLabel(m.unit) })}>
                          {unitLabel(m.unit)}
                        </Link>
                      )}
                    </th>
                    {m.cells.map((c, i) => (
                      <td key={data.rules[i]!.id}>
                        {cellText(c)}
                        {c.overdue ? <span className="compliance-cell-note"> {t("complianceCockpit.cellOverdue", { count: c.overdue })}</span> : null}
                      </td>
                    ))}
                    <td>{cellText(m.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("complianceCockpit.matrix.total", { unit: here })}</th>
                  {data.rules.map((r) => (
                    <td key={r.id}>{cellText(r)}</td>
                  ))}
                  <td>{cellText(data.overall)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="offene-punkte">
        <h2 id="offene-punkte" className="kern-heading-medium" tabIndex={-1}>
          {t("complianceCockpit.items.heading", { count: data.total, formatted: n(data.total) })}
        </h2>
        <p>{t("complianceCockpit.items.intro")}</p>
        <FilterForm label={t("complianceCockpit.filter.label")}>
          {scope.unit ? <input type="hidden" name="unit" value={scope.unit.id} /> : null}
          <SelectField
            label={t("complianceCockpit.filter.rule")}
            options={[{ value: "", label: t("complianceCockpit.filter.allRules") }, ...data.rules.map((r) => ({ value: r.id, label: r.name }))]}
            selectProps={{ id: "rule", name: "rule", defaultValue: data.filter.rule ?? "" }}
          />
          <SelectField
            label={t("complianceCockpit.filter.status")}
            options={[{ value: "", label: t("complianceCockpit.filter.allOpen") }, ...STATUS_FILTERS.map((s) => ({ value: s, label: t(`complianceCockpit.statusFilter.${s}`) }))]}
            selectProps={{ id: "status", name: "status", defaultValue: data.filter.status ?? "" }}
          />
          {subOptions.length ? (
            <SelectField
              label={t("complianceCockpit.filter.sub")}
              options={[{ value: "", label: t("complianceCockpit.filter.allSubs") }, ...subOptions]}
              selectProps={{ id: "sub", name: "sub", defaultValue: data.filter.sub ?? "" }}
            />
          ) : null}
        </FilterForm>
        <p className="btn-row">
          <a className="kern-link" href={`/pflichtschulungen/team.csv${exportQuery}`} download>
            {t("complianceCockpit.exportCsv")}
          </a>
          <a className="kern-link" href={`/pflichtschulungen/team.xlsx${exportQuery}`} download>
            {t("complianceCockpit.exportXlsx")}
          </a>
        </p>
        {actionData?.ok ? (
          <Alert tone={actionData.sent ? "success" : "info"} title={actionData.sent ? t("complianceCockpit.remind.sent", { count: actionData.sent, people: t("complianceCockpit.remind.people", { count: actionData.people }) }) : t("complianceCockpit.remind.nothingSent")}>
            {actionData.alreadyToday ? <p>{t("complianceCockpit.remind.alreadyToday", { count: actionData.alreadyToday })}</p> : null}
            {actionData.notOpen ? <p>{t("complianceCockpit.remind.notOpen", { count: actionData.notOpen })}</p> : null}
          </Alert>
        ) : actionData && !actionData.ok ? (
          <Alert tone="danger" title={message(actionData.formError ?? "complianceCockpit.remind.noneSelected")} />
        ) : null}
        {data.items.length === 0 ? (
          <p>{t("complianceCockpit.items.none")}</p>
        ) : (
          <Form method="post" ref={remindForm}>
            <input type="hidden" name="intent" value="remind" />
            <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("complianceCockpit.items.caption")}>
              <table className="kern-table kern-table--striped">
                <caption className="kern-sr-only">{t("complianceCockpit.items.caption")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    {data.canRemind ? (
                      <th scope="col">
                        {hydrated ? (
                          <div className="kern-form-check">
                            <input className="kern-form-check__checkbox" type="checkbox" id="select-all" onChange={(e) => selectAll(e.currentTarget.checked)} />
                            <label className="kern-label" htmlFor="select-all">
                              <span className="kern-sr-only">{t("complianceCockpit.items.selectAll")}</span>
                            </label>
                          </div>
                        ) : (
                          t("complianceCockpit.col.select")
                        )}
                      </th>
                    ) : null}
                    <th scope="col">{t("complianceCockpit.col.person")}</th>
                    <th scope="col">{t("complianceCockpit.col.unit")}</th>
                    <th scope="col">{t("complianceCockpit.col.rule")}</th>
                    <th scope="col">{t("complianceCockpit.col.dueOn")}</th>
                    <th scope="col">{t("complianceCockpit.col.status")}</th>
                    <th scope="col" className="num">{t("complianceCockpit.col.daysOverdue")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {data.items.map((item) => {
                    const name = `${item.person.lastName}, ${item.person.firstName}`;
                    const checkboxId = `select-${item.requirementId}`;
                    return (
                      <tr key={item.requirementId}>
                        {data.canRemind ? (
                          <td>
                            <div className="kern-form-check">
                              <input className="kern-form-check__checkbox" type="checkbox" id={checkboxId} name="requirementId" value={item.requirementId} />
                              <label className="kern-label" htmlFor={checkboxId}>
                                <span className="kern-sr-only">{t("complianceCockpit.items.select", { name, rule: item.rule.name })}</span>
                              </label>
                            </div>
                          </td>
                        ) : null}
                        <th scope="row">
                          <Link className="kern-link" to={`/personen/${item.person.id}`}>
                            {name}
                          </Link>
                        </th>
                        <td>{item.unit ? unitLabel(item.unit) : "–"}</td>
                        <td>{item.rule.name}</td>
                        <td>{formatDate(item.dueOn, locale)}</td>
                        <td>
                          <ComplianceStatusBadge status={item.status} />
                          {item.validUntil ? <span className="muted compliance-cell-note"> {t("complianceCockpit.items.validUntil", { date: formatDate(item.validUntil, locale) })}</span> : null}
                          {reminded.has(item.requirementId) ? <span className="muted compliance-cell-note"> {t("complianceCockpit.items.remindedToday")}</span> : null}
                        </td>
                        <td className="num">{item.daysOverdue ? n(item.daysOverdue) : "–"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {data.canRemind ? (
              <div className="btn-row compliance-remind">
                <button type="submit" className="kern-btn kern-btn--primary" disabled={submitting}>
                  <span className="kern-label">{submitting ? t("complianceCockpit.remind.sending") : t("complianceCockpit.remind.button")}</span>
                </button>
                <p className="muted">{t("complianceCockpit.remind.hint")}</p>
              </div>
            ) : null}
          </Form>
        )}
        <Pagination page={data.page} pageCount={data.pageCount} total={data.total} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
