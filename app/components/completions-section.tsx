// Completed trainings and certificates of a person: the list (training, date, result, status,
// expiry with an "abgelaufen" marker, certificate download) and, on "Meine Nachweise", the form
// to upload the certificate of an e-learning or external training. The person page of a team
// member shows the same list without the forms.
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { listCompletionsOfPerson, listUploadableTrainings } from "~/modules/training/completions.server.ts";
import type { FormFailure } from "~/utils/form-result.ts";
import { formatDate, formatNumber, type Locale } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { ErrorList } from "./forms.tsx";

export type CompletionList = Awaited<ReturnType<typeof listCompletionsOfPerson>>;
export type CompletionItem = CompletionList["items"][number];
export type UploadableTrainings = Awaited<ReturnType<typeof listUploadableTrainings>>;

const STATUS_TONE: Record<string, string> = { PENDING: "kern-badge--info", CONFIRMED: "kern-badge--success", REJECTED: "kern-badge--danger" };

export function CompletionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`kern-badge ${STATUS_TONE[status] ?? ""}`}>{t(`completions.status.${status}`, { defaultValue: status })}</span>;
}

export function uploadSize(bytes: number, locale: Locale, t: (key: string, options?: Record<string, unknown>) => string) {
  if (bytes < 1024 * 1024) return t("completions.sizeKb", { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale) });
  return t("completions.sizeMb", { size: formatNumber(bytes / 1024 / 1024, locale, { maximumFractionDigits: 1 }) });
}

export const certificateHref = (completionId: string) => `/nachweise/bescheinigungen/${completionId}.pdf`;
export const uploadHref = (completionId: string) => `/nachweise/zertifikate/${completionId}/datei`;

function Expiry({ item }: { item: CompletionItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!item.expiresAt) return <span className="muted">{t("completions.noExpiry")}</span>;
  return (
    <>
      {formatDate(item.expiresAt, locale)}
      {item.expired ? (
        <>
          {" "}
          <span className="kern-badge kern-badge--warning">{t("completions.expired")}</span>
        </>
      ) : null}
    </>
  );
}

/** The table of completions; `withdraw` adds the form to withdraw a pending upload (own page). */
export function CompletionTable({ items, caption, withdraw = false }: { items: CompletionItem[]; caption: string; withdraw?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="kern-table-responsive">
      <table className="kern-table completion-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{t("completions.col.training")}</th>
            <th scope="col">{t("completions.col.date")}</th>
            <th scope="col">{t("completions.col.result")}</th>
            <th scope="col">{t("completions.col.status")}</th>
            <th scope="col">{t("completions.col.expires")}</th>
            <th scope="col">{t("completions.col.documents")}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {items.map((item) => {
            const training = `${item.training.code} ${item.training.title}`;
            return (
              <tr key={item.id}>
                <th scope="row">
                  <a className="kern-link" href={`/schulungen/${item.training.id}`}>
                    {item.training.title}
                  </a>
                  <span className="level-descriptor">
                    {item.training.code} · {t(`catalogue.format.${item.training.format}`, { defaultValue: item.training.format })}
                    {item.uploaded ? ` · ${t("completions.viaUpload")}` : ""}
                  </span>
                </th>
                <td>{formatDate(item.completedAt, locale)}</td>
                <td>{item.status === "CONFIRMED" ? t(`completions.result.${item.result}`) : <span className="muted">–</span>}</td>
                <td>
                  <CompletionStatusBadge status={item.status} />
                  {item.status === "REJECTED" && item.decisionNote ? <span className="level-descriptor">{t("completions.rejectedReason", { note: item.decisionNote })}</span> : null}
                </td>
                <td>{item.status === "CONFIRMED" ? <Expiry item={item} /> : <span className="muted">–</span>}</td>
                <td>
                  <div className="completion-documents">
                    {item.canDownloadCertificate ? (
                      <div>
                        <a className="kern-link" href={certificateHref(item.id)} download aria-label={t("completions.downloadCertificateLabel", { training, number: item.certificateNumber })}>
                          {t("completions.downloadCertificate")}
                        </a>
                        <span className="level-descriptor completion-number">{item.certificateNumber}</span>
                      </div>
                    ) : null}
                    {item.canOpenUpload && item.uploadFileName ? (
                      <div>
                        <a className="kern-link" href={uploadHref(item.id)} aria-label={t("completions.openUploadLabel", { file: item.uploadFileName, training, size: uploadSize(item.uploadSizeBytes ?? 0, locale, t) })}>
                          {item.uploadFileName}
                        </a>
                      </div>
                    ) : null}
                    {withdraw && item.canWithdraw ? (
                      <div>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="completion-withdraw" />
                          <input type="hidden" name="completionId" value={item.id} />
                          <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={busy} aria-label={t("completions.withdrawLabel", { training })}>
                            <span className="kern-label">{t("completions.withdraw")}</span>
                          </button>
                        </Form>
                      </div>
                    ) : null}
                    {!item.canDownloadCertificate && !(item.canOpenUpload && item.uploadFileName) && !(withdraw && item.canWithdraw) ? <span className="muted">–</span> : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function FieldWrap({ id, label, hint, errors, errorValues, children }: { id: string; label: ReactNode; hint?: ReactNode; errors?: string[]; errorValues?: Record<string, unknown>; children: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const { t } = useTranslation();
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
      {errorValues ? <ErrorList id={`${id}-error`} errors={errors?.map((e) => t(e, { defaultValue: e, ...errorValues }))} /> : <ErrorList id={`${id}-error`} errors={errors} />}
    </div>
  );
}

/** Upload of a certificate for an e-learning or external training (multipart, works without JavaScript). */
export function CertificateUploadForm({
  trainings,
  maxMb,
  today,
  failure,
  preselect = "",
}: {
  trainings: UploadableTrainings;
  maxMb: number;
  today: string;
  failure: FormFailure | null;
  /** A training chosen in advance (link from "Meine Pflichtschulungen"). */
  preselect?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  // Browsers never keep a chosen file across a round trip: say so when other fields failed.
  const chooseAgain = !!failure && !errors.file?.length;
  return (
    <Form method="post" encType="multipart/form-data" className="form-stack" noValidate>
      <input type="hidden" name="intent" value="completion-upload" />
      <FieldWrap id="completion-training" label={t("completions.upload.training")} hint={t("completions.upload.trainingHint")} errors={errors.trainingId}>
        {(describedBy, invalid) => (
          <div className="kern-form-input__select-wrapper">
            <select className="kern-form-input__select" id="completion-training" name="trainingId" defaultValue={values.trainingId ?? preselect} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
              <option value="">{t("completions.upload.trainingPlaceholder")}</option>
              {trainings.elearning.length ? (
                <optgroup label={t("completions.upload.groupElearning")}>
                  {trainings.elearning.map((tr) => (
                    <option key={tr.id} value={tr.id}>
                      {tr.title} ({tr.code})
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {trainings.other.length ? (
                <optgroup label={t("completions.upload.groupOther")}>
                  {trainings.other.map((tr) => (
                    <option key={tr.id} value={tr.id}>
                      {tr.title} ({tr.code})
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </div>
        )}
      </FieldWrap>
      <FieldWrap id="completion-date" label={t("completions.upload.date")} hint={t("completions.upload.dateHint")} errors={errors.completedOn}>
        {(describedBy, invalid) => (
          <input
            className={invalid ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
            id="completion-date"
            name="completedOn"
            type="date"
            max={today}
            defaultValue={values.completedOn ?? ""}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldWrap>
      <FieldWrap
        id="completion-file"
        label={t("completions.upload.file")}
        hint={
          <>
            {t("completions.upload.fileHint", { max: maxMb })}
            {chooseAgain ? <> {t("completions.upload.fileChooseAgain")}</> : null}
          </>
        }
        errors={errors.file}
        errorValues={{ max: maxMb }}
      >
        {(describedBy, invalid) => (
          <input
            className={invalid ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
            id="completion-file"
            name="file"
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldWrap>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
        <span className="kern-label">{t("completions.upload.submit")}</span>
      </button>
    </Form>
  );
}

/**
 * The completions part of "Meine Nachweise" (with `upload`) or of a team member's person page
 * (read-only): the list or an explaining empty state, then the upload form.
 */
export function CompletionsSection({
  list,
  upload,
}: {
  list: CompletionList;
  /** The upload form's data; omitted on the person page of someone else. */
  upload?: { trainings: UploadableTrainings; maxMb: number; today: string; failure: FormFailure | null; resetKey: string; preselect?: string };
}) {
  const { t } = useTranslation();
  const own = list.access === "own";
  const name = `${list.person.firstName} ${list.person.lastName}`;
  return (
    <section aria-labelledby="completions-section">
      <h2 id="completions-section" className="kern-heading-medium">
        {own ? t("completions.sectionTitle") : t("completions.sectionTitleOf", { name })}
      </h2>
      <section className="panel" aria-labelledby="completions-list">
        <h3 id="completions-list" className="kern-heading-small">
          {t("completions.listTitle", { count: list.items.length })}
        </h3>
        {list.items.length ? (
          <CompletionTable items={list.items} caption={own ? t("completions.listCaption") : t("completions.listCaptionOf", { name })} withdraw={!!upload} />
        ) : (
          <p className="empty-state">{own ? t("completions.empty") : t("completions.emptyOf", { name })}</p>
        )}
      </section>
      {upload ? (
        <section className="panel" aria-labelledby="completions-upload">
          <h3 id="completions-upload" className="kern-heading-small">
            {t("completions.upload.title")}
          </h3>
          <p className="muted">{t("completions.upload.intro")}</p>
          <CertificateUploadForm key={upload.resetKey} trainings={upload.trainings} maxMb={upload.maxMb} today={upload.today} failure={upload.failure} preselect={upload.preselect} />
        </section>
      ) : null}
    </section>
  );
}
