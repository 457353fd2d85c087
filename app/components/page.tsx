import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "./forms.tsx";

export function PageHeader({ title, intro }: { title: ReactNode; intro?: ReactNode }) {
  return (
    <div className="page-header">
      <h1 className="kern-heading-large">{title}</h1>
      {intro ? <p className="kern-body">{intro}</p> : null}
    </div>
  );
}

/** A GET form of list filters: works without JavaScript, keeps the filters in the URL. */
export function FilterForm({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="filters" role="search" aria-label={label}>
      {children}
      <button type="submit" className="kern-btn kern-btn--primary">
        <span className="kern-label">{t("filter.apply")}</span>
      </button>
    </Form>
  );
}

export function StatusFilter({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("filter.status")}
      options={["CURRENT", "ACTIVE", "ON_LEAVE", "LEFT", "ALL"].map((s) => ({ value: s, label: t(`filter.statusOption.${s}`) }))}
      selectProps={{ id: "status", name: "status", defaultValue: value }}
    />
  );
}
