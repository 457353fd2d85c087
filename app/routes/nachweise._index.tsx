// "Meine Nachweise": the signed-in person's evidence with status and decision, and the upload
// form (multipart, works without JavaScript; messages next to the fields, input kept).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deleteOwnEvidence, listEvidenceCompetencies, listOwnEvidence, uploadEvidence } from "~/modules/assessment/evidence.server.ts";
import { fileStore } from "~/modules/files/file-store.server.ts";
import { listCompletionsOfPerson, listUploadableTrainings } from "~/modules/training/completions.server.ts";
import { berlinDate } from "~/modules/training/berlin-time.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, type FormFailure } from "~/utils/form-result.ts";
import { parseUploadForm, RequestTooLargeError } from "~/utils/upload.server.ts";
import { completionAction, isCompletionIntent, type CompletionActionResult } from "~/utils/completion-actions.server.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { EvidenceSection } from "~/components/evidence-section.tsx";
import { CompletionsSection } from "~/components/completions-section.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import evidenceStyles from "~/styles/evidence.css";
import completionStyles from "~/styles/completions.css";

export const meta: MetaFunction = () => [{ title: "Meine Nachweise – Lernreise" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: evidenceStyles },
  { rel: "stylesheet", href: completionStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evidence:own");
  if (!actor.personId) throw new Response("evidence.noPersonAccount", { status: 404 });
  const [items, options, completions, uploadTrainings] = await Promise.all([
    run(() => listOwnEvidence(db, actor)),
    run(() => listEvidenceCompetencies(db, actor)),
    run(() => listCompletionsOfPerson(db, actor, actor.personId!)),
    run(() => listUploadableTrainings(db, actor)),
  ]);
  // "?schulung=<id>" (from "Meine Pflichtschulungen") preselects the training of the upload form.
  const preselect = new URL(request.url).searchParams.get("schulung") ?? "";
  return { items, options, maxMb: getEnv().UPLOAD_MAX_MB, completions, uploadTrainings, today: berlinDate(new Date()), preselect };
}

type ActionResult = { ok: true; intent: "upload" | "delete"; message: string; at: number } | FormFailure | CompletionActionResult;

const failed = (intent: string, formError: string, fieldErrors: Record<string, string[]> = {}): FormFailure => ({ ok: false, intent, formError, fieldErrors, values: {} });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:evidence:own");
  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const store = fileStore();
    let parsed;
    try {
      parsed = await parseUploadForm(request, { fileField: "file", maxBytes: store.maxBytes });
    } catch (error) {
      if (error instanceof RequestTooLargeError) return data<ActionResult>(failed("upload", "form.checkFields", { file: ["evidence.file.tooLarge"] }), { status: 413 });
      if (error instanceof TypeError) return data<ActionResult>(failed("upload", "evidence.notMultipart"), { status: 400 });
      throw error;
    }
    const { formData, file } = parsed;
    if (isCompletionIntent(formData.get("intent"))) {
      const { result, status } = await completionAction(actor, formData, { file, store });
      return data<ActionResult>(result, { status });
    }
    if (formData.get("intent") !== "upload") throw new Response("Unbekannte Aktion", { status: 400 });
    try {
      await uploadEvidence(
        db,
        actor,
        {
          // The form never sends a person: an upload is always for oneself (the module refuses others).
          personId: (formData.get("personId") as string | null) || null,
          competencyId: formData.get("competencyId"),
          level: formData.get("level"),
          title: formData.get("title"),
          file: file ?? { bytes: null, name: "" },
        },
        { store },
      );
      return data<ActionResult>({ ok: true, intent: "upload", message: "evidence.uploaded", at: Date.now() });
    } catch (error) {
      return data<ActionResult>(domainFailure("upload", error, formData), { status: 400 });
    }
  }
  const formData = await request.formData();
  if (isCompletionIntent(formData.get("intent"))) {
    const { result, status } = await completionAction(actor, formData);
    return data<ActionResult>(result, { status });
  }
  if (formData.get("intent") !== "delete") throw new Response("Unbekannte Aktion", { status: 400 });
  try {
    await deleteOwnEvidence(db, actor, String(formData.get("evidenceId") ?? ""));
    return data<ActionResult>({ ok: true, intent: "delete", message: "evidence.deleted", at: Date.now() });
  } catch (error) {
    return data<ActionResult>(domainFailure("delete", error, formData), { status: 400 });
  }
}

export default function MyEvidence() {
  const { items, options, maxMb, completions, uploadTrainings, today, preselect } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const failure = actionData && !actionData.ok ? actionData : null;
  const uploadFailure = failure?.intent === "upload" ? failure : null;
  return (
    <>
      <PageHeader title={t("evidence.title")} intro={t("evidence.intro")} />
      {actionData?.ok ? <Alert tone="success" title={t(actionData.message)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError, max: maxMb })} /> : null}
      <EvidenceSection items={items} options={options} maxMb={maxMb} failure={uploadFailure} resetKey={actionData?.ok && actionData.intent === "upload" ? String(actionData.at) : "upload"} />
      <CompletionsSection
        list={completions}
        upload={{
          trainings: uploadTrainings,
          maxMb,
          today,
          preselect,
          failure: failure?.intent === "completion-upload" ? failure : null,
          resetKey: actionData?.ok && actionData.intent === "completion-upload" ? String(actionData.at) : "completion-upload",
        }}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
