import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changeOwnPassword } from "~/modules/users/users.server.ts";
import { ChangePasswordSchema } from "~/modules/users/schemas.ts";
import { ValidationError } from "~/modules/errors.ts";
import { lucia, requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { Alert, Field } from "~/components/forms.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Passwort ändern – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:password:own");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:password:own");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  const hidden = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: hidden }), done: false }, { status: 400 });
  }
  try {
    await changeOwnPassword(db, actor, submission.value, lucia.readSessionCookie(request.headers.get("Cookie") ?? ""));
  } catch (error) {
    if (error instanceof ValidationError) {
      return data(
        { result: submission.reply({ fieldErrors: error.fieldErrors, formErrors: [error.message], hideFields: hidden }), done: false },
        { status: 400 },
      );
    }
    throw error;
  }
  return { result: submission.reply({ resetForm: true }), done: true };
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "password-change",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <div className="login-wrap">
      <div className="panel">
        <h1 className="kern-heading-large">{t("password.title")}</h1>
        <p className="kern-body">{t("password.intro")}</p>
        {actionData?.done ? <Alert tone="success" title={t("password.done")} /> : null}
        {form.errors?.length ? <Alert tone="danger" title={t("password.failed")} /> : null}
        <Form method="post" className="form-stack" {...getFormProps(form)}>
          <Field
            label={t("password.current")}
            errors={fields.currentPassword.errors}
            inputProps={{
              ...getInputProps(fields.currentPassword, { type: "password", ariaAttributes: false }),
              id: "currentPassword",
              name: "currentPassword",
              autoComplete: "current-password",
            }}
          />
          <Field
            label={t("password.new")}
            hint={t("password.hint")}
            errors={fields.newPassword.errors}
            inputProps={{
              ...getInputProps(fields.newPassword, { type: "password", ariaAttributes: false }),
              id: "newPassword",
              name: "newPassword",
              autoComplete: "new-password",
            }}
          />
          <Field
            label={t("password.confirm")}
            errors={fields.confirmPassword.errors}
            inputProps={{
              ...getInputProps(fields.confirmPassword, { type: "password", ariaAttributes: false }),
              id: "confirmPassword",
              name: "confirmPassword",
              autoComplete: "new-password",
            }}
          />
          <button className="kern-btn kern-btn--primary" type="submit">
            <span className="kern-label">{t("password.submit")}</span>
          </button>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
