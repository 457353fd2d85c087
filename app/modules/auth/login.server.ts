import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { burnVerification, verifyPassword } from "./password.server.ts";
import { normaliseEmail } from "~/modules/users/schemas.ts";

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "locked" };


/**
 * Failed attempts for this e-mail in the lock window since the last success. Counted for any
 * e-mail, existing or not, so that the lock-out does not reveal which accounts exist.
 */
async function recentFailures(db: Db, email: string, policy: LockoutPolicy, now: Date) {
  const windowStart = new Date(now.getTime() - policy.lockMinutes * 60_000);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, success: true, createdAt: { gte: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return db.loginAttempt.count({
    where: { email, success: false, createdAt: { gte: lastSuccess?.createdAt ?? windowStart } },
  });
}

export async function attemptLogin(
  db: Db,
  input: { email: string; password: string },
  policy: LockoutPolicy,
  now = new Date(),
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  if ((await recentFailures(db, email, policy, now)) >= policy.maxFailures) {
    return { ok: false, reason: "locked" };
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabled: true } });
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : (await burnVerification(input.password), false);
  const ok = !!user && valid && !user.disabled;
  await db.$transaction(async (tx) => {
    await tx.loginAttempt.create({ data: { email, success: ok, createdAt: now } });
    await recordAudit(
      tx,
      ok
        ? { actorUserId: user.id, action: "auth.login", entityType: "User", entityId: user.id }
        : { actorUserId: null, action: "auth.login-failed", entityType: "User", entityId: user?.id ?? null, summary: email },
    );
  });
  if (!ok) return { ok: false, reason: "invalid" };
  return { ok: true, userId: user.id };
}
