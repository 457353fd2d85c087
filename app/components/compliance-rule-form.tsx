// The mandatory-training rule form (new and edit) and its what-if preview. Works without
// JavaScript: every button posts the whole draft — "Vorschau" (intent=preview), the pickers'
// "Suchen" (intent=search:<kind>) and "Speichern" (intent=save) — and the server answers with
// the draft, so nothing typed is lost and HR can adjust and preview again before saving.
import { Form } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PERSON_FLAGS } from "~/modules/compliance/audience.ts";
import {
  FIRST_DUE_MODES,
  RECURRENCE_MODES,
  type DraftLabels,
  type PickerKind,
  type PickerOption,
  type PickerSearch,
  type PreviewResult,
  type RuleDraft,
  type UnitChoice,
} from "~/modules/compliance/rule-form.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { ErrorList, Field } from "./forms.tsx";
import { TextAreaField } from "./text-area.tsx";

type Errors = Record<string, string[]>;

interface PickerConfig {
  kind: PickerKind;
  /** Name of the checkbox list in the form. */
  name: keyof RuleDraft;
  labelKey: string;
  labels: keyof DraftLabels;
  units?: boolean;
}

const PICKER: Record<PickerKind, PickerConfig> = {
  trainings: { kind: "trainings", name: "trainingIds", labelKey: "complianceRules.field.trainings", labels: "trainings" },
  units: { kind: "units", name: "units", labelKey: "complianceRules.field.units", labels: "units", units: true },
  positions: { kind: "positions", name: "positionIds", labelKey: "complianceRules.field.positions", labels: "positions" },
  excludeUnits: { kind: "excludeUnits", name: "excludeUnits", labelKey: "complianceRules.field.excludeUnits", labels: "units", units: true },
  excludePositions: { kind: "excludePositions", name: "excludePositionIds", labelKey: "complianceRules.field.excludePositions", labels: "positions" },
  excludePersons: { kind: "excludePersons", name: "excludePersonIds", labelKey: "complianceRules.field.excludePersons", labels: "persons" },
};

function chosenIds(draft: RuleDraft, config: PickerConfig): string[] {
  const value = draft[config.name];
  if (!Array.isArray(value)) return [];
  return config.units ? (value as UnitChoice[]).map((u) => u.unitId) : (value as string[]);
}

function Checkbox({ id, name, value, checked, children }: { id: string; name: string; value: string; checked: boolean; children: ReactNode }) {
  return (
    <div className="kern-form-check">
      <input className="kern-form-check__checkbox" type="checkbox" id={id} name={name} value={value} defaultChecked={checked} />
      <label className="kern-label" htmlFor={id}>
        {children}
      </label>
    </div>
  );
}

function OptionText({ option, status }: { option: PickerOption; status?: boolean }) {
  const { t } = useTranslation();
  const detail = status && option.detail ? t(`complianceRules.picker.status.${option.detail}`, { defaultValue: option.detail }) : option.detail;
  return (
    <>
      {option.label}
      {detail ? <span className="muted"> ({detail})</span> : null}
    </>
  );
}

/** A checkbox list of the chosen items plus a server-side search for more (copes with 50,000 options). */
function Picker({ config, draft, labels, search, errors }: { config: PickerConfig; draft: RuleDraft; labels: DraftLabels; search: PickerSearch | null; errors?: string[] }) {
  const { t } = useTranslation();
  const name = config.name as string;
  const ids = chosenIds(draft, config);
  const known = new Map(labels[config.labels].map((o) => [o.id, o]));
  const sub = new Map(config.units ? (draft[config.name] as UnitChoice[]).map((u) => [u.unitId, u.includeSubunits]) : []);
  const results = search?.kind === config.kind ? search.results.filter((r) => !ids.includes(r.id)) : null;
  const what = t(config.labelKey);
  const errorId = errors?.length ? `${config.kind}-error` : undefined;
  const resultsRef = useRef<HTMLDivElement>(null);
  // After a search (the form re-mounts with every answer), take the keyboard to the hits.
  const searched = search?.kind === config.kind;
  useEffect(() => {
    if (searched) resultsRef.current?.focus();
  }, [searched]);
  const unitExtra = (id: string, checked: boolean) =>
    config.units ? (
      <div className="kern-form-check rule-picker__sub">
        <input className="kern-form-check__checkbox" type="checkbox" id={`${config.kind}-sub-${id}`} name={`${name}Sub`} value={id} defaultChecked={checked} />
        <label className="kern-label" htmlFor={`${config.kind}-sub-${id}`}>
          {t("complianceRules.field.includeSubunits")}
          <span className="kern-sr-only"> ({known.get(id)?.label ?? search?.results.find((r) => r.id === id)?.label ?? id})</span>
        </label>
      </div>
    ) : null;
  return (
    <fieldset className={errors?.length ? "kern-fieldset rule-picker rule-picker--error" : "kern-fieldset rule-picker"} id={`picker-${config.kind}`} aria-describedby={errorId}>
      <legend className="kern-label">{what}</legend>
      <div className="kern-fieldset__body">
        {ids.length ? (
          <ul className="rule-picker__list" aria-label={t("complianceRules.picker.chosen")}>
            {ids.map((id) => (
              <li key={id}>
                <Checkbox id={`${config.kind}-${id}`} name={name} value={id} checked>
                  {known.get(id) ? <OptionText option={known.get(id)!} status={config.kind === "trainings"} /> : id}
                </Checkbox>
                {unitExtra(id, sub.get(id) ?? false)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted rule-picker__none">{t("complianceRules.picker.noneChosen")}</p>
        )}
        <div className="rule-picker__search">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`q-${config.kind}`}>
              {t("complianceRules.picker.searchLabel", { what })}
            </label>
            <div className="kern-hint" id={`q-${config.kind}-hint`}>
              {t("complianceRules.picker.searchHint")}
            </div>
            <input
              className="kern-form-input__input"
              type="search"
              id={`q-${config.kind}`}
              name={`q-${config.kind}`}
              defaultValue={search?.kind === config.kind ? search.q : ""}
              aria-describedby={`q-${config.kind}-hint`}
              maxLength={100}
            />
          </div>
          <button className="kern-btn kern-btn--secondary" type="submit" name="intent" value={`search:${config.kind}`}>
            <span className="kern-label">{t("complianceRules.picker.search")}</span>
            <span className="kern-sr-only"> {what}</span>
          </button>
        </div>
        {results && search ? (
          results.length ? (
            <div className="rule-picker__results" role="group" aria-label={t("complianceRules.picker.results", { q: search.q })} tabIndex={-1} ref={resultsRef}>
              <p className="kern-body">{t("complianceRules.picker.results", { q: search.q })}</p>
              <ul className="rule-picker__list">
                {results.map((option) => (
                  <li key={option.id}>
                    <Checkbox id={`${config.kind}-${option.id}`} name={name} value={option.id} checked={false}>
                      <OptionText option={option} status={config.kind === "trainings"} />
                    </Checkbox>
                    {unitExtra(option.id, config.kind === "units")}
                  </li>
                ))}
              </ul>
              {search.more ? <p className="muted">{t("complianceRules.picker.more")}</p> : null}
            </div>
          ) : (
            <div className="rule-picker__results" tabIndex={-1} ref={resultsRef}>
              <p className="muted" role="status">
                {t("complianceRules.picker.noResults", { q: search.q })}
              </p>
            </div>
          )
        ) : null}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

function RadioGroup({ name, legend, options, value, errors, hint }: { name: string; legend: string; options: { value: string; label: string }[]; value: string; errors?: string[]; hint?: string }) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <fieldset className={errors?.length ? "kern-fieldset rule-picker--error" : "kern-fieldset"} id={`group-${name}`} aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend className="kern-label">{legend}</legend>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <div className="kern-fieldset__body">
        {options.map((o) => (
          <div className="kern-form-check" key={o.value}>
            <input className="kern-form-check__radio" type="radio" id={`${name}-${o.value}`} name={name} value={o.value} defaultChecked={value === o.value} />
            <label className="kern-label" htmlFor={`${name}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

/** Where the summary at the top links to for each field's message. */
const FIELD_ANCHOR: Record<string, string> = {
  trainingIds: "picker-trainings",
  audience: "audience",
  units: "picker-units",
  positionIds: "picker-positions",
  roleProfileIds: "group-roleProfileIds",
  flags: "group-flags",
  excludeUnits: "picker-excludeUnits",
  excludePositionIds: "picker-excludePositions",
  excludePersonIds: "picker-excludePersons",
  firstDueMode: "group-firstDueMode",
  recurrence: "group-recurrence",
};

export function RuleErrorSummary({ errors }: { errors: Errors }) {
  const { t } = useTranslation();
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <ul className="rule-error-summary">
      {entries.flatMap(([field, messages]) =>
        messages.map((m) => (
          <li key={`${field}-${m}`}>
            <a className="kern-link" href={`#${FIELD_ANCHOR[field] ?? field}`}>
              {t(m, { defaultValue: m })}
            </a>
          </li>
        )),
      )}
    </ul>
  );
}

export function RuleForm({
  draft,
  labels,
  roleProfiles,
  errors = {},
  search,
  action,
}: {
  draft: RuleDraft;
  labels: DraftLabels;
  roleProfiles: { id: string; name: string }[];
  errors?: Errors;
  search: PickerSearch | null;
  action?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const monthName = (m: number) => new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "de-DE", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, m - 1, 1)));
  const input = (name: keyof RuleDraft, extra: Record<string, unknown> = {}) => ({ id: name, name, defaultValue: draft[name] as string, ...extra });
  const picker = (kind: PickerKind, fieldErrors?: string[]) => <Picker config={PICKER[kind]} draft={draft} labels={labels} search={search} errors={fieldErrors} />;
  return (
    <Form method="post" action={action} className="form-stack rule-form" noValidate>
      {/* Enter in a text field previews (the form's first submit button is its default). */}
      <button type="submit" name="intent" value="preview" className="rule-form__default" tabIndex={-1} aria-hidden="true">
        {t("complianceRules.preview.button")}
      </button>

      <fieldset className="kern-fieldset rule-section">
        <legend className="kern-heading-small">{t("complianceRules.section.basics")}</legend>
        <Field label={t("complianceRules.field.name")} errors={errors.name} inputProps={input("name", { required: true, maxLength: 200, autoComplete: "off" })} />
        <Field label={t("complianceRules.field.legalBasis")} hint={t("complianceRules.hint.legalBasis")} errors={errors.legalBasis} inputProps={input("legalBasis", { required: true, maxLength: 500 })} />
        <TextAreaField label={t("complianceRules.field.description")} id="description" name="description" rows={3} defaultValue={draft.description} errors={errors.description} />
      </fieldset>

      <fieldset className="kern-fieldset rule-section">
        <legend className="kern-heading-small">{t("complianceRules.section.trainings")}</legend>
        <p className="muted">{t("complianceRules.section.trainingsIntro")}</p>
        {picker("trainings", errors.trainingIds)}
      </fieldset>

      <fieldset className="kern-fieldset rule-section" id="audience" aria-describedby={errors.audience?.length ? "audience-error" : undefined}>
        <legend className="kern-heading-small">{t("complianceRules.section.audience")}</legend>
        <p className="muted">{t("complianceRules.section.audienceIntro")}</p>
        <ErrorList id={errors.audience?.length ? "audience-error" : undefined} errors={errors.audience} />
        <Checkbox id="everyone" name="everyone" value="on" checked={draft.everyone}>
          {t("complianceRules.field.everyone")}
        </Checkbox>
        <Checkbox id="leaders" name="leaders" value="on" checked={draft.leaders}>
          {t("complianceRules.field.leaders")}
        </Checkbox>
        <fieldset className="kern-fieldset" id="group-flags">
          <legend className="kern-label">{t("complianceRules.field.flags")}</legend>
          <div className="kern-fieldset__body">
            {PERSON_FLAGS.map((f) => (
              <Checkbox key={f} id={`flags-${f}`} name="flags" value={f} checked={draft.flags.includes(f)}>
                {t(`complianceRules.flag.${f}`)}
              </Checkbox>
            ))}
          </div>
          <ErrorList errors={errors.flags} />
        </fieldset>
        {picker("units", errors.units)}
        {picker("positions", errors.positionIds)}
        <fieldset className="kern-fieldset" id="group-roleProfileIds">
          <legend className="kern-label">{t("complianceRules.field.roleProfiles")}</legend>
          <div className="kern-fieldset__body rule-columns">
            {roleProfiles.length ? (
              roleProfiles.map((r) => (
                <Checkbox key={r.id} id={`roleProfileIds-${r.id}`} name="roleProfileIds" value={r.id} checked={draft.roleProfileIds.includes(r.id)}>
                  {r.name}
                </Checkbox>
              ))
            ) : (
              <p className="muted">{t("complianceRules.picker.noRoleProfiles")}</p>
            )}
          </div>
          <ErrorList errors={errors.roleProfileIds} />
        </fieldset>
      </fieldset>

      <fieldset className="kern-fieldset rule-section">
        <legend className="kern-heading-small">{t("complianceRules.section.exclusions")}</legend>
        <p className="muted">{t("complianceRules.section.exclusionsIntro")}</p>
        {picker("excludeUnits", errors.excludeUnits)}
        {picker("excludePositions", errors.excludePositionIds)}
        {picker("excludePersons", errors.excludePersonIds)}
      </fieldset>

      <fieldset className="kern-fieldset rule-section">
        <legend className="kern-heading-small">{t("complianceRules.section.dates")}</legend>
        <RadioGroup
          name="firstDueMode"
          legend={t("complianceRules.field.firstDueMode")}
          value={draft.firstDueMode}
          errors={errors.firstDueMode}
          options={FIRST_DUE_MODES.map((m) => ({ value: m, label: t(`complianceRules.mode.${m}`) }))}
        />
        <div className="rule-grid">
          <Field label={t("complianceRules.field.firstDueDays")} hint={t("complianceRules.hint.firstDueDays")} errors={errors.firstDueDays} inputProps={input("firstDueDays", { inputMode: "numeric" })} />
          <Field label={t("complianceRules.field.firstDueDate")} hint={t("complianceRules.hint.firstDueDate")} errors={errors.firstDueDate} inputProps={input("firstDueDate", { type: "date" })} />
        </div>
        <RadioGroup
          name="recurrence"
          legend={t("complianceRules.field.recurrence")}
          value={draft.recurrence}
          errors={errors.recurrence}
          options={RECURRENCE_MODES.map((m) => ({ value: m, label: t(`complianceRules.recurrenceMode.${m}`) }))}
        />
        <div className="rule-grid">
          <Field label={t("complianceRules.field.intervalMonths")} hint={t("complianceRules.hint.intervalMonths")} errors={errors.intervalMonths} inputProps={input("intervalMonths", { inputMode: "numeric" })} />
          <div className={errors.yearlyMonth?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
            <label className="kern-label" htmlFor="yearlyMonth">
              {t("complianceRules.field.yearlyMonth")}
            </label>
            <div className="kern-hint" id="yearlyMonth-hint">
              {t("complianceRules.hint.yearly")}
            </div>
            <div className="kern-form-input__select-wrapper">
              <select
                className="kern-form-input__select"
                id="yearlyMonth"
                name="yearlyMonth"
                defaultValue={draft.yearlyMonth}
                aria-invalid={errors.yearlyMonth?.length ? true : undefined}
                aria-describedby={["yearlyMonth-hint", errors.yearlyMonth?.length ? "yearlyMonth-error" : ""].filter(Boolean).join(" ")}
              >
                <option value="">{t("complianceRules.field.noMonth")}</option>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i + 1} value={String(i + 1)}>
                    {monthName(i + 1)}
                  </option>
                ))}
              </select>
            </div>
            <ErrorList id={errors.yearlyMonth?.length ? "yearlyMonth-error" : undefined} errors={errors.yearlyMonth} />
          </div>
          <Field label={t("complianceRules.field.yearlyDay")} errors={errors.yearlyDay} inputProps={input("yearlyDay", { inputMode: "numeric" })} />
          <Field label={t("complianceRules.field.dueSoonDays")} errors={errors.dueSoonDays} inputProps={input("dueSoonDays", { inputMode: "numeric" })} />
          <Field label={t("complianceRules.field.graceDays")} hint={t("complianceRules.hint.graceDays")} errors={errors.graceDays} inputProps={input("graceDays", { inputMode: "numeric" })} />
        </div>
      </fieldset>

      <div className="btn-row rule-form__actions">
        <button className="kern-btn kern-btn--secondary" type="submit" name="intent" value="preview">
          <span className="kern-label">{t("complianceRules.preview.button")}</span>
        </button>
        <button className="kern-btn kern-btn--primary" type="submit" name="intent" value="save">
          <span className="kern-label">{t("complianceRules.save")}</span>
        </button>
      </div>
    </Form>
  );
}

function groupName(t: (key: string, options?: Record<string, unknown>) => string, g: PreviewResult["groups"][number]) {
  if (g.kind === "AMT") return `${g.code} ${g.name}`;
  if (g.kind === "DEZERNAT_REST") return t("complianceRules.preview.groupRest", { code: g.code, name: g.name });
  return t("complianceRules.preview.groupNone");
}

/** The result of a preview: totals, the change against the saved rule, and the table by Amt. */
export function RulePreview({ preview }: { preview: PreviewResult | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ref = useRef<HTMLElement>(null);
  const n = (value: number) => formatNumber(value, locale);
  // A new preview takes the keyboard (and the screen reader) to its result.
  useEffect(() => {
    if (preview) ref.current?.focus();
  }, [preview]);
  const live = preview ? `${t("complianceRules.preview.affected")}: ${n(preview.totals.affected)}, ${t("complianceRules.preview.overdue")}: ${n(preview.totals.overdue)}` : "";
  return (
    <section className="panel rule-preview" aria-labelledby="preview-title" id="vorschau" tabIndex={-1} ref={ref}>
      <h2 id="preview-title" className="kern-heading-medium">
        {t("complianceRules.preview.title")}
      </h2>
      <p className="kern-sr-only" role="status">
        {live}
      </p>
      {preview ? <PreviewBody preview={preview} /> : <p className="muted">{t("complianceRules.preview.none")}</p>}
    </section>
  );
}

function PreviewBody({ preview }: { preview: PreviewResult }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const { totals, diff } = preview;
  const stats: [string, number][] = [
    ["affected", totals.affected],
    ["overdue", totals.overdue],
    ["dueSoon", totals.dueSoon],
    ["completed", totals.completed],
    ["notDue", totals.notDue],
    ["exemptOrPaused", totals.exemptOrPaused],
  ];
  return (
    <>
      <p className="kern-body">{t("complianceRules.preview.intro")}</p>
      <dl className="rule-stats">
        {stats.map(([key, value]) => (
          <div key={key} className={`rule-stat rule-stat--${key}`}>
            <dt>{t(`complianceRules.preview.${key}`)}</dt>
            <dd data-testid={`preview-${key}`}>{n(value)}</dd>
          </div>
        ))}
      </dl>
      {diff ? (
        <>
          <h3 className="kern-heading-small">{t("complianceRules.preview.diffTitle")}</h3>
          <dl className="rule-stats">
            {(["current", "newlyAffected", "noLongerAffected", "newlyOverdue"] as const).map((key) => (
              <div key={key} className="rule-stat">
                <dt>{t(`complianceRules.preview.${key}`)}</dt>
                <dd data-testid={`preview-${key}`}>{n(diff[key])}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <h3 className="kern-heading-small">{t("complianceRules.preview.byAmt")}</h3>
      {preview.groups.length ? (
        <div className="kern-table-responsive rule-scroll" tabIndex={0} role="region" aria-label={t("complianceRules.preview.byAmtCaption")}>
          <table className="kern-table kern-table--striped kern-table--small rule-preview__table">
            <caption className="kern-sr-only">{t("complianceRules.preview.byAmtCaption")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("complianceRules.preview.amt")}</th>
                <th scope="col" className="num">
                  {t("complianceRules.preview.affected")}
                </th>
                <th scope="col" className="num">
                  {t("complianceRules.preview.overdue")}
                </th>
                <th scope="col" className="num">
                  {t("complianceRules.preview.dueSoon")}
                </th>
                <th scope="col" className="num">
                  {t("complianceRules.preview.completed")}
                </th>
                {diff ? (
                  <>
                    <th scope="col" className="num">
                      {t("complianceRules.preview.newlyAffected")}
                    </th>
                    <th scope="col" className="num">
                      {t("complianceRules.preview.noLongerAffected")}
                    </th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {preview.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{groupName(t, g)}</th>
                  <td className="num">{n(g.affected)}</td>
                  <td className="num">{n(g.overdue)}</td>
                  <td className="num">{n(g.dueSoon)}</td>
                  <td className="num">{n(g.completed)}</td>
                  {diff ? (
                    <>
                      <td className="num">{n(g.newlyAffected)}</td>
                      <td className="num">{n(g.noLongerAffected)}</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("complianceRules.preview.nobody")}</p>
      )}
      <p className="muted">{t("complianceRules.preview.asOf", { date: formatDate(preview.today, locale), seconds: formatNumber(preview.millis / 1000, locale, { maximumFractionDigits: 1 }) })}</p>
    </>
  );
}
