import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPublishPreview, publishFramework } from "~/modules/competency/frameworks.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { Alert, SelectField } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Version veröffentlichen – Lernreise" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:competency:any");
  return run(() => getPublishPreview(db, actor, params.frameworkId ?? ""));
}

/** Publishes the draft with the successor chosen for each removed competency. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:competency:any");
  const formData = await request.formData();
  const successors: Record<string, string | null> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("successor-")) successors[key.slice("successor-".length)] = String(value) || null;
  }
  try {
    await publishFramework(db, actor, params.frameworkId ?? "", successors);
  } catch (error) {
    if (error instanceof Response) throw error;
    return data(domainFailure("publish", error, formData), { status: 400 });
  }
  return redirect(`/kompetenzmodelle/${params.frameworkId}?veroeffentlicht=1`);
}

export default function PublishPage() {
  const { draft, published, changes, usage, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const removed = changes.filter((c) => c.kind === "removed" && c.nodeKind === "COMPETENCY");
  return (
    <>
      <nav className="breadcrumb" aria-label={t("org.breadcrumb")}>
        <ol>
          <li>
            <Link className="kern-link" to="/kompetenzmodelle">
              {t("frameworks.title")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`/kompetenzmodelle/${draft.id}`}>
              {draft.name}
            </Link>
          </li>
          <li>
            <span aria-current="page">{t("publish.title", { version: draft.version })}</span>
          </li>
        </ol>
      </nav>
      <PageHeader
        title={t("publish.title", { version: draft.version })}
        intro={published ? t("publish.introNewVersion", { old: published.version }) : t("publish.introFirst")}
      />
      {actionData && !actionData.ok && actionData.formError ? <Alert tone="danger" title={t(actionData.formError, { defaultValue: actionData.formError })} /> : null}
      {published ? (
        <section className="panel" aria-labelledby="diff-heading">
          <h2 id="diff-heading" className="kern-heading-medium">
            {t("publish.changes", { count: changes.length })}
          </h2>
          {changes.length ? (
            <div className="kern-table-responsive">
              <table className="kern-table">
                <caption className="kern-sr-only">{t("publish.changesCaption")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("publish.change")}</th>
                    <th scope="col">{t("frameworks.code")}</th>
                    <th scope="col">{t("frameworks.nodeName")}</th>
                    <th scope="col">{t("publish.details")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {changes.map((c) => (
                    <tr key={`${c.kind}-${c.lineageId}`}>
                      <td className={c.kind === "added" ? "diff-added" : c.kind === "removed" ? "diff-removed" : undefined}>{t(`publish.kind.${c.kind}`)}</td>
                      <td>{c.code}</td>
                      <td>{c.name}</td>
                      <td>
                        {c.kind === "changed"
                          ? c.details.map((d) => t(`publish.field.${d}`)).join(", ")
                          : c.kind === "moved"
                            ? t("publish.movedFromTo", { from: c.details[0], to: c.details[1] })
                            : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t("publish.noChanges")}</p>
          )}
        </section>
      ) : null}
      <Form method="post" className="panel form-stack" aria-labelledby="mapping-heading">
        <h2 id="mapping-heading" className="kern-heading-medium">
          {t("publish.mapping")}
        </h2>
        {removed.length ? (
          <>
            <p>{t("publish.mappingIntro")}</p>
            {removed.map((c) => (
              <SelectField
                key={c.oldId}
                label={t("publish.successorFor", { code: c.code, name: c.name, count: usage[c.oldId!] ?? 0 })}
                options={[{ value: "", label: t("publish.noSuccessor") }, ...candidates.map((n) => ({ value: n.id, label: `${n.code} ${n.name}` }))]}
                selectProps={{ id: `successor-${c.oldId}`, name: `successor-${c.oldId}`, defaultValue: "" }}
              />
            ))}
          </>
        ) : (
          <p>{t("publish.nothingRemoved")}</p>
        )}
        <button className="kern-btn kern-btn--primary" type="submit">
          <span className="kern-label">{t("publish.submit", { version: draft.version })}</span>
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
