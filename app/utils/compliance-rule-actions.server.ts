// The rule form's intents, shared by /pflichtschulungen/regeln/neu and /pflichtschulungen/regeln/:id:
// preview (what-if, nothing saved), search:<picker> (find trainings, units, positions, people)
// and save. Every answer but a successful save carries the draft back, so the form keeps what
// HR entered; validation errors answer 400 with German message keys per field.
import { redirect } from "@remix-run/node";
import type { Actor } from "~/modules/auth/permissions.ts";
import { DomainError, ValidationError } from "~/modules/errors.ts";
import { previewRule } from "~/modules/compliance/preview.server.ts";
import { draftFromForm, PICKERS, type DraftLabels, type PickerKind, type PickerSearch, type PreviewResult, type RuleDraft } from "~/modules/compliance/rule-form.ts";
import { createRule, describeDraft, searchPicker, updateRule } from "~/modules/compliance/rules.server.ts";
import type { Day } from "~/modules/compliance/days.ts";
import { db } from "./db.server.ts";

export interface RuleFormResult {
  ok: boolean;
  intent: string;
  formError: string | null;
  fieldErrors: Record<string, string[]>;
  draft: RuleDraft;
  labels: DraftLabels;
  preview: PreviewResult | null;
  search: PickerSearch | null;
  /** Changes with every answer, so the form re-mounts with the values the server returned. */
  stamp: number;
}

export type RuleFormAnswer = { status: number; result: RuleFormResult } | { redirect: Response };

function isPicker(kind: string): kind is PickerKind {
  return (PICKERS as readonly string[]).includes(kind);
}

/** Runs the rule form; `ruleId` when an existing rule is edited. */
export async function ruleFormAction(actor: Actor, formData: FormData, { ruleId, today }: { ruleId?: string; today?: Day } = {}): Promise<RuleFormAnswer> {
  const intent = String(formData.get("intent") ?? "");
  const draft = draftFromForm(formData);
  const answer = async (status: number, extra: Partial<RuleFormResult>) => ({
    status,
    result: {
      ok: status < 400,
      intent,
      formError: null,
      fieldErrors: {},
      draft,
      labels: await describeDraft(db, draft),
      preview: null,
      search: null,
      stamp: Date.now(),
      ...extra,
    } satisfies RuleFormResult,
  });
  try {
    if (intent === "preview") {
      return await answer(200, { preview: await previewRule(db, actor, draft, { ruleId, today }) });
    }
    if (intent.startsWith("search:")) {
      const kind = intent.slice("search:".length);
      if (!isPicker(kind)) throw new Response("Unbekannte Suche", { status: 400 });
      const q = String(formData.get(`q-${kind}`) ?? "").slice(0, 100);
      return await answer(200, { search: await searchPicker(db, actor, kind, q) });
    }
    if (intent === "save") {
      if (ruleId) {
        await updateRule(db, actor, ruleId, draft, { today });
        return { redirect: redirect(`/pflichtschulungen/regeln?gespeichert=${encodeURIComponent(ruleId)}`) };
      }
      const rule = await createRule(db, actor, draft, { today });
      return { redirect: redirect(`/pflichtschulungen/regeln?angelegt=${encodeURIComponent(rule.id)}`) };
    }
    throw new Response("Unbekannte Aktion", { status: 400 });
  } catch (error) {
    if (error instanceof ValidationError) return answer(400, { formError: error.message, fieldErrors: error.fieldErrors });
    if (error instanceof DomainError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
