import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  getPositionProfile,
  getPublishedCompetency,
  listPublishedCompetencies,
  listRoleProfiles,
  markReviewed,
  removePositionRequirement,
  setPositionRoleProfile,
  upsertPositionRequirement,
} from "~/modules/competency/profiles.server.ts";
import { RequirementSchema, ReviewSchema } from "~/modules/competency/schemas.ts";
import { hasPermission } from "~/modules/auth/permissions.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, SelectField } from "~/components/forms.tsx";
import { RequirementTable } from "~/components/requirement-table.tsx";
import { RequirementForm } from "~/components/requirement-form.tsx";
import { ReviewPanel } from "~/components/review-panel.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Stellenprofil ${data.position.title} – Lernreise` : "Stellenprofil – Lernreise" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:profile:own");
  const result = await run(() => getPositionProfile(db, actor, params.positionId ?? ""));
  const editor = hasPermission(actor.roles, "update:profile:any");
  const competencyId = new URL(request.url).searchParams.get("competency");
  const [frameworks, roleProfiles, chosen] = editor
    ? await Promise.all([listPublishedCompetencies(db), listRoleProfiles(db), competencyId ? getPublishedCompetency(db, competencyId) : Promise.resolve(null)])
    : [[], [], null];
  return { ...result, editor, frameworks, roleProfiles: roleProfiles.map((r) => ({ id: r.id, name: r.name })), chosen };
}

const RoleSchema = z.object({ roleProfileId: z.string().transform((v) => v || null) });
const RemoveSchema = z.object({ competencyId: z.string().min(1), exclude: z.enum(["0", "1"]).transform((v) => v === "1") });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:profile:any");
  const positionId = params.positionId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const fields = Object.fromEntries(formData);
  try {
    switch (intent) {
      case "role": {
        await setPositionRoleProfile(db, actor, positionId, RoleSchema.parse(fields).roleProfileId);
        return { ok: true as const, intent, message: "profiles.saved" };
      }
      case "requirement": {
        const parsed = RequirementSchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await upsertPositionRequirement(db, actor, positionId, parsed.data);
        return redirect(`/stellenprofile/${positionId}`);
      }
      case "remove": {
        const parsed = RemoveSchema.parse(fields);
        await removePositionRequirement(db, actor, positionId, parsed.competencyId, parsed.exclude);
        return { ok: true as const, intent, message: "profiles.saved" };
      }
      case "review": {
        const parsed = ReviewSchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await markReviewed(db, actor, { entityType: "PositionProfile", entityId: positionId, ...parsed.data });
        return { ok: true as const, intent, message: "review.done" };
      }
      default:
        throw new Response("Unbekannte Aktion", { status: 400 });
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return data(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function PositionProfilePage() {
  const { position, profile, requirements, reviews, editor, frameworks, roleProfiles, chosen, access } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  const overdue = profile?.nextReviewAt && new Date(profile.nextReviewAt) < new Date();
  const attributions = [...new Map(requirements.rows.map((r) => [r.competency.framework.id, r.competency.framework])).values()].filter((f) => f.attribution);
  return (
    <>
      {editor ? (
        <nav className="breadcrumb" aria-label={t("org.breadcrumb")}>
          <ol>
            <li>
              <Link className="kern-link" to="/stellenprofile">
                {t("profiles.title")}
              </Link>
            </li>
            <li>
              <span aria-current="page">{position.code}</span>
            </li>
          </ol>
        </nav>
      ) : null}
      <div className="page-header">
        <p className="kern-preline">{access === "own" ? t("profiles.ownPreline") : t("profiles.preline")}</p>
        <h1 className="kern-heading-large">{position.title}</h1>
        <p className="kern-body">
          {position.code} · {position.orgUnit.code} {position.orgUnit.name}
          {position.payGrade ? ` · ${position.payGrade}` : ""}
        </p>
      </div>
      {actionData?.ok ? <Alert tone="success" title={t(actionData.message)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <p className="btn-row">
        <Link className="kern-link" to={`/stellenprofile/${position.id}/anforderungsprofil`}>
          {t("profiles.requirementProfile")}
        </Link>
      </p>
      <div className="two-columns">
        <section className="panel" aria-labelledby="job-description">
          <h2 id="job-description" className="kern-heading-medium">
            {t("position.jobDescription")}
          </h2>
          <p className="job-description">{position.jobDescription || t("position.noJobDescription")}</p>
        </section>
        <section className="panel" aria-labelledby="profile-meta">
          <h2 id="profile-meta" className="kern-heading-medium">
            {t("profiles.about")}
          </h2>
          <dl className="kern-description-list">
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("profiles.roleProfile")}</dt>
              <dd className="kern-description-list-item__value">{profile?.roleProfile?.name ?? t("profiles.noRoleProfile")}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("review.responsible")}</dt>
              <dd className="kern-description-list-item__value">{profile?.responsible ? `${profile.responsible.firstName} ${profile.responsible.lastName}` : "–"}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("review.next")}</dt>
              <dd className="kern-description-list-item__value">
                {formatDate(profile?.nextReviewAt, locale)} {overdue ? <span className="kern-badge kern-badge--danger">{t("review.overdue")}</span> : null}
              </dd>
            </div>
          </dl>
          {editor ? (
            <Form method="post" className="form-stack">
              <input type="hidden" name="intent" value="role" />
              <SelectField
                label={t("profiles.roleProfile")}
                options={[{ value: "", label: t("profiles.noRoleProfile") }, ...roleProfiles.map((r) => ({ value: r.id, label: r.name }))]}
                selectProps={{ id: "roleProfileId", name: "roleProfileId", defaultValue: profile?.roleProfile?.id ?? "" }}
              />
              <button className="kern-btn kern-btn--secondary" type="submit">
                <span className="kern-label">{t("profiles.applyRoleProfile")}</span>
              </button>
            </Form>
          ) : null}
        </section>
      </div>

      <section className="panel" aria-labelledby="requirements">
        <h2 id="requirements" className="kern-heading-medium">
          {t("profiles.requirements")}
        </h2>
        {!profile ? <p>{t("profiles.noProfile")}</p> : null}
        <RequirementTable
          rows={requirements.rows}
          caption={t("profiles.requirements")}
          actions={
            editor
              ? (row) => (
                  <span className="btn-row">
                    <Link className="kern-link" to={`?competency=${row.competency.id}`}>
                      {t("profiles.change")}
                      <span className="kern-sr-only"> {row.competency.name}</span>
                    </Link>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="competencyId" value={row.competency.id} />
                      <input type="hidden" name="exclude" value={row.source === "position" ? "0" : "1"} />
                      <button className="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit">
                        <span className="kern-label">{row.source === "position" ? t("profiles.remove") : t("profiles.exclude")}</span>
                        <span className="kern-sr-only"> {row.competency.name}</span>
                      </button>
                    </Form>
                    {row.source === "override" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="competencyId" value={row.competency.id} />
                        <input type="hidden" name="exclude" value="0" />
                        <button className="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit">
                          <span className="kern-label">{t("profiles.resetToInherited")}</span>
                          <span className="kern-sr-only"> {row.competency.name}</span>
                        </button>
                      </Form>
                    ) : null}
                  </span>
                )
              : undefined
          }
        />
        {requirements.excluded.length ? (
          <>
            <h3 className="kern-heading-small">{t("profiles.excludedTitle")}</h3>
            <ul>
              {requirements.excluded.map((e) => (
                <li key={e.requirementId}>
                  {e.competency.code} {e.competency.name}
                  {editor ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="competencyId" value={e.competency.id} />
                      <input type="hidden" name="exclude" value="0" />{" "}
                      <button className="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit">
                        <span className="kern-label">{t("profiles.include")}</span>
                        <span className="kern-sr-only"> {e.competency.name}</span>
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {attributions.map((f) => (
          <p key={f.id} className="attribution">
            {f.name}: {f.attribution}
          </p>
        ))}
      </section>

      {editor ? (
        <div className="two-columns">
          <section className="panel" aria-labelledby="add-requirement">
            <h2 id="add-requirement" className="kern-heading-medium">
              {chosen ? t("profiles.setLevel") : t("profiles.addRequirement")}
            </h2>
            <RequirementForm
              frameworks={frameworks}
              chosen={chosen}
              intent="requirement"
              current={chosen ? (requirements.rows.find((r) => r.competency.id === chosen.id) ?? null) : null}
              errors={failure?.intent === "requirement" ? failure.fieldErrors : undefined}
            />
          </section>
          <ReviewPanel errors={failure?.intent === "review" ? failure.fieldErrors : undefined} values={failure?.intent === "review" ? failure.values : undefined} reviews={reviews} />
        </div>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
