import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getTraining, removeTrainingCompetency, setTrainingCompetency, setTrainingStatus, updateTraining } from "~/modules/training/catalogue.server.ts";
import { TrainingCompetencySchema, TrainingSchema, TrainingStatusSchema } from "~/modules/training/schemas.ts";
import { getPublishedCompetency, listPublishedCompetencies } from "~/modules/competency/profiles.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { euroInput, hoursInput, StatusBadge } from "~/components/catalogue.tsx";
import { mergeValues, TrainingForm } from "~/components/training-form.tsx";
import { LevelChoice, levelText } from "~/components/level-choice.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import catalogueStyles from "~/styles/catalogue.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.training.title} bearbeiten – Lernreise` : "Schulung bearbeiten – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: catalogueStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:training:any");
  const result = await run(() => getTraining(db, actor, params.trainingId ?? "", { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS }));
  const competencyId = new URL(request.url).searchParams.get("competency");
  const [frameworks, chosen] = await Promise.all([listPublishedCompetencies(db), competencyId ? getPublishedCompetency(db, competencyId) : Promise.resolve(null)]);
  return { ...result, frameworks, chosen };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:training:any");
  const trainingId = params.trainingId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const fields = Object.fromEntries(formData);
  try {
    switch (intent) {
      case "save": {
        const parsed = TrainingSchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await updateTraining(db, actor, trainingId, parsed.data);
        return { ok: true as const, intent, message: "catalogue.saved" };
      }
      case "status": {
        const parsed = TrainingStatusSchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await setTrainingStatus(db, actor, trainingId, parsed.data.status);
        return { ok: true as const, intent, message: parsed.data.status === "PUBLISHED" ? "catalogue.published" : "catalogue.archived" };
      }
      case "competency": {
        const parsed = TrainingCompetencySchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await setTrainingCompetency(db, actor, trainingId, parsed.data);
        return redirect(`/schulungen/${trainingId}/bearbeiten?zugeordnet=1#kompetenzen`);
      }
      case "remove-competency": {
        const lineageId = z.string().min(1).max(100).safeParse(fields.lineageId);
        if (!lineageId.success) throw new Response("Kompetenz fehlt", { status: 400 });
        await removeTrainingCompetency(db, actor, trainingId, lineageId.data);
        return { ok: true as const, intent, message: "catalogue.competencyRemoved" };
      }
      default:
        throw new Response("Unbekannte Aktion", { status: 400 });
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return data(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function EditTrainingPage() {
  const { training, competencies, frameworks, chosen, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  const success = actionData?.ok ? actionData.message : params.get("angelegt") ? "catalogue.createdDraft" : params.get("zugeordnet") ? "catalogue.competencySaved" : null;
  const stored = {
    code: training.code,
    title: training.title,
    description: training.description,
    format: training.format,
    provider: training.provider,
    durationHours: hoursInput(training.durationMinutes, locale),
    cost: euroInput(training.costCents, locale),
    language: training.language,
    prerequisites: training.prerequisites,
    targetGroups: training.targetGroups,
    contactName: training.contactName,
    contactEmail: training.contactEmail,
    externalUrl: training.externalUrl,
    requiresApproval: training.requiresApproval,
  };
  const current = chosen ? competencies.find((c) => c.competency.id === chosen.id || c.lineageId === chosen.lineageId) : null;
  const upcoming = sessions.filter((s) => !s.past && s.status === "SCHEDULED").length;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("catalogue.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/schulungen">
              {t("catalogue.title")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`/schulungen/${training.id}`}>
              {training.title}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("catalogue.edit")}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">{t("catalogue.editPreline", { code: training.code })}</p>
        <h1 className="kern-heading-large">{training.title}</h1>
      </div>
      {success ? <Alert tone="success" title={t(success)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}

      <section className="panel" aria-labelledby="status">
        <h2 id="status" className="kern-heading-medium">
          {t("catalogue.statusTitle")}
        </h2>
        <p>
          <StatusBadge status={training.status} /> {t(`catalogue.statusExplained.${training.status}`)}
        </p>
        <Form method="post" className="btn-row">
          <input type="hidden" name="intent" value="status" />
          {training.status !== "PUBLISHED" ? (
            <button className="kern-btn kern-btn--primary" type="submit" name="status" value="PUBLISHED">
              <span className="kern-label">{training.status === "ARCHIVED" ? t("catalogue.republish") : t("catalogue.publish")}</span>
            </button>
          ) : null}
          {training.status !== "ARCHIVED" ? (
            <button className="kern-btn kern-btn--secondary" type="submit" name="status" value="ARCHIVED">
              <span className="kern-label">{t("catalogue.archive")}</span>
            </button>
          ) : null}
        </Form>
      </section>

      <section className="panel" aria-labelledby="kompetenzen-title" id="kompetenzen">
        <h2 id="kompetenzen-title" className="kern-heading-medium">
          {t("catalogue.competencies.title")}
        </h2>
        <p className="muted">{t("catalogue.competencies.editIntro")}</p>
        {competencies.length ? (
          <div className="kern-table-responsive">
            <table className="kern-table kern-table--striped catalogue-table">
              <caption className="kern-sr-only">{t("catalogue.competencies.title")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("catalogue.competencies.competency")}</th>
                  <th scope="col">{t("catalogue.competencies.framework")}</th>
                  <th scope="col">{t("catalogue.competencies.targetLevel")}</th>
                  <th scope="col">{t("catalogue.competencies.actions")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {competencies.map((c) => (
                  <tr key={c.lineageId}>
                    <th scope="row">
                      {c.competency.code} {c.competency.name}
                    </th>
                    <td>{c.competency.framework.name}</td>
                    <td>{levelText(c.levels, c.targetLevel)}</td>
                    <td>
                      <span className="btn-row">
                        <Link className="kern-link" to={`?competency=${c.competency.id}#kompetenzen`}>
                          {t("catalogue.competencies.change")}
                          <span className="kern-sr-only"> {c.competency.name}</span>
                        </Link>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="remove-competency" />
                          <input type="hidden" name="lineageId" value={c.lineageId} />
                          <button className="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit">
                            <span className="kern-label">{t("catalogue.competencies.remove")}</span>
                            <span className="kern-sr-only"> {c.competency.name}</span>
                          </button>
                        </Form>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("catalogue.competencies.noneEdit")}</p>
        )}
        <h3 className="kern-heading-small" id="add-competency">
          {chosen ? t("catalogue.competencies.setLevel") : t("catalogue.competencies.add")}
        </h3>
        {chosen ? (
          <Form method="post" action={`/schulungen/${training.id}/bearbeiten?competency=${chosen.id}`} className="form-stack" aria-labelledby="add-competency">
            <input type="hidden" name="intent" value="competency" />
            <input type="hidden" name="competencyId" value={chosen.id} />
            <p>
              <strong>
                {chosen.code} {chosen.name}
              </strong>{" "}
              <span className="muted">({chosen.framework.name})</span>
            </p>
            {chosen.description ? <p className="muted job-description">{chosen.description}</p> : null}
            <LevelChoice
              name="targetLevel"
              legend={t("catalogue.competencies.targetLevelLegend")}
              levels={chosen.framework.scale.levels}
              descriptors={chosen.descriptors}
              value={failure?.intent === "competency" && failure.values.targetLevel ? Number(failure.values.targetLevel) : (current?.targetLevel ?? null)}
              errors={failure?.intent === "competency" ? [...(failure.fieldErrors.targetLevel ?? []), ...(failure.fieldErrors.competencyId ?? [])] : undefined}
            />
            <div className="btn-row">
              <button className="kern-btn kern-btn--primary" type="submit">
                <span className="kern-label">{t("catalogue.competencies.save")}</span>
              </button>
              <Link className="kern-link" to={`/schulungen/${training.id}/bearbeiten#kompetenzen`}>
                {t("catalogue.competencies.cancel")}
              </Link>
            </div>
          </Form>
        ) : (
          <Form method="get" className="form-stack" aria-labelledby="add-competency">
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="competency">
                {t("catalogue.competencies.choose")}
              </label>
              <div className="kern-form-input__select-wrapper">
                <select className="kern-form-input__select" id="competency" name="competency" required>
                  {frameworks.map((f) => (
                    <optgroup key={f.id} label={f.name}>
                      {f.nodes.map((n) => (
                        <option key={n.id} value={n.id}>
                          {n.code} {n.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </div>
            </div>
            <button className="kern-btn kern-btn--secondary" type="submit">
              <span className="kern-label">{t("catalogue.competencies.next")}</span>
            </button>
          </Form>
        )}
      </section>

      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="kern-heading-medium">
          {t("catalogue.sessions.title")}
        </h2>
        <p>{t("catalogue.sessions.summary", { count: upcoming })}</p>
        <p className="btn-row">
          <Link className="kern-link" to={`/schulungen/${training.id}#sessions`}>
            {t("catalogue.sessions.showAll")}
          </Link>
          {training.status !== "ARCHIVED" ? (
            <Link className="kern-btn kern-btn--secondary" to={`/schulungen/${training.id}/termine/neu`}>
              <span className="kern-label">{t("catalogue.sessions.new")}</span>
            </Link>
          ) : null}
        </p>
      </section>

      <section className="panel" aria-labelledby="details">
        <h2 id="details" className="kern-heading-medium">
          {t("catalogue.detailsTitle")}
        </h2>
        <TrainingForm
          values={mergeValues(stored, failure?.intent === "save" ? failure.values : undefined)}
          errors={failure?.intent === "save" ? failure.fieldErrors : undefined}
          intent="save"
          submitLabel={t("catalogue.save")}
        />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
