import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  addItem,
  archiveQuestionnaire,
  getQuestionnaire,
  moveItem,
  removeItem,
  updateItem,
  updateQuestionnaireDetails,
} from "~/modules/feedback/questionnaires.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, ErrorList } from "~/components/forms.tsx";
import { EMPTY_ITEM, QuestionnaireDetailsFields, QuestionnaireItemFields, type ItemValues } from "~/components/questionnaire-forms.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import questionnaireStyles from "~/styles/questionnaires.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.questionnaire.title} – Fragebögen – Lernreise` : "Fragebogen – Lernreise" },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: questionnaireStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:questionnaire:any");
  return run(() => getQuestionnaire(db, actor, params.questionnaireId ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:questionnaire:any");
  const id = params.questionnaireId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const itemId = String(formData.get("itemId") ?? "");
  const input = Object.fromEntries(formData);
  const back = `/wirksamkeit/frageboegen/${id}`;
  try {
    switch (intent) {
      case "details":
        await updateQuestionnaireDetails(db, actor, id, input);
        return redirect(`${back}?gespeichert=1`);
      case "addItem":
        await addItem(db, actor, id, input);
        return redirect(`${back}?gespeichert=1#fragen`);
      case "updateItem":
        await updateItem(db, actor, id, itemId, input);
        return redirect(`${back}?gespeichert=1#fragen`);
      case "up":
      case "down":
        await moveItem(db, actor, id, itemId, intent);
        return redirect(`${back}#fragen`);
      case "remove":
        await removeItem(db, actor, id, itemId);
        return redirect(`${back}?gespeichert=1#fragen`);
      case "archive":
        if (formData.get("confirm") !== "on") {
          return data({ ok: false as const, intent, fieldErrors: { confirm: ["feedback.questionnaires.validation.archiveConfirm"] }, values: {} as Record<string, string>, formError: "form.checkFields" }, { status: 400 });
        }
        await archiveQuestionnaire(db, actor, id);
        return redirect("/wirksamkeit/frageboegen?archiviert=1");
      default:
        throw new Response("Unbekannte Aktion", { status: 400 });
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return data(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function QuestionnairePage() {
  const { questionnaire: q, responses, requests, trainings, locked, kindLocked } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const editingId = params.get("frage");
  const editing = !locked && editingId ? q.items.find((i) => i.id === editingId) : undefined;
  const failed = (intent: string) => (failure && failure.intent === intent ? failure : null);
  const details = failed("details");
  const add = failed("addItem");
  const update = failed("updateItem");
  const archive = failed("archive");
  const generalError = failure && !["details", "addItem", "updateItem", "archive"].includes(failure.intent) ? failure.formError : null;
  const itemValues = (values: Record<string, string> | undefined, fallback: ItemValues): ItemValues =>
    values
      ? { text: values.text ?? "", type: values.type ?? "SCALE5", level: values.level ?? "REACTION", key: values.key ?? "", required: values.required === "on", options: values.options ?? "" }
      : fallback;
  const editable = !q.archivedAt;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("feedback.questionnaires.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/wirksamkeit/frageboegen">
              {t("feedback.questionnaires.title")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{q.title}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">
          {t("feedback.questionnaires.edit.preline")} · {t(`feedback.questionnaires.kind.${q.kind}`)}
        </p>
        <h1 className="kern-heading-large">{q.title}</h1>
      </div>
      {params.get("angelegt") ? <Alert tone="success" title={t("feedback.questionnaires.created")} /> : null}
      {params.get("gespeichert") && !failure ? <Alert tone="success" title={t("feedback.questionnaires.edit.saved")} /> : null}
      {generalError ? <Alert tone="danger" title={t(generalError, { defaultValue: generalError })} /> : null}
      {q.archivedAt ? <Alert tone="info" title={`${t("feedback.questionnaires.edit.archivedNotice")} (${formatDate(q.archivedAt, locale)})`} /> : null}
      {q.isDefault ? <p className="kern-body">{t("feedback.questionnaires.edit.isDefault")}</p> : null}

      <section className="questionnaire-panel" aria-labelledby="stats-title">
        <h2 id="stats-title" className="kern-heading-medium">
          {t("feedback.questionnaires.edit.stats")}
        </h2>
        <dl className="questionnaire-stats">
          <div>
            <dt>{t("feedback.questionnaires.edit.trainings")}</dt>
            <dd>{formatNumber(trainings, locale)}</dd>
          </div>
          <div>
            <dt>{t("feedback.questionnaires.edit.requests")}</dt>
            <dd>{formatNumber(requests, locale)}</dd>
          </div>
          <div>
            <dt>{t("feedback.questionnaires.edit.responses")}</dt>
            <dd>{formatNumber(responses, locale)}</dd>
          </div>
        </dl>
      </section>

      {editable ? (
        <section className="questionnaire-panel" aria-labelledby="details-title">
          <h2 id="details-title" className="kern-heading-medium">
            {t("feedback.questionnaires.edit.details")}
          </h2>
          {details?.formError ? <Alert tone="danger" title={t(details.formError, { defaultValue: details.formError })} /> : null}
          <Form method="post" className="form-stack" noValidate>
            <input type="hidden" name="intent" value="details" />
            <QuestionnaireDetailsFields
              idPrefix="details"
              values={{
                title: details?.values.title ?? q.title,
                description: details?.values.description ?? q.description,
                kind: details?.values.kind ?? q.kind,
                learningGain: details ? details.values.learningGain === "on" : q.learningGain,
              }}
              errors={details?.fieldErrors}
              kindLocked={kindLocked || q.isDefault}
            />
            <button className="kern-btn kern-btn--primary" type="submit">
              <span className="kern-label">{t("feedback.questionnaires.edit.save")}</span>
            </button>
          </Form>
        </section>
      ) : null}

      <section className="questionnaire-panel" aria-labelledby="fragen">
        <h2 id="fragen" className="kern-heading-medium" tabIndex={-1}>
          {t("feedback.questionnaires.edit.items")}
        </h2>
        {locked ? (
          <Alert tone="info" title={t("feedback.questionnaires.edit.locked", { count: responses })}>
            <p>
              <Link className="kern-btn kern-btn--secondary" to={`/wirksamkeit/frageboegen/neu?kopie=${q.id}`}>
                <span className="kern-label">{t("feedback.questionnaires.edit.copy")}</span>
              </Link>
            </p>
          </Alert>
        ) : null}
        {q.items.length ? (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t("feedback.questionnaires.edit.itemsCaption")}>
            <table className="kern-table kern-table--striped questionnaire-items">
              <caption className="kern-title">{t("feedback.questionnaires.edit.itemsCaption")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col" className="num">
                    {t("feedback.questionnaires.edit.position")}
                  </th>
                  <th scope="col">{t("feedback.questionnaires.fields.text")}</th>
                  <th scope="col">{t("feedback.questionnaires.edit.answer")}</th>
                  <th scope="col">{t("feedback.questionnaires.fields.level")}</th>
                  <th scope="col">{t("feedback.questionnaires.fields.key")}</th>
                  {editable && !locked ? <th scope="col">{t("feedback.questionnaires.edit.actions")}</th> : null}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {q.items.map((item, index) => {
                  const n = index + 1;
                  return (
                    <tr key={item.id}>
                      <td className="num">{n}</td>
                      <th scope="row">
                        {item.text}
                        <div className="muted">{item.required ? t("feedback.questionnaires.edit.required") : t("feedback.questionnaires.edit.optional")}</div>
                      </th>
                      <td>
                        {t(`feedback.questionnaires.type.${item.type}`)}
                        {item.options.length ? (
                          <ul>
                            {item.options.map((o) => (
                              <li key={o.value}>{o.label}</li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                      <td>{t(`feedback.questionnaires.level.${item.level}`)}</td>
                      <td>{item.key ? t(`feedback.questionnaires.keys.${item.key}`, { defaultValue: item.key }) : "–"}</td>
                      {editable && !locked ? (
                        <td>
                          <div className="questionnaire-actions">
                            <Link className="kern-link" to={`?frage=${item.id}#frage-bearbeiten`} aria-label={t("feedback.questionnaires.edit.editLinkLabel", { n })}>
                              {t("feedback.questionnaires.edit.editLink")}
                            </Link>
                            <Form method="post">
                              <input type="hidden" name="itemId" value={item.id} />
                              {index > 0 ? (
                                <button className="kern-btn kern-btn--tertiary" type="submit" name="intent" value="up" aria-label={t("feedback.questionnaires.edit.upLabel", { n })}>
                                  <span className="kern-label">{t("feedback.questionnaires.edit.up")}</span>
                                </button>
                              ) : null}
                              {index < q.items.length - 1 ? (
                                <button className="kern-btn kern-btn--tertiary" type="submit" name="intent" value="down" aria-label={t("feedback.questionnaires.edit.downLabel", { n })}>
                                  <span className="kern-label">{t("feedback.questionnaires.edit.down")}</span>
                                </button>
                              ) : null}
                              <button className="kern-btn kern-btn--tertiary" type="submit" name="intent" value="remove" aria-label={t("feedback.questionnaires.edit.removeLabel", { n })}>
                                <span className="kern-label">{t("feedback.questionnaires.edit.remove")}</span>
                              </button>
                            </Form>
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("feedback.questionnaires.edit.noItems")}</p>
        )}
      </section>

      {editable && !locked && editing ? (
        <section className="questionnaire-panel" aria-labelledby="frage-bearbeiten">
          <h2 id="frage-bearbeiten" className="kern-heading-medium" tabIndex={-1}>
            {t("feedback.questionnaires.edit.editItem")}
          </h2>
          {update?.formError ? <Alert tone="danger" title={t(update.formError, { defaultValue: update.formError })} /> : null}
          <Form method="post" className="form-stack" noValidate key={editing.id}>
            <input type="hidden" name="intent" value="updateItem" />
            <input type="hidden" name="itemId" value={editing.id} />
            <QuestionnaireItemFields
              idPrefix="edit-item"
              values={itemValues(update?.values, {
                text: editing.text,
                type: editing.type,
                level: editing.level,
                key: editing.key,
                required: editing.required,
                options: editing.options.map((o) => `${o.value} = ${o.label}`).join("\n"),
              })}
              errors={update?.fieldErrors}
            />
            <p className="btn-row">
              <button className="kern-btn kern-btn--primary" type="submit">
                <span className="kern-label">{t("feedback.questionnaires.edit.saveItem")}</span>
              </button>
              <Link className="kern-link" to={`/wirksamkeit/frageboegen/${q.id}#fragen`}>
                {t("feedback.questionnaires.edit.cancel")}
              </Link>
            </p>
          </Form>
        </section>
      ) : null}

      {editable && !locked ? (
        <section className="questionnaire-panel" aria-labelledby="frage-hinzufuegen">
          <h2 id="frage-hinzufuegen" className="kern-heading-medium">
            {t("feedback.questionnaires.edit.addItem")}
          </h2>
          {add?.formError ? <Alert tone="danger" title={t(add.formError, { defaultValue: add.formError })} /> : null}
          <Form method="post" className="form-stack" noValidate>
            <input type="hidden" name="intent" value="addItem" />
            <QuestionnaireItemFields idPrefix="new-item" values={itemValues(add?.values, EMPTY_ITEM)} errors={add?.fieldErrors} />
            <button className="kern-btn kern-btn--primary" type="submit">
              <span className="kern-label">{t("feedback.questionnaires.edit.add")}</span>
            </button>
          </Form>
        </section>
      ) : null}

      {editable && !q.isDefault ? (
        <section className="questionnaire-panel" aria-labelledby="archive-title">
          <h2 id="archive-title" className="kern-heading-medium">
            {t("feedback.questionnaires.edit.archiveTitle")}
          </h2>
          <p>{t("feedback.questionnaires.edit.archiveExplain")}</p>
          {archive?.formError && !archive.fieldErrors.confirm ? <Alert tone="danger" title={t(archive.formError, { defaultValue: archive.formError })} /> : null}
          <Form method="post" className="form-stack">
            <input type="hidden" name="intent" value="archive" />
            <div className="kern-form-check">
              <input
                className="kern-form-check__checkbox"
                type="checkbox"
                id="archive-confirm"
                name="confirm"
                aria-invalid={archive?.fieldErrors.confirm ? true : undefined}
                aria-describedby={archive?.fieldErrors.confirm ? "archive-confirm-error" : undefined}
              />
              <label className="kern-label" htmlFor="archive-confirm">
                {t("feedback.questionnaires.edit.archiveConfirm")}
              </label>
            </div>
            <ErrorList id={archive?.fieldErrors.confirm ? "archive-confirm-error" : undefined} errors={archive?.fieldErrors.confirm} />
            <button className="kern-btn kern-btn--secondary" type="submit">
              <span className="kern-label">{t("feedback.questionnaires.edit.archiveButton")}</span>
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
