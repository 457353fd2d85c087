import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Field } from "./forms.tsx";
import { TextAreaField } from "./text-area.tsx";

/** "Regelmäßige Überprüfung": mark as reviewed (intent "review") and the review history. */
export function ReviewPanel({
  summary,
  showForm = true,
  errors,
  values,
  reviews,
}: {
  summary?: ReactNode;
  showForm?: boolean;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
  reviews: { id: string; reviewedAt: Date | string; note: string; reviewedBy: { email: string } }[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="review-heading">
      <h2 id="review-heading" className="kern-heading-medium">
        {t("review.title")}
      </h2>
      {summary ? <p>{summary}</p> : null}
      {showForm ? (
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="review" />
          <Field label={t("review.nextDate")} errors={errors?.nextReviewAt} inputProps={{ id: "review-next", name: "nextReviewAt", type: "date", required: true, defaultValue: values?.nextReviewAt ?? "" }} />
          <TextAreaField label={t("review.note")} id="review-note" name="note" rows={2} defaultValue={values?.note ?? ""} />
          <button className="kern-btn kern-btn--secondary" type="submit">
            <span className="kern-label">{t("review.mark")}</span>
          </button>
        </Form>
      ) : null}
      {reviews.length ? (
        <>
          <h3 className="kern-heading-small">{t("review.history")}</h3>
          <ul>
            {reviews.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.reviewedAt, locale)} – {r.reviewedBy.email}
                {r.note ? `: ${r.note}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
