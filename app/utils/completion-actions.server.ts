// The completion forms on "Meine Nachweise" (/nachweise): upload of a certificate for an
// e-learning or external training, and withdrawing a pending upload. The page's action hands
// these intents here, so the evidence forms on the same page stay as they are.
import type { Actor } from "~/modules/auth/permissions.ts";
import { uploadCompletionCertificate, withdrawCompletionUpload } from "~/modules/training/completions.server.ts";
import type { FileStore, UploadedFile } from "~/modules/files/file-store.server.ts";
import { db } from "./db.server.ts";
import { domainFailure, type FormFailure } from "./form-result.ts";

export const COMPLETION_INTENTS = ["completion-upload", "completion-withdraw"] as const;
export type CompletionIntent = (typeof COMPLETION_INTENTS)[number];

export function isCompletionIntent(value: unknown): value is CompletionIntent {
  return typeof value === "string" && (COMPLETION_INTENTS as readonly string[]).includes(value);
}

export type CompletionActionResult = { ok: true; intent: CompletionIntent; message: string; at: number } | FormFailure;

/** Runs a completion form of /nachweise; validation errors come back as a form failure (400). */
export async function completionAction(
  actor: Actor,
  formData: FormData,
  { file, store }: { file?: UploadedFile | null; store?: FileStore } = {},
): Promise<{ result: CompletionActionResult; status: number }> {
  const intent = formData.get("intent");
  if (!isCompletionIntent(intent)) throw new Response("Unbekannte Aktion", { status: 400 });
  try {
    if (intent === "completion-upload") {
      await uploadCompletionCertificate(
        db,
        actor,
        { trainingId: formData.get("trainingId"), completedOn: formData.get("completedOn"), file: file ?? { bytes: null, name: "" } },
        store ? { store } : {},
      );
      return { result: { ok: true, intent, message: "completions.upload.uploaded", at: Date.now() }, status: 200 };
    }
    await withdrawCompletionUpload(db, actor, String(formData.get("completionId") ?? ""), store ? { store } : {});
    return { result: { ok: true, intent, message: "completions.upload.withdrawn", at: Date.now() }, status: 200 };
  } catch (error) {
    return { result: domainFailure(intent, error, formData), status: 400 };
  }
}
