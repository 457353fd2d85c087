import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { attemptLogin } from "~/modules/auth/login.server.ts";
import { createLoginSession, getOptionalActor, safeRedirect } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { Alert, Field } from "~/components/forms.tsx";

const LoginSchema = z.object({
  email: z.string({ error: "login.emailRequired" }).trim().min(1, { error: "login.emailRequired" }).max(320),
  password: z.string({ error: "login.passwordRequired" }).min(1, { error: "login.passwordRequired" }).max(1000),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = () => [{ title: "Anmelden – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalActor(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const env = getEnv();
  const outcome = await attemptLogin(db, submission.value, { maxFailures: env.LOGIN_MAX_FAILURES, lockMinutes: env.LOGIN_LOCK_MINUTES });
  if (!outcome.ok) {
    const message = outcome.reason === "locked" ? "login.locked" : "login.invalid";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: outcome.reason === "locked" ? 429 : 401 },
    );
  }
  return redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": await createLoginSession(outcome.userId) } });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  const formError = form.errors?.[0];
  return (
    <div className="login-wrap">
      <div className="panel">
        <h1 className="kern-heading-large">{t("login.title")}</h1>
        <p className="kern-body">{t("login.intro")}</p>
        {formError ? <Alert tone="danger" title={t(formError)} /> : null}
        <Form method="post" className="form-stack" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <Field
            label={t("login.email")}
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: "email", ariaAttributes: false }), autoComplete: "username", id: "email", name: "email" }}
          />
          <Field
            label={t("login.password")}
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: "password", ariaAttributes: false }), autoComplete: "current-password", id: "password", name: "password" }}
          />
          <button className="kern-btn kern-btn--primary" type="submit" disabled={navigation.state === "submitting"}>
            <span className="kern-label">{t("login.submit")}</span>
          </button>
        </Form>
      </div>
    </div>
  );
}
