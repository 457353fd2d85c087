import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createFramework, listFrameworks, listScales, requireEditor, createScale } from "~/modules/competency/frameworks.server.ts";
import { NewFrameworkSchema, ScaleSchema } from "~/modules/competency/schemas.ts";
import { hasPermission } from "~/modules/auth/permissions.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, Field, SelectField } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Kompetenzmodelle – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:competency:any");
  const editor = hasPermission(actor.roles, "update:competency:any");
  const [frameworks, scales] = await Promise.all([listFrameworks(db, actor), editor ? listScales(db) : Promise.resolve([])]);
  return { frameworks, scales: scales.map((s) => ({ id: s.id, name: s.name, levels: s.levels.length })), editor };
}

const ScaleFormSchema = z.object({
  name: z.string().trim().min(1, { error: "validation.nameRequired" }).max(200),
  levels: z.string().transform((text) =>
    text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [label, band] = line.split("|").map((s) => s.trim());
        return { label: label ?? "", band: band || undefined, description: "" };
      }),
  ),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:competency:any");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "create-scale") {
    const raw = ScaleFormSchema.safeParse(Object.fromEntries(formData));
    const parsed = raw.success ? ScaleSchema.safeParse(raw.data) : raw;
    if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
    requireEditor(actor);
    try {
      await db.$transaction(async (tx) => {
        if (await tx.proficiencyScale.findUnique({ where: { name: parsed.data.name } })) {
          throw new (await import("~/modules/errors.ts")).ValidationError("validation.nameTaken", { name: ["validation.nameTaken"] });
        }
        await createScale(tx, actor.userId, parsed.data);
      });
    } catch (error) {
      return data(domainFailure(intent, error, formData), { status: 400 });
    }
    return { ok: true as const, intent, message: "frameworks.scaleCreated" };
  }
  if (intent === "create") {
    const parsed = NewFrameworkSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
    try {
      const framework = await createFramework(db, actor, {
        ...parsed.data,
        nextReviewAt: parsed.data.nextReviewAt ?? null,
        responsiblePersonId: actor.personId,
      });
      return redirect(`/kompetenzmodelle/${framework.id}`);
    } catch (error) {
      return data(domainFailure(intent, error, formData), { status: 400 });
    }
  }
  throw new Response("Unbekannte Aktion", { status: 400 });
}

export default function FrameworksPage() {
  const { frameworks, scales, editor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  const errorsFor = (intent: string, field: string) => (failure?.intent === intent ? failure.fieldErrors[field] : undefined);
  const valueOf = (intent: string, field: string, fallback = "") => (failure?.intent === intent ? (failure.values[field] ?? fallback) : fallback);
  return (
    <>
      <PageHeader title={t("frameworks.title")} intro={editor ? t("frameworks.introEditor") : t("frameworks.intro")} />
      {actionData?.ok ? <Alert tone="success" title={t(actionData.message)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      {editor ? (
        <p>
          <Link className="kern-link" to="/kompetenzmodelle/import">
            {t("frameworks.importLink")}
          </Link>
        </p>
      ) : null}
      {frameworks.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped">
            <caption className="kern-sr-only">{t("frameworks.title")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("frameworks.name")}</th>
                <th scope="col">{t("frameworks.version")}</th>
                <th scope="col">{t("frameworks.status")}</th>
                <th scope="col">{t("frameworks.scale")}</th>
                <th scope="col" className="kern-table__header--numeric">
                  {t("frameworks.competencies")}
                </th>
                {editor ? <th scope="col">{t("frameworks.nextReview")}</th> : null}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {frameworks.map((f) => (
                <tr key={f.id}>
                  <td>
                    <Link className="kern-link" to={`/kompetenzmodelle/${f.id}`}>
                      {f.name}
                    </Link>
                  </td>
                  <td>{f.version}</td>
                  <td>
                    <span className={`kern-badge ${f.status === "PUBLISHED" ? "kern-badge--success" : f.status === "DRAFT" ? "kern-badge--warning" : "kern-badge--info"}`}>
                      {t(`frameworkStatus.${f.status}`)}
                    </span>
                  </td>
                  <td>{f.scale.name}</td>
                  <td className="kern-table__cell--numeric">{f.competencyCount}</td>
                  {editor ? <td>{formatDate(f.nextReviewAt, locale)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{editor ? t("frameworks.emptyEditor") : t("frameworks.empty")}</p>
      )}

      {editor ? (
        <div className="two-columns">
          <section className="panel" aria-labelledby="new-framework">
            <h2 id="new-framework" className="kern-heading-medium">
              {t("frameworks.new")}
            </h2>
            <Form method="post" className="form-stack">
              <input type="hidden" name="intent" value="create" />
              <Field label={t("frameworks.name")} errors={errorsFor("create", "name")} inputProps={{ id: "fw-name", name: "name", required: true, defaultValue: valueOf("create", "name") }} />
              <Field
                label={t("frameworks.key")}
                hint={t("frameworks.keyHint")}
                errors={errorsFor("create", "key")}
                inputProps={{ id: "fw-key", name: "key", required: true, defaultValue: valueOf("create", "key") }}
              />
              <SelectField
                label={t("frameworks.scale")}
                options={scales.map((s) => ({ value: s.id, label: t("frameworks.scaleOption", { name: s.name, count: s.levels }) }))}
                selectProps={{ id: "fw-scale", name: "scaleId", defaultValue: valueOf("create", "scaleId", scales[0]?.id ?? "") }}
              />
              <TextAreaField label={t("frameworks.description")} id="fw-description" name="description" defaultValue={valueOf("create", "description")} />
              <Field label={t("frameworks.source")} inputProps={{ id: "fw-source", name: "source", defaultValue: valueOf("create", "source") }} />
              <Field label={t("frameworks.licence")} inputProps={{ id: "fw-licence", name: "licence", defaultValue: valueOf("create", "licence") }} />
              <Field label={t("frameworks.attribution")} inputProps={{ id: "fw-attribution", name: "attribution", defaultValue: valueOf("create", "attribution") }} />
              <Field
                label={t("frameworks.nextReview")}
                errors={errorsFor("create", "nextReviewAt")}
                inputProps={{ id: "fw-review", name: "nextReviewAt", type: "date", defaultValue: valueOf("create", "nextReviewAt") }}
              />
              <button className="kern-btn kern-btn--primary" type="submit">
                <span className="kern-label">{t("frameworks.create")}</span>
              </button>
            </Form>
          </section>
          <section className="panel" aria-labelledby="new-scale">
            <h2 id="new-scale" className="kern-heading-medium">
              {t("frameworks.newScale")}
            </h2>
            <Form method="post" className="form-stack">
              <input type="hidden" name="intent" value="create-scale" />
              <Field label={t("frameworks.scaleName")} errors={errorsFor("create-scale", "name")} inputProps={{ id: "scale-name", name: "name", required: true, defaultValue: valueOf("create-scale", "name") }} />
              <TextAreaField
                label={t("frameworks.scaleLevels")}
                hint={t("frameworks.scaleLevelsHint")}
                errors={errorsFor("create-scale", "levels")}
                id="scale-levels"
                name="levels"
                rows={5}
                defaultValue={valueOf("create-scale", "levels")}
              />
              <button className="kern-btn kern-btn--secondary" type="submit">
                <span className="kern-label">{t("frameworks.createScale")}</span>
              </button>
            </Form>
          </section>
        </div>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
