// Validation shared by forms (browser and server) and the CLI. Messages are i18n keys
// (app/locales); the CLI prints them through getT("de").
import { z } from "zod";
import { STORED_ROLES } from "~/modules/auth/permissions.ts";

export const MIN_PASSWORD_LENGTH = 12;

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export const EmailSchema = z
  .string({ error: "validation.emailRequired" })
  .trim()
  .min(1, { error: "validation.emailRequired" })
  .pipe(z.email({ error: "validation.emailInvalid" }))
  .transform(normaliseEmail);

export const NewPasswordSchema = z
  .string({ error: "validation.newPasswordRequired" })
  .min(MIN_PASSWORD_LENGTH, { error: "validation.passwordTooShort" })
  .max(200, { error: "validation.passwordTooLong" });

export const RoleSchema = z.enum(STORED_ROLES, { error: "validation.roleUnknown" });

export const CreateUserSchema = z.object({
  email: EmailSchema,
  roles: z.array(RoleSchema).min(1, { error: "validation.roleRequired" }),
  password: NewPasswordSchema,
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "validation.currentPasswordRequired" }).min(1, { error: "validation.currentPasswordRequired" }),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string({ error: "validation.confirmPasswordRequired" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "validation.passwordMismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], error: "validation.passwordUnchanged" });

export const SetRolesSchema = z.object({ userId: z.string().min(1), roles: z.array(RoleSchema) });
