// The attendance sheet of a session: one row per confirmed participant with attendance (anwesend,
// teilweise, abwesend), result and an optional "gültig bis", all saved at once. A plain POST form
// that works without JavaScript; a failed save shows the messages next to the fields and keeps
// every value. "Alle anwesend" saves every row as attended with the results and dates as entered.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { getAttendanceSheet } from "~/modules/training/completions.server.ts";
import { berlinDate } from "~/modules/training/berlin-time.ts";
import type { FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, ErrorList } from "./forms.tsx";

export type AttendanceSheet = Awaited<ReturnType<typeof getAttendanceSheet>>;
type Participant = AttendanceSheet["participants"][number];

export const ATTENDANCE_OPTIONS = ["ATTENDED", "PARTIAL", "ABSENT"] as const;
export const RESULT_OPTIONS = ["PARTICIPATED", "PASSED", "FAILED"] as const;

/** The completion in words: "Bescheinigung LR-2026-000012 · bestanden · gültig bis 31.03.2027". */
export function CompletionNote({ completion }: { completion: Participant["completion"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!completion) return <span className="muted">{t("completions.attendance.noCompletion")}</span>;
  return (
    <>
      <span className="completion-number">{completion.certificateNumber}</span>
      <span className="level-descriptor">
        {t(`completions.result.${completion.result}`)}
        {completion.expiresAt ? ` · ${t("completions.validUntil", { date: formatDate(completion.expiresAt, locale) })}` : ""}
      </span>
    </>
  );
}

function storedKey(row: Participant) {
  const c = row.completion;
  return [row.id, row.attendance ?? "", c?.id ?? "", c?.result ?? "", c?.expiresAt ? new Date(c.expiresAt).toISOString() : ""].join("|");
}

function Row({ row, failure, disabled }: { row: Participant; failure: FormFailure | null; disabled: boolean }) {
  const { t } = useTranslation();
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const id = row.id;
  const name = `${row.person.firstName} ${row.person.lastName}`;
  const attendance = values[`attendance.${id}`] ?? row.attendance ?? "ATTENDED";
  const result = values[`result.${id}`] ?? row.completion?.result ?? "PARTICIPATED";
  const expiresOn = values[`expiresOn.${id}`] ?? (row.completion?.expiresAt ? berlinDate(row.completion.expiresAt) : "");
  const attendanceErrors = errors[`attendance.${id}`];
  const resultErrors = errors[`result.${id}`];
  const expiryErrors = errors[`expiresOn.${id}`];
  return (
    <tr>
      <th scope="row">
        {name}
        <span className="level-descriptor">
          {row.person.personnelNumber}
          {row.person.orgUnit ? ` · ${row.person.orgUnit.code} ${row.person.orgUnit.name}` : ""}
        </span>
      </th>
      {row.self ? (
        <td colSpan={3}>
          <span className="muted">{t("completions.attendance.selfRow")}</span>
        </td>
      ) : (
        <>
          <td>
            <input type="hidden" name="enrolmentId" value={id} />
            <fieldset className="kern-fieldset attendance-choice" aria-describedby={attendanceErrors?.length ? `attendance-${id}-error` : undefined}>
              <legend className="kern-sr-only">{t("completions.attendance.legend", { name })}</legend>
              {ATTENDANCE_OPTIONS.map((option) => (
                <div className="kern-form-check" key={option}>
                  <input
                    className="kern-form-check__radio"
                    type="radio"
                    id={`attendance-${id}-${option}`}
                    name={`attendance.${id}`}
                    value={option}
                    defaultChecked={attendance === option}
                    disabled={disabled}
                  />
                  <label className="kern-label" htmlFor={`attendance-${id}-${option}`}>
                    {t(`completions.attendance.value.${option}`)}
                  </label>
                </div>
              ))}
              <ErrorList id={`attendance-${id}-error`} errors={attendanceErrors} />
            </fieldset>
          </td>
          <td>
            <div className={resultErrors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
              <label className="kern-label kern-sr-only" htmlFor={`result-${id}`}>
                {t("completions.attendance.resultFor", { name })}
              </label>
              <div className="kern-form-input__select-wrapper">
                <select
                  className="kern-form-input__select"
                  id={`result-${id}`}
                  name={`result.${id}`}
                  defaultValue={result}
                  disabled={disabled}
                  aria-invalid={resultErrors?.length ? true : undefined}
                  aria-describedby={resultErrors?.length ? `result-${id}-error` : undefined}
                >
                  {RESULT_OPTIONS.map((option) => (
                    <option key={option} value={option}>
                      {t(`completions.result.${option}`)}
                    </option>
                  ))}
                </select>
              </div>
              <ErrorList id={`result-${id}-error`} errors={resultErrors} />
            </div>
          </td>
          <td>
            <div className={expiryErrors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
              <label className="kern-label kern-sr-only" htmlFor={`expires-${id}`}>
                {t("completions.attendance.expiresFor", { name })}
              </label>
              <input
                className={expiryErrors?.length ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
                type="date"
                id={`expires-${id}`}
                name={`expiresOn.${id}`}
                defaultValue={expiresOn}
                disabled={disabled}
                aria-invalid={expiryErrors?.length ? true : undefined}
                aria-describedby={expiryErrors?.length ? `expires-${id}-error` : undefined}
              />
              <ErrorList id={`expires-${id}-error`} errors={expiryErrors} />
            </div>
          </td>
        </>
      )}
      <td>
        <CompletionNote completion={row.completion} />
      </td>
    </tr>
  );
}

/** The bulk attendance form; `resetKey` changes after a save so the fields show what was stored. */
export function AttendanceForm({ sheet, failure }: { sheet: AttendanceSheet; failure: FormFailure | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const disabled = !sheet.canRecord;
  const defaultErrors = failure?.fieldErrors.defaultExpiresOn;
  const editable = sheet.participants.filter((p) => !p.self);
  return (
    <Form method="post" noValidate className="attendance-form" aria-labelledby="attendance-title">
      <h2 id="attendance-title" className="kern-heading-medium">
        {t("completions.attendance.listTitle", { count: sheet.participants.length })}
      </h2>
      <p className="muted">{t("completions.attendance.hint", { date: formatDate(sheet.session.endsAt, locale) })}</p>
      {failure?.formError ? (
        <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} />
      ) : null}
      <div className="kern-table-responsive">
        <table className="kern-table attendance-table">
          <caption className="kern-sr-only">{t("completions.attendance.caption", { training: sheet.session.training.title, date: formatDate(sheet.session.startsAt, locale) })}</caption>
          <thead className="kern-table__header">
            <tr>
              <th scope="col">{t("completions.attendance.colPerson")}</th>
              <th scope="col">{t("completions.attendance.colAttendance")}</th>
              <th scope="col">{t("completions.attendance.colResult")}</th>
              <th scope="col">{t("completions.attendance.colExpires")}</th>
              <th scope="col">{t("completions.attendance.colCertificate")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {sheet.participants.map((row) => (
              // Keyed on what is stored, so the fields show the saved values once the page data
              // is fresh again (a failed save keeps the row and the input).
              <Row key={storedKey(row)} row={row} failure={failure} disabled={disabled} />
            ))}
          </tbody>
        </table>
      </div>
      <div className={defaultErrors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
        <label className="kern-label" htmlFor="defaultExpiresOn">
          {t("completions.attendance.defaultExpires")}
        </label>
        <div className="kern-hint" id="defaultExpiresOn-hint">
          {t("completions.attendance.defaultExpiresHint")}
        </div>
        <input
          className={defaultErrors?.length ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
          type="date"
          id="defaultExpiresOn"
          name="defaultExpiresOn"
          defaultValue={failure?.values.defaultExpiresOn ?? ""}
          disabled={disabled}
          aria-invalid={defaultErrors?.length ? true : undefined}
          aria-describedby={["defaultExpiresOn-hint", defaultErrors?.length ? "defaultExpiresOn-error" : null].filter(Boolean).join(" ")}
        />
        <ErrorList id="defaultExpiresOn-error" errors={defaultErrors} />
      </div>
      {editable.length > 0 ? (
        <div className="btn-row">
          <button type="submit" name="intent" value="save" className="kern-btn kern-btn--primary" disabled={busy || disabled}>
            <span className="kern-label">{t("completions.attendance.save")}</span>
          </button>
          <button type="submit" name="intent" value="all-attended" className="kern-btn kern-btn--secondary" disabled={busy || disabled}>
            <span className="kern-label">{t("completions.attendance.allAttended")}</span>
          </button>
        </div>
      ) : null}
    </Form>
  );
}
