import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  getPublishedCompetency,
  getRoleProfile,
  listPublishedCompetencies,
  markReviewed,
  removeRoleRequirement,
  upsertRoleRequirement,
} from "~/modules/competency/profiles.server.ts";
import { RequirementSchema, ReviewSchema } from "~/modules/competency/schemas.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { RequirementTable } from "~/components/requirement-table.tsx";
import { RequirementForm } from "~/components/requirement-form.tsx";
import { ReviewPanel } from "~/components/review-panel.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.roleProfile.name} – Lernreise` : "Rollenprofil – Lernreise" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:profile:any");
  const result = await run(() => getRoleProfile(db, actor, params.roleProfileId ?? ""));
  const competencyId = new URL(request.url).searchParams.get("competency");
  const [frameworks, chosen] = await Promise.all([listPublishedCompetencies(db), competencyId ? getPublishedCompetency(db, competencyId) : Promise.resolve(null)]);
  return { ...result, frameworks, chosen };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:profile:any");
  const roleProfileId = params.roleProfileId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const fields = Object.fromEntries(formData);
  try {
    switch (intent) {
      case "requirement": {
        const parsed = RequirementSchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await upsertRoleRequirement(db, actor, roleProfileId, parsed.data);
        return redirect(`/rollenprofile/${roleProfileId}`);
      }
      case "remove": {
        await removeRoleRequirement(db, actor, roleProfileId, z.string().min(1).parse(fields.competencyId));
        return { ok: true as const, intent, message: "profiles.saved" };
      }
      case "review": {
        const parsed = ReviewSchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await markReviewed(db, actor, { entityType: "RoleProfile", entityId: roleProfileId, ...parsed.data });
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

export default function RoleProfilePage() {
  const { roleProfile, reviews, frameworks, chosen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("org.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/rollenprofile">
              {t("roleProfiles.title")}
            </Link>
          </li>
          <li>
            <span aria-current="page">{roleProfile.name}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">{t("roleProfiles.preline", { count: roleProfile._count.positionProfiles })}</p>
        <h1 className="kern-heading-large">{roleProfile.name}</h1>
        {roleProfile.description ? <p className="kern-body">{roleProfile.description}</p> : null}
      </div>
      {actionData?.ok ? <Alert tone="success" title={t(actionData.message)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
      <section className="panel" aria-labelledby="requirements">
        <h2 id="requirements" className="kern-heading-medium">
          {t("profiles.requirements")}
        </h2>
        <RequirementTable
          rows={roleProfile.requirements}
          caption={t("profiles.requirements")}
          actions={(row) => (
            <span className="btn-row">
              <Link className="kern-link" to={`?competency=${row.competency.id}`}>
                {t("profiles.change")}
                <span className="kern-sr-only"> {row.competency.name}</span>
              </Link>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="competencyId" value={row.competency.id} />
                <button className="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit">
                  <span className="kern-label">{t("profiles.remove")}</span>
                  <span className="kern-sr-only"> {row.competency.name}</span>
                </button>
              </Form>
            </span>
          )}
        />
      </section>
      <div className="two-columns">
        <section className="panel" aria-labelledby="add-requirement">
          <h2 id="add-requirement" className="kern-heading-medium">
            {chosen ? t("profiles.setLevel") : t("profiles.addRequirement")}
          </h2>
          <RequirementForm
            frameworks={frameworks}
            chosen={chosen}
            intent="requirement"
            current={chosen ? (roleProfile.requirements.find((r) => r.competency.id === chosen.id) ?? null) : null}
            errors={failure?.intent === "requirement" ? failure.fieldErrors : undefined}
          />
        </section>
        <ReviewPanel
          summary={`${t("review.next")}: ${formatDate(roleProfile.nextReviewAt, locale)}`}
          errors={failure?.intent === "review" ? failure.fieldErrors : undefined}
          values={failure?.intent === "review" ? failure.values : undefined}
          reviews={reviews}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
