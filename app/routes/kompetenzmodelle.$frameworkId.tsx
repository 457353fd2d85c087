import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  addNode,
  archiveFramework,
  createDraftVersion,
  deleteNode,
  discardDraft,
  getFramework,
  moveNode,
  updateFrameworkMeta,
  updateNode,
} from "~/modules/competency/frameworks.server.ts";
import { markReviewed } from "~/modules/competency/profiles.server.ts";
import { FrameworkMetaSchema, NodeSchema, ReviewSchema } from "~/modules/competency/schemas.ts";
import { hasPermission } from "~/modules/auth/permissions.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, Field, SelectField } from "~/components/forms.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { ReviewPanel } from "~/components/review-panel.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.framework.name} (v${data.framework.version}) – Lernreise` : "Kompetenzmodell – Lernreise" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:competency:any");
  const result = await run(() => getFramework(db, actor, params.frameworkId ?? ""));
  const selectedId = new URL(request.url).searchParams.get("node");
  const selected = result.ordered.find((n) => n.id === selectedId) ?? null;
  const editor = hasPermission(actor.roles, "update:competency:any");
  const draftOfKey = editor ? result.versions.find((v) => v.status === "DRAFT") : undefined;
  return { ...result, selected, editor, draftId: draftOfKey?.id ?? null };
}

const MoveSchema = z.object({ nodeId: z.string().min(1), direction: z.enum(["up", "down"]) });
const ParentSchema = z.object({ nodeId: z.string().min(1), parentId: z.string().transform((v) => v || null) });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:competency:any");
  const frameworkId = params.frameworkId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const fields = Object.fromEntries(formData);
  const here = (node?: string | null) => `/kompetenzmodelle/${frameworkId}${node ? `?node=${node}` : ""}`;
  try {
    switch (intent) {
      case "meta": {
        const parsed = FrameworkMetaSchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await updateFrameworkMeta(db, actor, frameworkId, { ...parsed.data, nextReviewAt: parsed.data.nextReviewAt ?? null });
        return { ok: true as const, intent, message: "frameworks.saved" };
      }
      case "add-node": {
        const parsed = NodeSchema.extend({ parentId: z.string().optional() }).safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        const node = await addNode(db, actor, frameworkId, { ...parsed.data, parentId: parsed.data.parentId || null });
        return redirect(here(node.id));
      }
      case "update-node": {
        const parsed = NodeSchema.extend({ nodeId: z.string().min(1) }).safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        const descriptors = [...formData.entries()]
          .filter(([k]) => k.startsWith("descriptor-"))
          .map(([k, v]) => ({ ordinal: Number(k.slice("descriptor-".length)), text: String(v) }))
          .filter((d) => Number.isInteger(d.ordinal));
        const relatedIds = formData.getAll("related").map(String);
        await updateNode(db, actor, parsed.data.nodeId, { ...parsed.data, descriptors, relatedIds });
        return { ok: true as const, intent, message: "frameworks.nodeSaved" };
      }
      case "move": {
        const parsed = MoveSchema.parse(fields);
        await moveNode(db, actor, parsed.nodeId, { direction: parsed.direction });
        return redirect(here(parsed.nodeId));
      }
      case "reparent": {
        const parsed = ParentSchema.parse(fields);
        await moveNode(db, actor, parsed.nodeId, { parentId: parsed.parentId });
        return redirect(here(parsed.nodeId));
      }
      case "delete-node": {
        await deleteNode(db, actor, String(fields.nodeId ?? ""));
        return redirect(here());
      }
      case "create-draft": {
        const draft = await createDraftVersion(db, actor, frameworkId);
        return redirect(`/kompetenzmodelle/${draft.id}`);
      }
      case "archive": {
        await archiveFramework(db, actor, frameworkId);
        return { ok: true as const, intent, message: "frameworks.archived" };
      }
      case "discard": {
        await discardDraft(db, actor, frameworkId);
        return redirect("/kompetenzmodelle");
      }
      case "review": {
        const parsed = ReviewSchema.safeParse(fields);
        if (!parsed.success) return data<FormFailure>(zodFailure(intent, parsed.error, formData), { status: 400 });
        await markReviewed(db, actor, { entityType: "Framework", entityId: frameworkId, ...parsed.data });
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

export default function FrameworkPage() {
  const { framework, tree, ordered, versions, reviews, selected, editor, draftId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = framework.status === "DRAFT";
  const editable = editor && draft;
  const failure = actionData && !actionData.ok ? actionData : null;
  const errorsFor = (intent: string, field: string) => (failure?.intent === intent ? failure.fieldErrors[field] : undefined);
  const valueOf = (intent: string, field: string, fallback = "") => (failure?.intent === intent ? (failure.values[field] ?? fallback) : fallback);
  const levels = framework.scale.levels;
  type Node = (typeof ordered)[number];
  const descendantsOf = (node: Node) => {
    const ids = new Set<string>([node.id]);
    for (const n of ordered) if (n.parentId && ids.has(n.parentId)) ids.add(n.id);
    return ids;
  };

  const renderTree = (nodes: typeof tree) => (
    <ul className={nodes === tree ? "node-tree" : undefined}>
      {nodes.map((node) => (
        <li key={node.id}>
          <span className="node-row">
            <Link className="kern-link" to={`?node=${node.id}`} aria-current={selected?.id === node.id ? "true" : undefined}>
              {node.code} {node.name}
            </Link>
            <span className="kern-sr-only">({t(`nodeKind.${node.kind}`)})</span>
            {editable ? (
              <>
                <Form method="post">
                  <input type="hidden" name="intent" value="move" />
                  <input type="hidden" name="nodeId" value={node.id} />
                  <button className="icon-btn" type="submit" name="direction" value="up" aria-label={t("frameworks.moveUp", { name: node.name })}>
                    ↑
                  </button>
                  <button className="icon-btn" type="submit" name="direction" value="down" aria-label={t("frameworks.moveDown", { name: node.name })}>
                    ↓
                  </button>
                </Form>
              </>
            ) : null}
          </span>
          {node.children.length ? renderTree(node.children) : null}
        </li>
      ))}
    </ul>
  );

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
            <span aria-current="page">{framework.name}</span>
          </li>
        </ol>
      </nav>
      <div className="page-header">
        <p className="kern-preline">{t("frameworks.preline", { version: framework.version, scale: framework.scale.name })}</p>
        <h1 className="kern-heading-large">{framework.name}</h1>
        {framework.description ? <p className="kern-body">{framework.description}</p> : null}
        {framework.attribution ? <p className="attribution">{framework.attribution}</p> : null}
      </div>
      {actionData?.ok ? <Alert tone="success" title={t(actionData.message)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}

      <div className="version-bar" role="region" aria-label={t("frameworks.versionBar")}>
        <span className={`kern-badge ${framework.status === "PUBLISHED" ? "kern-badge--success" : draft ? "kern-badge--warning" : "kern-badge--info"}`}>
          {t(`frameworkStatus.${framework.status}`)}
        </span>
        <span>
          {t("frameworks.versions")}:{" "}
          {versions.map((v, i) => (
            <span key={v.id}>
              {i > 0 ? ", " : ""}
              {v.id === framework.id ? (
                <strong>v{v.version}</strong>
              ) : (
                <Link className="kern-link" to={`/kompetenzmodelle/${v.id}`}>
                  v{v.version} ({t(`frameworkStatus.${v.status}`)})
                </Link>
              )}
            </span>
          ))}
        </span>
        {editor && framework.status === "PUBLISHED" ? (
          draftId ? (
            <Link className="kern-link" to={`/kompetenzmodelle/${draftId}`}>
              {t("frameworks.openDraft")}
            </Link>
          ) : (
            <Form method="post">
              <button className="kern-btn kern-btn--secondary kern-btn--x-small" type="submit" name="intent" value="create-draft">
                <span className="kern-label">{t("frameworks.createDraft")}</span>
              </button>
            </Form>
          )
        ) : null}
        {editable ? (
          <>
            <Link className="kern-btn kern-btn--primary kern-btn--x-small" to={`/kompetenzmodelle/${framework.id}/veroeffentlichen`}>
              <span className="kern-label">{t("frameworks.publish")}</span>
            </Link>
            <Form method="post">
              <button className="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit" name="intent" value="discard">
                <span className="kern-label">{t("frameworks.discard")}</span>
              </button>
            </Form>
          </>
        ) : null}
        {editor && framework.status === "PUBLISHED" ? (
          <Form method="post">
            <button className="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit" name="intent" value="archive">
              <span className="kern-label">{t("frameworks.archive")}</span>
            </button>
          </Form>
        ) : null}
        <a className="kern-link" href={`/kompetenzmodelle/${framework.id}/export`}>
          {t("frameworks.export")}
        </a>
      </div>
      {framework.status === "ARCHIVED" ? <Alert tone="info" title={t("frameworks.archivedNotice")} /> : null}

      <div className="editor">
        <section className="panel" aria-labelledby="tree-heading">
          <h2 id="tree-heading" className="kern-heading-medium">
            {t("frameworks.tree")}
          </h2>
          {tree.length ? renderTree(tree) : <p>{editable ? t("frameworks.treeEmptyEditor") : t("frameworks.treeEmpty")}</p>}
          {editable ? (
            <Form method="post" className="form-stack add-node" key={`add-root-${ordered.length}`}>
              <h3 className="kern-heading-small">{t("frameworks.addTopLevel")}</h3>
              <input type="hidden" name="intent" value="add-node" />
              <NodeFields prefix="new-root" intent="add-node" errorsFor={errorsFor} valueOf={valueOf} />
              <button className="kern-btn kern-btn--secondary" type="submit">
                <span className="kern-label">{t("frameworks.addNode")}</span>
              </button>
            </Form>
          ) : null}
        </section>

        <section className="panel" aria-labelledby="node-heading">
          {selected ? (
            <>
              <p className="kern-preline">{t(`nodeKind.${selected.kind}`)}</p>
              <h2 id="node-heading" className="kern-heading-medium">
                {selected.code} {selected.name}
              </h2>
              {editable ? (
                <>
                  {/* Keyed by node: uncontrolled fields must not keep another node's values. */}
                  <Form method="post" className="form-stack" key={`edit-${selected.id}`}>
                    <input type="hidden" name="intent" value="update-node" />
                    <input type="hidden" name="nodeId" value={selected.id} />
                    <NodeFields
                      prefix="edit"
                      intent="update-node"
                      errorsFor={errorsFor}
                      valueOf={valueOf}
                      defaults={{ kind: selected.kind, code: selected.code, name: selected.name, description: selected.description, indicators: selected.indicators }}
                    />
                    <fieldset className="kern-fieldset">
                      <legend className="kern-label">{t("frameworks.descriptors")}</legend>
                      {levels.map((level) => (
                        <TextAreaField
                          key={level.ordinal}
                          label={`${level.ordinal} – ${level.label}${level.band ? ` (${level.band})` : ""}`}
                          id={`descriptor-${level.ordinal}`}
                          name={`descriptor-${level.ordinal}`}
                          rows={2}
                          defaultValue={selected.descriptors.find((d) => d.ordinal === level.ordinal)?.text ?? ""}
                        />
                      ))}
                    </fieldset>
                    <div className="kern-form-input">
                      <label className="kern-label" htmlFor="related">
                        {t("frameworks.related")}
                      </label>
                      <div className="kern-hint" id="related-hint">
                        {t("frameworks.relatedHint")}
                      </div>
                      <select id="related" name="related" multiple size={6} className="kern-form-input__select" aria-describedby="related-hint" defaultValue={selected.related}>
                        {ordered
                          .filter((n) => n.id !== selected.id && n.kind === "COMPETENCY")
                          .map((n) => (
                            <option key={n.id} value={n.id}>
                              {n.code} {n.name}
                            </option>
                          ))}
                      </select>
                    </div>
                    <button className="kern-btn kern-btn--primary" type="submit">
                      <span className="kern-label">{t("frameworks.saveNode")}</span>
                    </button>
                  </Form>
                  <Form method="post" className="form-stack" key={`move-${selected.id}`}>
                    <input type="hidden" name="intent" value="reparent" />
                    <input type="hidden" name="nodeId" value={selected.id} />
                    <SelectField
                      label={t("frameworks.moveTo")}
                      options={[
                        { value: "", label: t("frameworks.topLevel") },
                        ...ordered.filter((n) => !descendantsOf(selected).has(n.id)).map((n) => ({ value: n.id, label: `${"\u00a0\u00a0".repeat(n.depth)}${n.code} ${n.name}` })),
                      ]}
                      selectProps={{ id: "parentId", name: "parentId", defaultValue: selected.parentId ?? "" }}
                    />
                    <button className="kern-btn kern-btn--secondary" type="submit">
                      <span className="kern-label">{t("frameworks.move")}</span>
                    </button>
                  </Form>
                  <Form method="post" className="form-stack" key={`add-${selected.id}-${ordered.length}`}>
                    <h3 className="kern-heading-small">{t("frameworks.addChild", { name: selected.name })}</h3>
                    <input type="hidden" name="intent" value="add-node" />
                    <input type="hidden" name="parentId" value={selected.id} />
                    <NodeFields prefix="new-child" intent="add-node" errorsFor={errorsFor} valueOf={valueOf} defaultKind="COMPETENCY" />
                    <button className="kern-btn kern-btn--secondary" type="submit">
                      <span className="kern-label">{t("frameworks.addNode")}</span>
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete-node" />
                    <input type="hidden" name="nodeId" value={selected.id} />
                    <button className="kern-btn kern-btn--tertiary" type="submit">
                      <span className="kern-label">{t("frameworks.deleteNode")}</span>
                    </button>
                  </Form>
                </>
              ) : (
                <NodeDetails node={selected} levels={levels} related={ordered.filter((n) => selected.related.includes(n.id))} />
              )}
            </>
          ) : (
            <>
              <h2 id="node-heading" className="kern-heading-medium">
                {t("frameworks.details")}
              </h2>
              <p>{t("frameworks.selectNode")}</p>
              <h3 className="kern-heading-small">{t("frameworks.scaleLevels")}</h3>
              <ol>
                {levels.map((l) => (
                  <li key={l.ordinal}>
                    {l.label}
                    {l.band ? <span className="muted"> ({l.band})</span> : null}
                    {l.description ? <span className="muted"> – {l.description}</span> : null}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </div>

      {editor ? (
        <div className="two-columns">
          <ReviewPanel
            summary={`${t("review.responsible")}: ${framework.responsible ? `${framework.responsible.firstName} ${framework.responsible.lastName}` : "–"} · ${t("review.next")}: ${formatDate(framework.nextReviewAt, locale)}`}
            showForm={framework.status !== "ARCHIVED"}
            errors={failure?.intent === "review" ? failure.fieldErrors : undefined}
            values={failure?.intent === "review" ? failure.values : undefined}
            reviews={reviews}
          />
          {draft ? (
            <section className="panel" aria-labelledby="meta-heading">
              <h2 id="meta-heading" className="kern-heading-medium">
                {t("frameworks.meta")}
              </h2>
              <Form method="post" className="form-stack">
                <input type="hidden" name="intent" value="meta" />
                <Field label={t("frameworks.name")} errors={errorsFor("meta", "name")} inputProps={{ id: "meta-name", name: "name", required: true, defaultValue: valueOf("meta", "name", framework.name) }} />
                <TextAreaField label={t("frameworks.description")} id="meta-description" name="description" defaultValue={valueOf("meta", "description", framework.description)} />
                <Field label={t("frameworks.source")} inputProps={{ id: "meta-source", name: "source", defaultValue: valueOf("meta", "source", framework.source) }} />
                <Field label={t("frameworks.licence")} inputProps={{ id: "meta-licence", name: "licence", defaultValue: valueOf("meta", "licence", framework.licence) }} />
                <Field label={t("frameworks.attribution")} inputProps={{ id: "meta-attribution", name: "attribution", defaultValue: valueOf("meta", "attribution", framework.attribution) }} />
                <input type="hidden" name="responsiblePersonId" value={framework.responsible?.id ?? ""} />
                <Field
                  label={t("frameworks.nextReview")}
                  errors={errorsFor("meta", "nextReviewAt")}
                  inputProps={{ id: "meta-review", name: "nextReviewAt", type: "date", defaultValue: valueOf("meta", "nextReviewAt", framework.nextReviewAt ? new Date(framework.nextReviewAt).toISOString().slice(0, 10) : "") }}
                />
                <button className="kern-btn kern-btn--secondary" type="submit">
                  <span className="kern-label">{t("frameworks.saveMeta")}</span>
                </button>
              </Form>
            </section>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function NodeFields({
  prefix,
  intent,
  errorsFor,
  valueOf,
  defaults,
  defaultKind = "CLUSTER",
}: {
  prefix: string;
  intent: string;
  errorsFor: (intent: string, field: string) => string[] | undefined;
  valueOf: (intent: string, field: string, fallback?: string) => string;
  defaults?: { kind: string; code: string; name: string; description: string; indicators: string };
  defaultKind?: "CLUSTER" | "COMPETENCY";
}) {
  const { t } = useTranslation();
  // Errors and kept values belong to the form that was sent (same intent and prefix).
  const mine = (field: string) => errorsFor(intent, field);
  return (
    <>
      <SelectField
        label={t("frameworks.nodeKind")}
        options={[
          { value: "CLUSTER", label: t("nodeKind.CLUSTER") },
          { value: "COMPETENCY", label: t("nodeKind.COMPETENCY") },
        ]}
        selectProps={{ id: `${prefix}-kind`, name: "kind", defaultValue: valueOf(intent, "kind", defaults?.kind ?? defaultKind) }}
      />
      <Field label={t("frameworks.code")} errors={mine("code")} inputProps={{ id: `${prefix}-code`, name: "code", required: true, defaultValue: valueOf(intent, "code", defaults?.code ?? "") }} />
      <Field label={t("frameworks.nodeName")} errors={mine("name")} inputProps={{ id: `${prefix}-name`, name: "name", required: true, defaultValue: valueOf(intent, "name", defaults?.name ?? "") }} />
      <TextAreaField label={t("frameworks.description")} id={`${prefix}-description`} name="description" defaultValue={valueOf(intent, "description", defaults?.description ?? "")} />
      <TextAreaField
        label={t("frameworks.indicators")}
        hint={t("frameworks.indicatorsHint")}
        id={`${prefix}-indicators`}
        name="indicators"
        defaultValue={valueOf(intent, "indicators", defaults?.indicators ?? "")}
      />
    </>
  );
}

function NodeDetails({
  node,
  levels,
  related,
}: {
  node: { description: string; indicators: string; descriptors: { ordinal: number; text: string }[]; kind: string };
  levels: { ordinal: number; label: string; band: string | null }[];
  related: { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation();
  const indicators = node.indicators.split("\n").filter((l) => l.trim());
  return (
    <>
      {node.description ? <p className="job-description">{node.description}</p> : null}
      {indicators.length ? (
        <>
          <h3 className="kern-heading-small">{t("frameworks.indicators")}</h3>
          <ul>
            {indicators.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </>
      ) : null}
      {node.kind === "COMPETENCY" ? (
        <>
          <h3 className="kern-heading-small">{t("frameworks.descriptors")}</h3>
          <dl className="descriptor-list">
            {levels.map((level) => (
              <div key={level.ordinal}>
                <dt>
                  {level.ordinal} – {level.label}
                  {level.band ? ` (${level.band})` : ""}
                </dt>
                <dd>{node.descriptors.find((d) => d.ordinal === level.ordinal)?.text ?? t("frameworks.noDescriptor")}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {related.length ? (
        <>
          <h3 className="kern-heading-small">{t("frameworks.related")}</h3>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <Link className="kern-link" to={`?node=${r.id}`}>
                  {r.code} {r.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
