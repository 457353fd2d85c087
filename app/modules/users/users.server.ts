import type { z } from "zod";
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hashPassword, verifyPassword } from "~/modules/auth/password.server.ts";
import type { Actor, StoredRole } from "~/modules/auth/permissions.ts";
import { AccessDeniedError, NotFoundError, ValidationError } from "~/modules/errors.ts";
import { ChangePasswordSchema, CreateUserSchema, EmailSchema, NewPasswordSchema, SetRolesSchema } from "./schemas.ts";

export { ChangePasswordSchema, CreateUserSchema, SetRolesSchema };

export async function createUser(db: Db, actorUserId: string | null, input: z.input<typeof CreateUserSchema>) {
  const parsed = CreateUserSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => i.message).join(" "), fieldErrorsOf(parsed.error));
  const { email, roles, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) {
      throw new ValidationError("validation.emailTaken", { email: ["validation.emailTaken"] });
    }
    // Link the account to the person record with that e-mail, if there is one.
    const person = await tx.person.findUnique({ where: { email }, select: { id: true, user: { select: { id: true } } } });
    const user = await tx.user.create({
      data: {
        email,
        passwordHash,
        personId: person && !person.user ? person.id : null,
        roles: { create: [...new Set(roles)].map((role) => ({ role })) },
      },
    });
    await recordAudit(tx, {
      actorUserId,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      affectedPersonId: user.personId,
      summary: `Konto ${email} mit Rollen ${roles.join(", ")} angelegt`,
    });
    return user;
  });
}

export async function resetPassword(db: Db, actorUserId: string | null, input: { email: string; password: string }) {
  const email = EmailSchema.safeParse(input.email);
  if (!email.success) throw new ValidationError(email.error.issues[0]!.message);
  const password = NewPasswordSchema.safeParse(input.password);
  if (!password.success) throw new ValidationError(password.error.issues[0]!.message);
  const passwordHash = await hashPassword(password.data);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: email.data } });
    if (!user) throw new NotFoundError("validation.accountUnknown");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // A reset ends every session of the account.
    await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actorUserId,
      action: "user.reset-password",
      entityType: "User",
      entityId: user.id,
      affectedPersonId: user.personId,
      summary: "Passwort zurückgesetzt, Sitzungen beendet",
    });
  });
}

/** Changes the actor's own password and ends their other sessions. */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: z.output<typeof ChangePasswordSchema>,
  currentSessionId: string | null,
) {
  const user = await db.user.findUnique({ where: { id: actor.userId } });
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError("validation.currentPasswordWrong", { currentPassword: ["validation.currentPasswordWrong"] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.id, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) } });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "auth.password-change",
      entityType: "User",
      entityId: user.id,
      affectedPersonId: user.personId,
      summary: "Eigenes Passwort geändert",
    });
  });
}

export const USERS_PAGE_SIZE = 50;
export async function listUsers(db: Db, actor: Actor, { q, page }: { q?: string; page: number }) {
  if (!actor.roles.includes("ADMIN")) throw new AccessDeniedError();
  const where = q ? { email: { contains: q.trim().toLowerCase() } } : {};
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { email: "asc" },
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        disabled: true,
        createdAt: true,
        roles: { select: { role: true } },
        person: { select: { firstName: true, lastName: true, leads: { select: { id: true } }, deputyOf: { select: { id: true } } } },
      },
    }),
  ]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      disabled: u.disabled,
      createdAt: u.createdAt,
      name: u.person ? `${u.person.firstName} ${u.person.lastName}` : null,
      roles: u.roles.map((r) => r.role as StoredRole),
      leadsUnits: (u.person?.leads.length ?? 0) + (u.person?.deputyOf.length ?? 0),
    })),
  };
}

export async function setUserRoles(db: Db, actor: Actor, input: z.output<typeof SetRolesSchema>) {
  if (!actor.roles.includes("ADMIN")) throw new AccessDeniedError();
  if (input.userId === actor.userId && !input.roles.includes("ADMIN")) {
    throw new ValidationError("validation.cannotDropOwnAdmin");
  }
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, include: { roles: true } });
    if (!user) throw new NotFoundError("Konto nicht gefunden");
    const before = user.roles.map((r) => r.role).sort().join(", ") || "–";
    const roles = [...new Set(input.roles)];
    await tx.userRole.deleteMany({ where: { userId: user.id } });
    if (roles.length) await tx.userRole.createMany({ data: roles.map((role) => ({ userId: user.id, role })) });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: "user.roles",
      entityType: "User",
      entityId: user.id,
      affectedPersonId: user.personId,
      summary: `Rollen: ${before} → ${roles.sort().join(", ") || "–"}`,
    });
  });
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (result[key] ??= []).push(issue.message);
  }
  return result;
}
