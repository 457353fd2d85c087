import type { Tx } from "~/utils/db.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { AccessDeniedError } from "~/modules/errors.ts";

export interface AuditInput {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  affectedPersonId?: string | null;
  summary?: string;
}

/**
 * Records an audit event. Pass the transaction client of the change so that the event and the
 * change commit or fail together.
 */
export async function recordAudit(tx: Tx, input: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorUserId: input.actorUserId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      affectedPersonId: input.affectedPersonId ?? null,
      summary: (input.summary ?? "").slice(0, 500),
    },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(
  tx: Tx,
  actor: Actor,
  { page, action, affectedPersonId }: { page: number; action?: string; affectedPersonId?: string },
) {
  if (!hasPermission(actor.roles, "read:audit:any")) throw new AccessDeniedError();
  const where = {
    ...(action ? { action: { startsWith: action } } : {}),
    ...(affectedPersonId ? { affectedPersonId } : {}),
  };
  const [total, events] = await Promise.all([
    tx.auditEvent.count({ where }),
    tx.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { actor: { select: { email: true } } },
    }),
  ]);
  return { total, events, pageSize: AUDIT_PAGE_SIZE };
}
