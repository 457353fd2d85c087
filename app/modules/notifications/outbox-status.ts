// Outbox states, shared by the server module and the outbox page (which runs in the browser too).
export const OUTBOX_STATUSES = ["PENDING", "SENT", "FAILED"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
