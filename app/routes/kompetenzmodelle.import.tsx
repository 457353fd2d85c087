// Import of a competency framework from Moodle's CSV format, in two steps (Moodle's
// import_confirm): upload → preview with counts, depth, tree and per-row errors → confirm.
// The confirm form posts the file's bytes again (base64 in a hidden field); the server checks
// them again and writes everything in one transaction, then shows the new draft.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { importMoodleCsv, MoodleImportError, previewMoodleImport, type MoodleImportPreview, type PreviewNode } from "~/modules/exchange/moodle-csv.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { Alert, Field } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** The same file as base64 in the confirm form. */
const MAX_CONTENT_CHARS = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;
const ERRORS_SHOWN = 200;

export const meta: MetaFunction = () => [{ title: "Kompetenzmodell importieren – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:competency:any");
  return { maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024 };
}

const KeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: "exchange.import.keyInvalid" }).optional());

const ImportSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("preview"),
    file: z.instanceof(File, { error: "exchange.import.fileRequired" }).refine((f) => f.size > 0 || f.name !== "", { error: "exchange.import.fileRequired" }),
    key: KeySchema,
  }),
  z.object({
    intent: z.literal("confirm"),
    content: z.string({ error: "exchange.import.contentMissing" }).min(1, { error: "exchange.import.contentMissing" }).max(MAX_CONTENT_CHARS, { error: "exchange.import.tooLarge" }),
    fileName: z.string().max(255).default(""),
    key: KeySchema,
  }),
]);

type ActionResult =
  | { stage: "failed"; message: string }
  | { stage: "preview"; preview: MoodleImportPreview; fileName: string; key: string; content: string | null };

async function readForm(request: Request) {
  return unstable_parseMultipartFormData(
    request,
    unstable_composeUploadHandlers(
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES, filter: ({ name }) => name === "file" }),
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_CONTENT_CHARS, filter: ({ name }) => name === "content" }),
      unstable_createMemoryUploadHandler({ maxPartSize: 10_000 }),
    ),
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:competency:any");
  let formData: FormData;
  try {
    formData = await readForm(request);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data<ActionResult>({ stage: "failed", message: "exchange.import.tooLarge" }, { status: 413 });
    if (error instanceof TypeError) return data<ActionResult>({ stage: "failed", message: "exchange.import.notMultipart" }, { status: 400 });
    throw error;
  }
  const parsed = ImportSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return data<ActionResult>({ stage: "failed", message: parsed.error.issues[0]?.message ?? "exchange.import.fileRequired" }, { status: 400 });
  const input = parsed.data;
  switch (input.intent) {
    case "preview": {
      const bytes = new Uint8Array(await input.file.arrayBuffer());
      const options = { key: input.key, fileName: input.file.name };
      const preview = await run(() => previewMoodleImport(db, actor, bytes, options));
      return data<ActionResult>(
        { stage: "preview", preview, fileName: input.file.name, key: input.key ?? "", content: preview.ok ? Buffer.from(bytes).toString("base64") : null },
        { status: preview.ok ? 200 : 400 },
      );
    }
    case "confirm": {
      const bytes = new Uint8Array(Buffer.from(input.content, "base64"));
      const options = { key: input.key, fileName: input.fileName };
      try {
        const { framework } = await importMoodleCsv(db, actor, bytes, options);
        return redirect(`/kompetenzmodelle/${framework.id}`);
      } catch (error) {
        if (!(error instanceof MoodleImportError)) return run(() => Promise.reject(error));
        // Something changed since the preview (e.g. the key was taken): show the checked file again.
        const preview = await run(() => previewMoodleImport(db, actor, bytes, options));
        return data<ActionResult>({ stage: "preview", preview: { ...preview, ok: false, errors: error.errors }, fileName: input.fileName, key: input.key ?? "", content: null }, { status: 400 });
      }
    }
  }
}

function Tree({ nodes, root = false }: { nodes: PreviewNode[]; root?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className={root ? "node-tree" : undefined}>
      {nodes.map((n) => (
        <li key={n.code}>
          <span className="kern-body">
            <code>{n.code}</code> {n.name}
            {n.kind === "CLUSTER" ? <span className="kern-sr-only"> ({t("exchange.import.clusterNode", { count: n.children.length })})</span> : null}
          </span>
          {n.children.length ? <Tree nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function ImportPage() {
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === "submitting";
  const result = actionData?.stage === "preview" ? actionData : null;
  const preview = result?.preview;
  return (
    <>
      <PageHeader title={t("exchange.import.title")} intro={t("exchange.import.intro")} />
      <p>
        <Link className="kern-link" to="/kompetenzmodelle">
          {t("exchange.import.back")}
        </Link>
      </p>
      {actionData?.stage === "failed" ? <Alert tone="danger" title={t(actionData.message, { defaultValue: actionData.message })} /> : null}

      <section className="panel" aria-labelledby="upload-heading">
        <h2 id="upload-heading" className="kern-heading-medium">
          {t("exchange.import.uploadHeading")}
        </h2>
        <Form method="post" encType="multipart/form-data" className="form-stack">
          <input type="hidden" name="intent" value="preview" />
          <Field
            label={t("exchange.import.file")}
            hint={t("exchange.import.fileHint")}
            inputProps={{ id: "import-file", name: "file", type: "file", accept: ".csv,text/csv", required: true }}
          />
          <Field
            label={t("exchange.import.key")}
            hint={t("exchange.import.keyHint")}
            inputProps={{ id: "import-key", name: "key", defaultValue: result?.key ?? "", autoComplete: "off" }}
          />
          <button className="kern-btn kern-btn--secondary" type="submit" disabled={busy}>
            <span className="kern-label">{t("exchange.import.previewButton")}</span>
          </button>
        </Form>
      </section>

      {result && preview ? (
        <section className="panel" aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="kern-heading-medium">
            {t("exchange.import.previewHeading", { file: result.fileName })}
          </h2>
          {preview.ok ? (
            <Alert tone="info" title={t("exchange.import.readyTitle")}>
              <p className="kern-body">{t("exchange.import.readyText")}</p>
            </Alert>
          ) : (
            <Alert tone="danger" title={t("exchange.import.errorsTitle", { count: preview.errors.length })}>
              <p className="kern-body">{t("exchange.import.errorsText")}</p>
            </Alert>
          )}
          <dl className="kern-description-list">
            {preview.framework ? (
              <>
                <div className="kern-description-list-item">
                  <dt className="kern-description-list-item__key">{t("exchange.import.framework")}</dt>
                  <dd className="kern-description-list-item__value">{preview.framework.name}</dd>
                </div>
                <div className="kern-description-list-item">
                  <dt className="kern-description-list-item__key">{t("exchange.import.frameworkKey")}</dt>
                  <dd className="kern-description-list-item__value">
                    <code>{preview.framework.key}</code>
                  </dd>
                </div>
              </>
            ) : null}
            {preview.scale ? (
              <div className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t("exchange.import.scale")}</dt>
                <dd className="kern-description-list-item__value">
                  {t(preview.scale.existing ? "exchange.import.scaleExisting" : "exchange.import.scaleNew", { name: preview.scale.name, levels: preview.scale.labels.join(", ") })}
                </dd>
              </div>
            ) : null}
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("exchange.import.competencies")}</dt>
              <dd className="kern-description-list-item__value">
                {t("exchange.import.competencyCount", { count: preview.competencyCount })}
                {preview.depth ? ` ${t("exchange.import.clusterCount", { count: preview.clusterCount })}` : ""}
              </dd>
            </div>
            {preview.depth ? (
              <>
                <div className="kern-description-list-item">
                  <dt className="kern-description-list-item__key">{t("exchange.import.depth")}</dt>
                  <dd className="kern-description-list-item__value">{preview.depth}</dd>
                </div>
                <div className="kern-description-list-item">
                  <dt className="kern-description-list-item__key">{t("exchange.import.relations")}</dt>
                  <dd className="kern-description-list-item__value">{preview.relationCount}</dd>
                </div>
              </>
            ) : null}
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("exchange.import.errors")}</dt>
              <dd className="kern-description-list-item__value">{preview.errors.length || t("exchange.import.noErrors")}</dd>
            </div>
          </dl>

          {preview.errors.length ? (
            <div className="kern-table-responsive">
              <table className="kern-table kern-table--striped">
                <caption className="kern-title">{t("exchange.import.errorTable")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("exchange.import.row")}</th>
                    <th scope="col">{t("exchange.import.reason")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {preview.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                    <tr key={i}>
                      <td>{e.row ?? t("exchange.import.wholeFile")}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.errors.length > ERRORS_SHOWN ? <p className="kern-body">{t("exchange.import.moreErrors", { count: preview.errors.length - ERRORS_SHOWN })}</p> : null}
            </div>
          ) : null}

          {preview.tree.length ? (
            <>
              <h3 className="kern-heading-small">{t("exchange.import.tree")}</h3>
              <Tree nodes={preview.tree} root />
            </>
          ) : null}

          {preview.ok && result.content ? (
            <Form method="post" encType="multipart/form-data" className="form-stack">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="content" value={result.content} />
              <input type="hidden" name="fileName" value={result.fileName} />
              <input type="hidden" name="key" value={result.key} />
              <button className="kern-btn kern-btn--primary" type="submit" disabled={busy}>
                <span className="kern-label">{t("exchange.import.confirmButton", { count: preview.competencyCount })}</span>
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
