// "Meine Nachweise": the person's evidence (status, decision, download, withdraw) and the upload
// form. A section of its own, so the page can later show training certificates beside it.
import { Form, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { listEvidenceCompetencies, listOwnEvidence } from "~/modules/assessment/evidence.server.ts";
import type { FormFailure } from "~/utils/form-result.ts";
import { formatDate, formatNumber, type Locale } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { levelText } from "./level-choice.tsx";

export type OwnEvidence = Awaited<ReturnType<typeof listOwnEvidence>>[number];
export type EvidenceOptions = Awaited<ReturnType<typeof listEvidenceCompetencies>>;

const STATUS_TONE: Record<string, string> = {
  PENDING: "kern-badge--info",
  ACCEPTED: "kern-badge--success",
  REJECTED: "kern-badge--danger",
};

export function EvidenceStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`kern-badge ${STATUS_TONE[status] ?? ""}`}>{t(`evidence.status.${status}`, { defaultValue: status })}</span>;
}

export function fileSize(bytes: number, locale: Locale, t: (key: string, options?: Record<string, unknown>) => string) {
  if (bytes < 1024 * 1024) return t("evidence.sizeKb", { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale) });
  return t("evidence.sizeMb", { size: formatNumber(bytes / 1024 / 1024, locale, { maximumFractionDigits: 1 }) });
}

/** Messages under a field; keys are translated with the given values (e.g. the size limit). */
function FieldErrors({ id, errors, values }: { id: string; errors?: string[]; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id}>
      {errors.map((error) => (
        <p key={error} className="kern-error" role="alert">
          <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span className="kern-body">{t(error, { defaultValue: error, ...values })}</span>
        </p>
      ))}
    </div>
  );
}

function FieldWrap({ id, label, hint, errors, errorValues, children }: { id: string; label: ReactNode; hint?: ReactNode; errors?: string[]; errorValues?: Record<string, unknown>; children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const invalid = !!errors?.length;
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={invalid ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {children(describedBy, invalid)}
      <FieldErrors id={`${id}-error`} errors={errors} values={errorValues} />
    </div>
  );
}

function EvidenceTable({ items }: { items: OwnEvidence[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="kern-table-responsive">
      <table className="kern-table evidence-table">
        <caption className="kern-sr-only">{t("evidence.listCaption")}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{t("evidence.colEvidence")}</th>
            <th scope="col">{t("evidence.colCompetency")}</th>
            <th scope="col">{t("evidence.colLevel")}</th>
            <th scope="col">{t("evidence.colStatus")}</th>
            <th scope="col">{t("evidence.colDecision")}</th>
            <th scope="col">{t("evidence.colActions")}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {items.map((item) => {
            const levels = item.competency.framework.scale.levels;
            return (
              <tr key={item.id}>
                <th scope="row">
                  <strong>{item.title}</strong>
                  <br />
                  <a className="kern-link" href={`/nachweise/${item.id}/datei`} aria-label={t("evidence.downloadLabel", { file: item.fileName, size: fileSize(item.sizeBytes, locale, t) })}>
                    {item.fileName}
                  </a>
                  <span className="level-descriptor">{t("evidence.uploadedOn", { date: formatDate(item.createdAt, locale) })}</span>
                </th>
                <td>
                  {item.competency.code} {item.competency.name}
                  <span className="level-descriptor">{item.competency.framework.name}</span>
                </td>
                <td>
                  {t("evidence.claimed", { level: levelText(levels, item.level) })}
                  {item.acceptedLevel !== null ? <span className="level-descriptor">{t("evidence.acceptedLevel", { level: levelText(levels, item.acceptedLevel) })}</span> : null}
                </td>
                <td>
                  <EvidenceStatusBadge status={item.status} />
                </td>
                <td>
                  {item.decidedAt ? (
                    <>
                      {t("evidence.decidedBy", { name: item.decidedBy ?? "–", date: formatDate(item.decidedAt, locale) })}
                      {item.decisionNote ? <span className="level-descriptor">{t("evidence.decisionNote", { note: item.decisionNote })}</span> : null}
                    </>
                  ) : (
                    <span className="muted">{t("evidence.notDecided")}</span>
                  )}
                </td>
                <td>
                  {item.status === "PENDING" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="evidenceId" value={item.id} />
                      <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small" aria-label={t("evidence.deleteLabel", { title: item.title })}>
                        <span className="kern-label">{t("evidence.delete")}</span>
                      </button>
                    </Form>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function UploadForm({ options, maxMb, failure }: { options: EvidenceOptions; maxMb: number; failure: FormFailure | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const [competencyId, setCompetencyId] = useState(values.competencyId ?? "");

  const required = new Set(options.requiredIds);
  const all = options.frameworks.flatMap((f) => f.nodes.map((n) => ({ ...n, framework: f })));
  const fromProfile = all.filter((c) => required.has(c.id));
  const chosen = all.find((c) => c.id === competencyId) ?? null;
  const maxLevels = Math.max(1, ...options.frameworks.map((f) => f.scale.levels.length));
  const levelOptions = chosen
    ? chosen.framework.scale.levels.map((l) => ({ value: String(l.ordinal), label: t("evidence.levelOption", { level: l.ordinal, label: l.label }) }))
    : Array.from({ length: maxLevels }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  const scales = options.frameworks.map((f) => t("evidence.levelHintScale", { framework: f.name, max: f.scale.levels.length })).join("; ");
  // Browsers never keep a chosen file across a round trip: say so when other fields failed.
  const chooseAgain = !!failure && !errors.file?.length;

  return (
    <Form method="post" encType="multipart/form-data" className="evidence-upload" noValidate>
      <input type="hidden" name="intent" value="upload" />
      <FieldWrap id="evidence-competency" label={t("evidence.competency")} hint={t("evidence.competencyHint")} errors={errors.competencyId}>
        {(describedBy, invalid) => (
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="evidence-competency"
              name="competencyId"
              value={competencyId}
              onChange={(e) => setCompetencyId(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              <option value="">{t("evidence.competencyPlaceholder")}</option>
              {fromProfile.length ? (
                <optgroup label={t("evidence.fromProfile")}>
                  {fromProfile.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.code} {c.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {options.frameworks.map((f) => {
                const rest = f.nodes.filter((n) => !required.has(n.id));
                return rest.length ? (
                  <optgroup key={f.id} label={f.name}>
                    {rest.map((n) => (
                      <option key={n.id} value={n.id}>
                        {n.code} {n.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null;
              })}
            </select>
          </div>
        )}
      </FieldWrap>
      <FieldWrap id="evidence-level" label={t("evidence.level")} hint={t("evidence.levelHint", { scales })} errors={errors.level}>
        {(describedBy, invalid) => (
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="evidence-level"
              name="level"
              key={chosen?.framework.id ?? "any"}
              defaultValue={values.level ?? ""}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            >
              <option value="">{t("evidence.levelPlaceholder")}</option>
              {levelOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </FieldWrap>
      <FieldWrap id="evidence-title" label={t("evidence.titleField")} hint={t("evidence.titleHint")} errors={errors.title}>
        {(describedBy, invalid) => (
          <input
            className={invalid ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
            id="evidence-title"
            name="title"
            type="text"
            maxLength={200}
            defaultValue={values.title ?? ""}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldWrap>
      <FieldWrap
        id="evidence-file"
        label={t("evidence.fileLabel")}
        hint={
          <>
            {t("evidence.fileHint", { max: maxMb })}
            {chooseAgain ? <> {t("evidence.fileChooseAgain")}</> : null}
          </>
        }
        errors={errors.file}
        errorValues={{ max: maxMb }}
      >
        {(describedBy, invalid) => (
          <input
            className={invalid ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
            id="evidence-file"
            name="file"
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldWrap>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
        <span className="kern-label">{t("evidence.submit")}</span>
      </button>
    </Form>
  );
}

/** The evidence part of "Meine Nachweise": list (or an explaining empty state) and upload form. */
export function EvidenceSection({
  items,
  options,
  maxMb,
  failure,
  resetKey,
}: {
  items: OwnEvidence[];
  options: EvidenceOptions;
  maxMb: number;
  /** The failed upload, to show messages next to the fields and keep the input. */
  failure: FormFailure | null;
  /** Changes after a successful upload, so the form starts empty again. */
  resetKey: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="evidence-section">
      <h2 id="evidence-section" className="kern-heading-medium">
        {t("evidence.sectionTitle")}
      </h2>
      <section className="panel" aria-labelledby="evidence-list">
        <h3 id="evidence-list" className="kern-heading-small">
          {t("evidence.listTitle")}
        </h3>
        {items.length ? <EvidenceTable items={items} /> : <p className="empty-state">{t("evidence.empty")}</p>}
      </section>
      <section className="panel" aria-labelledby="evidence-upload">
        <h3 id="evidence-upload" className="kern-heading-small">
          {t("evidence.uploadTitle")}
        </h3>
        <p className="muted">{t("evidence.uploadIntro")}</p>
        <UploadForm key={resetKey} options={options} maxMb={maxMb} failure={failure} />
      </section>
    </section>
  );
}
