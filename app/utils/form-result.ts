import type { z } from "zod";
import { DomainError, ValidationError } from "~/modules/errors.ts";

/** What an action returns after a failed form: messages per field and the values to keep. */
export interface FormFailure {
  ok: false;
  intent: string;
  formError?: string;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
}

export function valuesOf(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

export function zodFailure(intent: string, error: z.ZodError, formData: FormData): FormFailure {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
  return { ok: false, intent, fieldErrors, values: valuesOf(formData), formError: "form.checkFields" };
}

/** Turns a module's validation error into a form failure; other errors propagate. */
export function domainFailure(intent: string, error: unknown, formData: FormData): FormFailure {
  if (error instanceof ValidationError) {
    return { ok: false, intent, fieldErrors: error.fieldErrors, values: valuesOf(formData), formError: error.message };
  }
  if (error instanceof DomainError) throw new Response(error.message, { status: error.status });
  throw error;
}
