import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** One error page for every route, with a German message per status (English when chosen). */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = [400, 401, 403, 404, 405, 409].includes(status) ? status : 500;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  if (status >= 500 && typeof document === "undefined") console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="kern-preline">{t("error.status", { status })}</p>
      <h1 id="error-title" className="kern-heading-large">
        {t(`error.${known}.title`)}
      </h1>
      <p className="kern-body">{t(`error.${known}.text`)}</p>
      {detail && detail !== t(`error.${known}.title`) ? <p className="kern-body kern-body--muted">{t(detail, { defaultValue: detail })}</p> : null}
      <p>
        <Link className="kern-link" to="/">
          {t("error.home")}
        </Link>
      </p>
    </section>
  );
}
