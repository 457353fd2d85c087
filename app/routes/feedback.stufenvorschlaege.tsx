// "Stufenvorschläge": level proposals people made after a transfer check. Leaders decide for the
// people of their units, HR development for everyone; nobody sees or decides their own. Accepting
// records the level as the leader's assessment; declining needs a reason the person sees.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { decideLevelProposal, listLevelProposals } from "~/modules/feedback/level-proposals.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Stufenvorschläge – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:levelproposal:team");
  return run(() => listLevelProposals(db, actor));
}

type ActionResult = { ok: true; intent: "accept" | "decline"; person: string } | FormFailure;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:levelproposal:team");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent !== "accept" && intent !== "decline") throw new Response("Unbekannte Aktion", { status: 400 });
  try {
    const done = await decideLevelProposal(db, actor, { proposalId: formData.get("proposalId"), decision: intent, note: formData.get("note") });
    return data<ActionResult>({ ok: true, intent, person: done.person });
  } catch (error) {
    return data<ActionResult>(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function LevelProposals() {
  const { open, decided } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  const level = (value: number | null, label: string | null) => (value === null ? t("feedback.levelProposals.none") : `${value} – ${label ?? ""}`);
  return (
    <>
      <PageHeader title={t("feedback.levelProposals.title")} intro={t("feedback.levelProposals.intro")} />
      {actionData?.ok ? <Alert tone="success" title={t(actionData.intent === "accept" ? "feedback.levelProposals.accepted" : "feedback.levelProposals.declined", { person: actionData.person })} /> : null}
      {failure?.formError && !open.some((p) => p.id === failure.values.proposalId) ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <section aria-labelledby="proposals-open">
        <h2 id="proposals-open" className="kern-heading-medium">
          {t("feedback.levelProposals.open")}
        </h2>
        {open.length === 0 ? <p>{t("feedback.levelProposals.openEmpty")}</p> : null}
        {open.map((p) => {
          const mine = failure && failure.values.proposalId === p.id ? failure : null;
          const headingId = `proposal-${p.id}`;
          const competency = `${p.competency.code} ${p.competency.name}`;
          return (
            <article key={p.id} className="panel" aria-labelledby={headingId}>
              <h3 id={headingId} className="kern-heading-small">
                {t("feedback.levelProposals.itemTitle", { person: p.person, competency })}
              </h3>
              {mine?.formError && mine.formError !== "form.checkFields" ? <Alert tone="danger" title={t(mine.formError, { defaultValue: mine.formError })} /> : null}
              <dl className="descriptor-list">
                <dt>{t("feedback.levelProposals.unit")}</dt>
                <dd>{p.unit || "–"}</dd>
                <dt>{t("feedback.levelProposals.training")}</dt>
                <dd>{p.training}</dd>
                <dt>{t("feedback.levelProposals.current")}</dt>
                <dd>{level(p.currentLevel, p.currentLabel)}</dd>
                <dt>{t("feedback.levelProposals.proposed")}</dt>
                <dd>{level(p.proposedLevel, p.proposedLabel)}</dd>
                {p.note ? (
                  <>
                    <dt>{t("feedback.levelProposals.note")}</dt>
                    <dd>{p.note}</dd>
                  </>
                ) : null}
                <dt>{t("feedback.levelProposals.submittedOn")}</dt>
                <dd>{formatDate(p.createdAt, locale)}</dd>
              </dl>
              <div className="two-columns">
                <Form method="post" noValidate className="form-stack">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="proposalId" value={p.id} />
                  <TextAreaField id={`accept-note-${p.id}`} name="note" label={t("feedback.levelProposals.acceptNote")} defaultValue={mine?.intent === "accept" ? (mine.values.note ?? "") : ""} errors={mine?.intent === "accept" ? mine.fieldErrors.note : undefined} rows={2} />
                  <button type="submit" className="kern-btn kern-btn--primary" disabled={busy} aria-label={t("feedback.levelProposals.acceptLabel", { person: p.person })}>
                    <span className="kern-label">{t("feedback.levelProposals.accept")}</span>
                  </button>
                </Form>
                <Form method="post" noValidate className="form-stack">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="proposalId" value={p.id} />
                  <TextAreaField
                    id={`decline-note-${p.id}`}
                    name="note"
                    label={t("feedback.levelProposals.declineNote")}
                    hint={t("feedback.levelProposals.declineNoteHint")}
                    defaultValue={mine?.intent === "decline" ? (mine.values.note ?? "") : ""}
                    errors={mine?.intent === "decline" ? mine.fieldErrors.note : undefined}
                    rows={2}
                  />
                  <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
                    <span className="kern-label">{t("feedback.levelProposals.decline")}</span>
                  </button>
                </Form>
              </div>
            </article>
          );
        })}
      </section>
      {decided.length > 0 ? (
        <section aria-labelledby="proposals-decided">
          <h2 id="proposals-decided" className="kern-heading-medium">
            {t("feedback.levelProposals.decided")}
          </h2>
          <div className="kern-table-responsive">
            <table className="kern-table kern-table--striped">
              <caption className="kern-sr-only">{t("feedback.levelProposals.decidedCaption")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("feedback.levelProposals.person")}</th>
                  <th scope="col">{t("feedback.levelProposals.competency")}</th>
                  <th scope="col">{t("feedback.levelProposals.proposed")}</th>
                  <th scope="col">{t("feedback.levelProposals.decision")}</th>
                  <th scope="col">{t("feedback.levelProposals.decidedOn")}</th>
                </tr>
              </thead>
              <tbody>
                {decided.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" style={{ textAlign: "left" }}>{p.person}</th>
                    <td>
                      {p.competency.code} {p.competency.name}
                    </td>
                    <td>{level(p.proposedLevel, p.proposedLabel)}</td>
                    <td>
                      {t(`feedback.levelProposals.status.${p.status}`)}
                      {p.decisionNote ? `: ${p.decisionNote}` : ""}
                    </td>
                    <td>{formatDate(p.decidedAt, locale)}</td>
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
