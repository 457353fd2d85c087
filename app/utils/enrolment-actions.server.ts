// The enrolment forms (request, enrol someone, cancel, approve, decline, cancel a session) post to
// whichever page shows them: the training page, the session page, "Meine Anmeldungen" and
// "Freigaben". Each of those actions hands the form to this one handler, so parsing and messages
// are the same everywhere and a failed form comes back to the page it was sent from, with the
// input kept and the messages next to the fields (no JavaScript needed).
import { data } from "@remix-run/node";
import { z } from "zod";
import type { Actor } from "~/modules/auth/permissions.ts";
import { cancelEnrolment, cancelSession, decideEnrolment, enrol, NOTE_MAX } from "~/modules/training/enrolment.server.ts";
import { db } from "~/utils/db.server.ts";
import { domainFailure, zodFailure, type FormFailure } from "~/utils/form-result.ts";

export const ENROLMENT_INTENTS = ["enrolment-request", "enrolment-enrol", "enrolment-cancel", "enrolment-approve", "enrolment-decline", "session-cancel"] as const;
export type EnrolmentIntent = (typeof ENROLMENT_INTENTS)[number];

export function isEnrolmentIntent(value: unknown): value is EnrolmentIntent {
  return typeof value === "string" && (ENROLMENT_INTENTS as readonly string[]).includes(value);
}

const id = (message: string) => z.string({ error: message }).trim().min(1, { error: message }).max(100, { error: message });
const text = z.string().trim().max(NOTE_MAX, { error: "enrolment.validation.noteTooLong" }).optional().default("");

const RequestSchema = z.object({ sessionId: id("enrolment.validation.sessionRequired"), note: text });
const EnrolSchema = z.object({ sessionId: id("enrolment.validation.sessionRequired"), personId: id("enrolment.validation.personRequired"), note: text });
const CancelSchema = z.object({ enrolmentId: id("enrolment.validation.enrolmentRequired"), reason: text });
const ApproveSchema = z.object({ enrolmentId: id("enrolment.validation.enrolmentRequired"), comment: text });
const DeclineSchema = z.object({
  enrolmentId: id("enrolment.validation.enrolmentRequired"),
  comment: z.string({ error: "enrolment.validation.commentRequired" }).trim().min(1, { error: "enrolment.validation.commentRequired" }).max(NOTE_MAX, { error: "enrolment.validation.noteTooLong" }),
});
const SessionCancelSchema = z.object({ sessionId: id("enrolment.validation.sessionRequired"), reason: text });

export interface EnrolmentSuccess {
  ok: true;
  intent: EnrolmentIntent;
  /** i18n key of the confirmation and its values. */
  message: string;
  params: Record<string, string | number>;
  /** The session or enrolment the form was about, so the page shows the message in the right place. */
  targetId: string;
}
export type EnrolmentActionData = EnrolmentSuccess | FormFailure;

function placed(status: string, position: number | null, who: "self" | "other"): { message: string; params: Record<string, string | number> } {
  if (status === "REQUESTED") return { message: "enrolment.done.requested", params: {} };
  if (status === "CONFIRMED") return { message: who === "self" ? "enrolment.done.confirmed" : "enrolment.done.enrolled", params: {} };
  return { message: who === "self" ? "enrolment.done.waitlisted" : "enrolment.done.enrolledWaitlisted", params: { position: position ?? 1 } };
}

/** Runs one enrolment form. Returns a success or a 400 with field messages; 403/404 are thrown. */
export async function handleEnrolmentAction(actor: Actor, intent: EnrolmentIntent, formData: FormData) {
  const fields = Object.fromEntries(formData);
  const fail = (error: z.ZodError) => data<EnrolmentActionData>(zodFailure(intent, error, formData), { status: 400 });
  try {
    switch (intent) {
      case "enrolment-request": {
        const parsed = RequestSchema.safeParse(fields);
        if (!parsed.success) return fail(parsed.error);
        const { enrolment, position } = await enrol(db, actor, { sessionId: parsed.data.sessionId, note: parsed.data.note });
        return data<EnrolmentActionData>({ ok: true, intent, targetId: parsed.data.sessionId, ...placed(enrolment.status, position, "self") });
      }
      case "enrolment-enrol": {
        const parsed = EnrolSchema.safeParse(fields);
        if (!parsed.success) return fail(parsed.error);
        const { enrolment, position } = await enrol(db, actor, parsed.data);
        return data<EnrolmentActionData>({ ok: true, intent, targetId: parsed.data.sessionId, ...placed(enrolment.status, position, "other") });
      }
      case "enrolment-cancel": {
        const parsed = CancelSchema.safeParse(fields);
        if (!parsed.success) return fail(parsed.error);
        const { promoted } = await cancelEnrolment(db, actor, parsed.data);
        return data<EnrolmentActionData>({ ok: true, intent, targetId: parsed.data.enrolmentId, message: promoted.length ? "enrolment.done.cancelledPromoted" : "enrolment.done.cancelled", params: { count: promoted.length } });
      }
      case "enrolment-approve": {
        const parsed = ApproveSchema.safeParse(fields);
        if (!parsed.success) return fail(parsed.error);
        const result = await decideEnrolment(db, actor, { enrolmentId: parsed.data.enrolmentId, decision: "approve", comment: parsed.data.comment });
        return data<EnrolmentActionData>({
          ok: true,
          intent,
          targetId: parsed.data.enrolmentId,
          message: result.status === "CONFIRMED" ? "enrolment.done.approved" : "enrolment.done.approvedWaitlisted",
          params: { position: result.position ?? 1 },
        });
      }
      case "enrolment-decline": {
        const parsed = DeclineSchema.safeParse(fields);
        if (!parsed.success) return fail(parsed.error);
        await decideEnrolment(db, actor, { enrolmentId: parsed.data.enrolmentId, decision: "decline", comment: parsed.data.comment });
        return data<EnrolmentActionData>({ ok: true, intent, targetId: parsed.data.enrolmentId, message: "enrolment.done.declined", params: {} });
      }
      case "session-cancel": {
        const parsed = SessionCancelSchema.safeParse(fields);
        if (!parsed.success) return fail(parsed.error);
        const result = await cancelSession(db, actor, parsed.data);
        return data<EnrolmentActionData>({ ok: true, intent, targetId: parsed.data.sessionId, message: "enrolment.done.sessionCancelled", params: { count: result.cancelled } });
      }
    }
  } catch (error) {
    return data<EnrolmentActionData>(domainFailure(intent, error, formData), { status: 400 });
  }
}

/** For a route whose action has only enrolment forms: read the intent, refuse anything else. */
export async function enrolmentActionFor(actor: Actor, request: Request) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isEnrolmentIntent(intent)) throw new Response("Unbekannte Aktion", { status: 400 });
  return handleEnrolmentAction(actor, intent, formData);
}
