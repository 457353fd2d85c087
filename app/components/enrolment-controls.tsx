// Enrolment UI shared by the training page, the session page, "Meine Anmeldungen" and
// "Freigaben": status in words, the request / cancel / decide / enrol-someone forms (plain POST
// forms that work without JavaScript; a failed form shows its messages next to its fields and
// keeps the input) and the participant table of a session.
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert, ErrorList } from "./forms.tsx";
import { TextAreaField } from "./text-area.tsx";
import type { FormFailure } from "~/utils/form-result.ts";
import { formatDateTime, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

export type EnrolmentStatusValue = "REQUESTED" | "WAITLISTED" | "CONFIRMED" | "DECLINED" | "CANCELLED";

interface Success {
  ok: true;
  intent: string;
  message: string;
  params: Record<string, string | number>;
  targetId: string;
}
type ActionData = Success | FormFailure;

/** The action result if it belongs to the form of this intent and target (session or enrolment). */
function useFormResult(intents: string[], idField: "sessionId" | "enrolmentId", targetId: string) {
  const result = useActionData() as ActionData | undefined;
  if (!result || result.ok || !intents.includes(result.intent)) return { failure: null };
  return { failure: result.values[idField] === targetId ? result : null };
}

function useBusy() {
  return useNavigation().state === "submitting";
}

/** "angefragt", "bestätigt", "Warteliste – Platz 2", "abgelehnt", "storniert": in words, not colour. */
export function EnrolmentStatus({ status, position }: { status: EnrolmentStatusValue | string; position?: number | null }) {
  const { t } = useTranslation();
  const tone = status === "CONFIRMED" ? "success" : status === "DECLINED" || status === "CANCELLED" ? "danger" : status === "WAITLISTED" ? "warning" : "info";
  return (
    <span className={`kern-badge kern-badge--${tone}`}>{status === "WAITLISTED" && position ? t("enrolment.status.WAITLISTED_position", { position }) : t(`enrolment.status.${status}`)}</span>
  );
}

/**
 * The confirmation of the last enrolment form, shown where the page puts it (the form itself may
 * be gone afterwards, e.g. a decided request leaves the list). With `targetIds`, only for those.
 */
export function EnrolmentResult({ targetIds }: { targetIds?: (string | null | undefined)[] }) {
  const { t } = useTranslation();
  const result = useActionData() as ActionData | undefined;
  if (!result?.ok || !result.message) return null;
  if (targetIds && !targetIds.includes(result.targetId)) return null;
  return <Alert tone="success" title={t(result.message, result.params)} />;
}

function FormMessages({ failure }: { success?: null; failure: FormFailure | null }) {
  const { t } = useTranslation();
  if (failure?.formError && failure.formError !== "form.checkFields") return <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} />;
  if (failure) return <Alert tone="danger" title={t("form.checkFields")} />;
  return null;
}

/** "Anmelden" with an optional note (closed unless it was just sent with an error). */
export function RequestForm({ sessionId, requiresApproval, label }: { sessionId: string; requiresApproval: boolean; label: string }) {
  const { t } = useTranslation();
  const busy = useBusy();
  const { failure } = useFormResult(["enrolment-request"], "sessionId", sessionId);
  return (
    <>
      <FormMessages failure={failure} />
      <details className="enrolment-form" open={!!failure}>
        <summary className="kern-link">{t("enrolment.request.open")}</summary>
        <Form method="post" className="form-stack" preventScrollReset>
          <input type="hidden" name="intent" value="enrolment-request" />
          <input type="hidden" name="sessionId" value={sessionId} />
          <p className="muted">{requiresApproval ? t("enrolment.request.needsApproval") : t("enrolment.request.direct")}</p>
          <TextAreaField
            id={`note-${sessionId}`}
            name="note"
            label={t("enrolment.request.note")}
            hint={t("enrolment.request.noteHint")}
            rows={2}
            defaultValue={failure?.values.note ?? ""}
            errors={failure?.fieldErrors.note}
          />
          <div className="btn-row">
            <button className="kern-btn kern-btn--primary" type="submit" disabled={busy}>
              <span className="kern-label">{label}</span>
            </button>
          </div>
        </Form>
      </details>
    </>
  );
}

/** "Stornieren" with an optional reason. */
export function CancelForm({ enrolmentId, label, context }: { enrolmentId: string; label?: string; context: string }) {
  const { t } = useTranslation();
  const busy = useBusy();
  const { failure } = useFormResult(["enrolment-cancel"], "enrolmentId", enrolmentId);
  return (
    <>
      <FormMessages failure={failure} />
      <details className="enrolment-form" open={!!failure}>
        <summary className="kern-link">
          {label ?? t("enrolment.cancel.open")}
          <span className="kern-sr-only">: {context}</span>
        </summary>
        <Form method="post" className="form-stack" preventScrollReset>
          <input type="hidden" name="intent" value="enrolment-cancel" />
          <input type="hidden" name="enrolmentId" value={enrolmentId} />
          <TextAreaField
            id={`reason-${enrolmentId}`}
            name="reason"
            label={t("enrolment.cancel.reason")}
            rows={2}
            defaultValue={failure?.values.reason ?? ""}
            errors={failure?.fieldErrors.reason}
          />
          <div className="btn-row">
            <button className="kern-btn kern-btn--secondary" type="submit" disabled={busy}>
              <span className="kern-label">{t("enrolment.cancel.submit")}</span>
            </button>
          </div>
        </Form>
      </details>
    </>
  );
}

/** Approve, or decline with a required comment (one form, two buttons). */
export function DecisionForm({ enrolmentId, context }: { enrolmentId: string; context: string }) {
  const { t } = useTranslation();
  const busy = useBusy();
  const { failure } = useFormResult(["enrolment-approve", "enrolment-decline"], "enrolmentId", enrolmentId);
  return (
    <>
      <FormMessages failure={failure} />
      <Form method="post" className="form-stack decision-form" preventScrollReset aria-label={t("enrolment.decide.formLabel", { context })}>
        <input type="hidden" name="enrolmentId" value={enrolmentId} />
        <TextAreaField
          id={`comment-${enrolmentId}`}
          name="comment"
          label={t("enrolment.decide.comment")}
          hint={t("enrolment.decide.commentHint")}
          rows={2}
          defaultValue={failure?.values.comment ?? ""}
          errors={failure?.fieldErrors.comment}
        />
        <div className="btn-row">
          <button className="kern-btn kern-btn--primary" type="submit" name="intent" value="enrolment-approve" disabled={busy}>
            <span className="kern-label">{t("enrolment.decide.approve")}</span>
            <span className="kern-sr-only">: {context}</span>
          </button>
          <button className="kern-btn kern-btn--secondary" type="submit" name="intent" value="enrolment-decline" disabled={busy}>
            <span className="kern-label">{t("enrolment.decide.decline")}</span>
            <span className="kern-sr-only">: {context}</span>
          </button>
        </div>
      </Form>
    </>
  );
}

export interface Candidate {
  id: string;
  firstName: string;
  lastName: string;
  personnelNumber: string;
  orgUnit: { code: string } | null;
}

/** "Person anmelden": choose someone from the team (leaders) or anyone (HR). */
export function EnrolPersonForm({ sessionId, candidates, more, scope, open }: { sessionId: string; candidates: Candidate[]; more?: boolean; scope: "team" | "any"; open?: boolean }) {
  const { t } = useTranslation();
  const busy = useBusy();
  const { failure } = useFormResult(["enrolment-enrol"], "sessionId", sessionId);
  const selectId = `person-${sessionId}`;
  const errors = failure?.fieldErrors.personId;
  return (
    <>
      <FormMessages failure={failure} />
      <details className="enrolment-form" open={open || !!failure}>
        <summary className="kern-link">{t("enrolment.enrolPerson.open")}</summary>
        <Form method="post" className="form-stack" preventScrollReset>
          <input type="hidden" name="intent" value="enrolment-enrol" />
          <input type="hidden" name="sessionId" value={sessionId} />
          {candidates.length === 0 ? (
            <p>{t("enrolment.enrolPerson.none")}</p>
          ) : (
            <>
              <div className={errors?.length ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
                <label className="kern-label" htmlFor={selectId}>
                  {t("enrolment.enrolPerson.person")}
                </label>
                <div className="kern-hint" id={`${selectId}-hint`}>
                  {scope === "team" ? t("enrolment.enrolPerson.hintTeam") : t("enrolment.enrolPerson.hintAny")}
                  {more ? ` ${t("enrolment.enrolPerson.more", { count: candidates.length })}` : ""}
                </div>
                <div className="kern-form-input__select-wrapper">
                  <select
                    className="kern-form-input__select"
                    id={selectId}
                    name="personId"
                    defaultValue={failure?.values.personId ?? ""}
                    aria-invalid={errors?.length ? true : undefined}
                    aria-describedby={[`${selectId}-hint`, errors?.length ? `${selectId}-error` : ""].filter(Boolean).join(" ")}
                  >
                    <option value="">{t("enrolment.enrolPerson.choose")}</option>
                    {candidates.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.lastName}, {c.firstName} ({c.personnelNumber}
                        {c.orgUnit ? `, ${c.orgUnit.code}` : ""})
                      </option>
                    ))}
                  </select>
                </div>
                <ErrorList id={`${selectId}-error`} errors={errors} />
              </div>
              <TextAreaField id={`enrol-note-${sessionId}`} name="note" label={t("enrolment.enrolPerson.note")} rows={2} defaultValue={failure?.values.note ?? ""} errors={failure?.fieldErrors.note} />
              <p className="muted">{t("enrolment.enrolPerson.noApproval")}</p>
              <div className="btn-row">
                <button className="kern-btn kern-btn--primary" type="submit" disabled={busy}>
                  <span className="kern-label">{t("enrolment.enrolPerson.submit")}</span>
                </button>
              </div>
            </>
          )}
        </Form>
      </details>
    </>
  );
}

export interface SessionEnrolmentState {
  own: { id: string; status: EnrolmentStatusValue | string; position: number | null; decisionNote: string; cancelReason: string } | null;
  canRequest: boolean;
  canCancel: boolean;
  canEnrolOthers: boolean;
  canSeeParticipants: boolean;
}

/**
 * The enrolment cell of a session on the training page: the viewer's status, "Anmelden" or
 * "Stornieren", and for leaders and HR "Person anmelden" (or a link to the session page when the
 * list of people is too long for a selection). `fallback` is what the catalogue shows otherwise
 * (full, deadline passed, …).
 */
export function SessionEnrolmentControls({
  sessionId,
  context,
  requiresApproval,
  state,
  candidates,
  fallback,
}: {
  sessionId: string;
  context: string;
  requiresApproval: boolean;
  state: SessionEnrolmentState | undefined;
  candidates: { people: Candidate[]; more: boolean; scope: "team" | "any" } | null;
  fallback?: ReactNode;
}) {
  const { t } = useTranslation();
  const own = state?.own ?? null;
  const showOwn = own && (own.status !== "CANCELLED" || state?.canRequest === false);
  return (
    <div className="enrolment-cell">
      <EnrolmentResult targetIds={[sessionId, own?.id]} />
      {showOwn ? (
        <p>
          {t("enrolment.yourStatus")} <EnrolmentStatus status={own.status} position={own.position} />
          {own.status === "DECLINED" && own.decisionNote ? <span className="muted enrolment-note">{t("enrolment.declinedBecause", { note: own.decisionNote })}</span> : null}
        </p>
      ) : null}
      {state?.canCancel && own ? <CancelForm enrolmentId={own.id} context={context} /> : null}
      {state?.canRequest ? (
        <RequestForm sessionId={sessionId} requiresApproval={requiresApproval} label={t("enrolment.request.submit")} />
      ) : !showOwn && fallback ? (
        <p>{fallback}</p>
      ) : null}
      {state?.canEnrolOthers && candidates ? (
        candidates.more ? (
          <p>
            <a className="kern-link" href={`/schulungen/termine/${sessionId}#person-anmelden`}>
              {t("enrolment.enrolPerson.open")}
            </a>
          </p>
        ) : (
          <EnrolPersonForm sessionId={sessionId} candidates={candidates.people} scope={candidates.scope} />
        )
      ) : null}
      {state?.canSeeParticipants ? (
        <p>
          <a className="kern-link" href={`/schulungen/termine/${sessionId}`}>
            {t("enrolment.participantsLink")}
            <span className="kern-sr-only">: {context}</span>
          </a>
        </p>
      ) : null}
      <p>
        <a className="kern-link" href={`/schulungen/termine/${sessionId}/kalender.ics`} download>
          {t("enrolment.ics")}
          <span className="kern-sr-only">: {context}</span>
        </a>
      </p>
    </div>
  );
}

export interface ParticipantRow {
  id: string;
  status: string;
  position: number | null;
  requestNote: string;
  person: { id: string; firstName: string; lastName: string; personnelNumber: string; orgUnit: { code: string; name: string } | null };
}

/**
 * A session's participants (or waiting list) as a table with row headers. `actions` renders the
 * last column per row (cancel, decide; later attendance); without it the column is left out.
 */
export function ParticipantTable({ rows, caption, showPosition, actions, actionsLabel }: { rows: ParticipantRow[]; caption: string; showPosition?: boolean; actions?: (row: ParticipantRow) => ReactNode; actionsLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped participant-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            {showPosition ? <th scope="col">{t("enrolment.table.position")}</th> : null}
            <th scope="col">{t("enrolment.table.person")}</th>
            <th scope="col">{t("enrolment.table.unit")}</th>
            <th scope="col">{t("enrolment.table.status")}</th>
            <th scope="col">{t("enrolment.table.note")}</th>
            {actions ? <th scope="col">{actionsLabel ?? t("enrolment.table.actions")}</th> : null}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.id}>
              {showPosition ? <td>{r.position ?? "–"}</td> : null}
              <th scope="row">
                {r.person.lastName}, {r.person.firstName} <span className="muted">({r.person.personnelNumber})</span>
              </th>
              <td>{r.person.orgUnit ? `${r.person.orgUnit.code} ${r.person.orgUnit.name}` : "–"}</td>
              <td>
                <EnrolmentStatus status={r.status} position={r.position} />
              </td>
              <td>{r.requestNote || "–"}</td>
              {actions ? <td>{actions(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Start page cards: "Meine nächsten Termine" (employees) and "Freigaben" (leaders, HR). */
export function EnrolmentStartCards({
  next,
  pendingApprovals,
}: {
  next: { id: string; session: { id: string; startsAt: Date | string; location: string; onlineUrl: string; training: { id: string; title: string } } }[] | null;
  pendingApprovals: number | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      {next ? (
        <section className="panel" aria-labelledby="card-next-sessions">
          <h2 id="card-next-sessions" className="kern-heading-small">
            {t("enrolment.start.nextTitle")}
          </h2>
          {next.length ? (
            <ul>
              {next.map((e) => (
                <li key={e.id}>
                  <a className="kern-link" href={`/schulungen/${e.session.training.id}`}>
                    {e.session.training.title}
                  </a>{" "}
                  – {formatDateTime(e.session.startsAt, locale)}
                  {e.session.location ? <span className="muted">, {e.session.location}</span> : e.session.onlineUrl ? <span className="muted">, {t("enrolment.online")}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("enrolment.start.nextNone")}</p>
          )}
          <p>
            <a className="kern-link" href="/anmeldungen">
              {t("enrolment.start.nextAll")}
            </a>
          </p>
        </section>
      ) : null}
      {pendingApprovals !== null ? (
        <section className="panel" aria-labelledby="card-approvals">
          <h2 id="card-approvals" className="kern-heading-small">
            {t("enrolment.start.approvalsTitle")}
          </h2>
          {pendingApprovals > 0 ? (
            <p>
              <a className="kern-link" href="/freigaben">
                <span className="stat">{formatNumber(pendingApprovals, locale)}</span> {t("enrolment.start.approvals", { count: pendingApprovals })}
              </a>
            </p>
          ) : (
            <p>
              <a className="kern-link" href="/freigaben">
                {t("enrolment.start.approvalsNone")}
              </a>
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}
