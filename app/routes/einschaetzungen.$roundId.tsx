import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { agreeRound, cancelRound, getRound, saveLeaderRating, saveSelfAssessment, type ItemInput } from "~/modules/assessment/rounds.server.ts";
import { hasPermission } from "~/modules/auth/permissions.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate, formatDateTime } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { LevelChoice, levelText } from "~/components/level-choice.tsx";
import { RoundStatusBadge, RoundSteps } from "~/components/assessment-status.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Einschätzung ${data.round.person.firstName} ${data.round.person.lastName} – Lernreise` : "Einschätzung – Lernreise" },
];

const ACTIVE = ["OPEN", "SELF_ASSESSED", "LEADER_RATED"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:own");
  const result = await run(() => getRound(db, actor, params.roundId ?? ""));
  const canCancel = ACTIVE.includes(result.round.status) && (result.access === "team" || (result.access === "any" && hasPermission(actor.roles, "update:profile:any")));
  return { ...result, canCancel };
}

/** A level from a radio group: nothing chosen is null; anything else must be a whole number ≥ 1. */
const LevelSchema = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? null : v),
  z.coerce.number({ error: "assessment.levelOutOfScale" }).int({ error: "assessment.levelOutOfScale" }).min(1, { error: "assessment.levelOutOfScale" }).nullable(),
);
const CommentSchema = z.string().trim().max(2000, { error: "assessment.commentTooLong" }).optional();

/** The form has one `competencyId` per item and the fields `level-<id>` and `comment-<id>`. */
function itemsSchema(competencyIds: string[]) {
  return z.object(Object.fromEntries(competencyIds.flatMap((id) => [[`level-${id}`, LevelSchema] as const, [`comment-${id}`, CommentSchema] as const])));
}

const INTENTS = ["self-save", "self-submit", "leader-save", "leader-submit", "agree", "cancel"] as const;
type Intent = (typeof INTENTS)[number];

const MESSAGES: Record<Intent, string> = {
  "self-save": "assessment.saved",
  "self-submit": "assessment.selfSubmitted",
  "leader-save": "assessment.saved",
  "leader-submit": "assessment.leaderSubmitted",
  agree: "assessment.agreedDone",
  cancel: "assessment.cancelled",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:own");
  const roundId = params.roundId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  if (!INTENTS.includes(intent)) throw new Response("Unbekannte Aktion", { status: 400 });
  try {
    if (intent === "cancel") {
      await cancelRound(db, actor, roundId);
      return { ok: true as const, intent, message: MESSAGES[intent] };
    }
    const ids = [...new Set(formData.getAll("competencyId").filter((v): v is string => typeof v === "string" && v.length > 0))];
    if (ids.length === 0) throw new Response("Keine Kompetenzen übermittelt", { status: 400 });
    const parsed = itemsSchema(ids).safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
    const fields = parsed.data as Record<string, number | string | null | undefined>;
    const items: ItemInput[] = ids.map((id) => ({
      competencyId: id,
      level: (fields[`level-${id}`] as number | null | undefined) ?? null,
      comment: (fields[`comment-${id}`] as string | undefined) ?? "",
    }));
    switch (intent) {
      case "self-save":
      case "self-submit":
        await saveSelfAssessment(db, actor, roundId, items, intent === "self-submit");
        break;
      case "leader-save":
      case "leader-submit":
        await saveLeaderRating(db, actor, roundId, items, intent === "leader-submit");
        break;
      case "agree":
        await agreeRound(db, actor, roundId, items);
        break;
    }
    return { ok: true as const, intent, message: MESSAGES[intent] };
  } catch (error) {
    if (error instanceof Response) throw error;
    return data(domainFailure(intent, error, formData), { status: 400 });
  }
}

type Mode = "self" | "leader" | "agree" | "read";

export default function AssessmentRoundPage() {
  const { round, access, canSelfAssess, canRate, canAgree, canCancel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const locale = useLocale();
  const mode: Mode = canSelfAssess ? "self" : canRate ? "leader" : canAgree ? "agree" : "read";
  const failure = actionData && !actionData.ok ? actionData : null;
  const modeIntents: Record<Mode, string[]> = { self: ["self-save", "self-submit"], leader: ["leader-save", "leader-submit"], agree: ["agree"], read: [] };
  const formFailure = failure && modeIntents[mode].includes(failure.intent) ? failure : null;
  const personName = `${round.person.firstName} ${round.person.lastName}`;
  const own = access === "own";
  const busy = navigation.state === "submitting";

  const nextKey = round.status === "AGREED" || round.status === "CANCELLED" ? round.status : `${round.status}_${access}`;
  const next = t(`assessment.next.${nextKey}`, {
    person: personName,
    date: formatDateTime(round.agreedAt, locale),
    by: round.agreedBy?.email ?? "–",
  });

  /** The value to show in a radio group: what was just sent after an error, else the stored one. */
  const levelValue = (competencyId: string, stored: number | null) => {
    if (formFailure) {
      const sent = Number(formFailure.values[`level-${competencyId}`]);
      return Number.isInteger(sent) && sent > 0 ? sent : null;
    }
    return stored;
  };
  const commentValue = (competencyId: string, stored: string) => (formFailure ? (formFailure.values[`comment-${competencyId}`] ?? "") : stored);

  const items = round.items;
  const showSelfColumn = items.some((i) => i.selfLevel !== null);
  const showLeaderColumn = items.some((i) => i.leaderLevel !== null);
  const showAgreedColumn = items.some((i) => i.agreedLevel !== null);

  return (
    <>
      <nav className="breadcrumb" aria-label={t("org.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to={own ? "/einschaetzungen" : `/einschaetzungen?person=${round.person.id}`}>
              {t("assessment.backToList")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{formatDate(round.createdAt, locale)}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">{t("assessment.roundTitle")}</p>
        <h1 className="kern-heading-large">{own ? t("assessment.ownRoundTitle") : t("assessment.roundOf", { name: personName })}</h1>
        <p className="kern-body">
          {t("assessment.roundMeta", { position: round.position?.title ?? "–", date: formatDate(round.createdAt, locale) })}{" "}
          <RoundStatusBadge status={round.status} />
        </p>
      </div>

      <section className="panel round-banner" aria-labelledby="round-state">
        <h2 id="round-state" className="kern-heading-small">
          {t("assessment.steps")}
        </h2>
        <RoundSteps status={round.status} />
        <p className="round-banner__next">{next}</p>
        <p className="muted">{round.leader ? t("assessment.leaderName", { name: `${round.leader.firstName} ${round.leader.lastName}` }) : t("assessment.noLeader")}</p>
      </section>

      {actionData?.ok ? <Alert tone="success" title={t(actionData.message)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}

      {mode === "read" ? (
        <section className="panel" aria-labelledby="overview">
          <h2 id="overview" className="kern-heading-medium">
            {t("assessment.overview")}
          </h2>
          <p className="muted">{t("assessment.readOnlyHint")}</p>
          <div className="kern-table-responsive">
            <table className="kern-table round-table">
              <caption className="kern-sr-only">{t("assessment.overview")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("assessment.competency")}</th>
                  <th scope="col">{t("assessment.targetLevel")}</th>
                  {showSelfColumn ? <th scope="col">{t("assessment.self")}</th> : null}
                  {showLeaderColumn ? <th scope="col">{t("assessment.leader")}</th> : null}
                  {showAgreedColumn ? <th scope="col">{t("assessment.agreed")}</th> : null}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {items.map((item) => {
                  const levels = item.competency.framework.scale.levels;
                  return (
                    <tr key={item.id}>
                      <th scope="row">
                        {item.competency.code} {item.competency.name}
                        <span className="level-descriptor">{t(`assessment.importance.${item.importance}`)}</span>
                      </th>
                      <td>{levelText(levels, item.targetLevel)}</td>
                      {showSelfColumn ? (
                        <td>
                          {levelText(levels, item.selfLevel)}
                          {item.selfComment ? <span className="level-descriptor">{t("assessment.commentOf", { comment: item.selfComment })}</span> : null}
                        </td>
                      ) : null}
                      {showLeaderColumn ? (
                        <td>
                          {levelText(levels, item.leaderLevel)}
                          {item.leaderComment ? <span className="level-descriptor">{t("assessment.commentOf", { comment: item.leaderComment })}</span> : null}
                        </td>
                      ) : null}
                      {showAgreedColumn ? <td>{levelText(levels, item.agreedLevel)}</td> : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <Form method="post" className="round-form" noValidate>
          {mode === "self" ? <Alert tone="info" title={t("assessment.selfPrivate")} /> : null}
          {mode === "leader" ? <p>{t("assessment.leaderIntro", { person: round.person.firstName })}</p> : null}
          {mode === "agree" ? <p>{t("assessment.agreeIntro")}</p> : null}
          {items.map((item) => {
            const c = item.competency;
            const levels = c.framework.scale.levels;
            const headingId = `item-${c.id}`;
            const errors = formFailure?.fieldErrors[`level-${c.id}`];
            const commentErrors = formFailure?.fieldErrors[`comment-${c.id}`];
            const stored = mode === "self" ? item.selfLevel : mode === "leader" ? item.leaderLevel : (item.agreedLevel ?? item.leaderLevel);
            const legendKey = mode === "self" ? "assessment.selfLegend" : mode === "leader" ? "assessment.leaderLegend" : "assessment.agreeLegend";
            return (
              <section key={item.id} className="panel round-item" aria-labelledby={headingId}>
                <input type="hidden" name="competencyId" value={c.id} />
                <h2 id={headingId} className="kern-heading-small">
                  {c.code} {c.name}
                </h2>
                <p className="muted">
                  {t("assessment.targetLevel")}: {levelText(levels, item.targetLevel)} · {t("assessment.importanceLabel")}: {t(`assessment.importance.${item.importance}`)}
                </p>
                {c.description ? <p className="muted job-description">{c.description}</p> : null}
                <div className={mode === "self" ? "" : "round-item__columns"}>
                  {mode !== "self" ? (
                    <dl className="round-item__seen">
                      <dt>{t("assessment.self")}</dt>
                      <dd>
                        {round.selfSubmittedAt ? levelText(levels, item.selfLevel) : t("assessment.selfNotSubmitted")}
                        {item.selfComment ? <span className="level-descriptor">{t("assessment.commentOf", { comment: item.selfComment })}</span> : null}
                      </dd>
                      {mode === "agree" ? (
                        <>
                          <dt>{t("assessment.leader")}</dt>
                          <dd>
                            {levelText(levels, item.leaderLevel)}
                            {item.leaderComment ? <span className="level-descriptor">{t("assessment.commentOf", { comment: item.leaderComment })}</span> : null}
                          </dd>
                        </>
                      ) : null}
                    </dl>
                  ) : null}
                  <div className="form-stack">
                    <LevelChoice
                      name={`level-${c.id}`}
                      legend={t(legendKey, { name: c.name })}
                      levels={levels}
                      descriptors={c.descriptors}
                      targetLevel={item.targetLevel}
                      value={levelValue(c.id, stored)}
                      errors={errors}
                    />
                    {mode !== "agree" ? (
                      <TextAreaField
                        label={t("assessment.commentFor", { name: c.name })}
                        id={`comment-${c.id}`}
                        name={`comment-${c.id}`}
                        rows={2}
                        defaultValue={commentValue(c.id, mode === "self" ? item.selfComment : item.leaderComment)}
                        errors={commentErrors}
                      />
                    ) : null}
                  </div>
                </div>
              </section>
            );
          })}
          <div className="btn-row round-form__actions">
            {mode === "self" || mode === "leader" ? (
              <>
                <button className="kern-btn kern-btn--secondary" type="submit" name="intent" value={`${mode}-save`} disabled={busy}>
                  <span className="kern-label">{t("assessment.saveDraft")}</span>
                </button>
                <button className="kern-btn kern-btn--primary" type="submit" name="intent" value={`${mode}-submit`} disabled={busy}>
                  <span className="kern-label">{mode === "self" ? t("assessment.submitSelf") : t("assessment.submitLeader")}</span>
                </button>
                <span className="muted">{t("assessment.submitHint")}</span>
              </>
            ) : (
              <button className="kern-btn kern-btn--primary" type="submit" name="intent" value="agree" disabled={busy}>
                <span className="kern-label">{t("assessment.agreeSubmit")}</span>
              </button>
            )}
          </div>
        </Form>
      )}

      <section className="panel" aria-labelledby="round-history">
        <h2 id="round-history" className="kern-heading-small">
          {t("assessment.history")}
        </h2>
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("assessment.startedAt")}</dt>
            <dd className="kern-description-list-item__value">{formatDateTime(round.createdAt, locale)}</dd>
          </div>
          {round.selfSubmittedAt ? (
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("assessment.selfSubmittedAt")}</dt>
              <dd className="kern-description-list-item__value">{formatDateTime(round.selfSubmittedAt, locale)}</dd>
            </div>
          ) : null}
          {round.leaderRatedAt ? (
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("assessment.leaderRatedAt")}</dt>
              <dd className="kern-description-list-item__value">{formatDateTime(round.leaderRatedAt, locale)}</dd>
            </div>
          ) : null}
          {round.agreedAt ? (
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("assessment.agreedAt")}</dt>
              <dd className="kern-description-list-item__value">
                {formatDateTime(round.agreedAt, locale)}
                {round.agreedBy ? ` – ${round.agreedBy.email}` : ""}
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      {canCancel ? (
        <details className="cancel-round">
          <summary className="kern-link">{t("assessment.cancel")}</summary>
          <Form method="post" className="form-stack">
            <input type="hidden" name="intent" value="cancel" />
            <p>{t("assessment.cancelHint")}</p>
            <button className="kern-btn kern-btn--secondary" type="submit">
              <span className="kern-label">{t("assessment.cancelConfirm")}</span>
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
