import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createMailTransport } from "~/modules/notifications/mail-transport.server.ts";
import { DEFAULT_BATCH_SIZE, listOutbox, MAX_ATTEMPTS, sendOutboxNow } from "~/modules/notifications/outbox.server.ts";
import { OUTBOX_STATUSES } from "~/modules/notifications/outbox-status.ts";
import { MAIL_INTERVAL_MS } from "~/modules/notifications/worker.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDateTime, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, Field, SelectField } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import notificationStyles from "~/styles/notifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];

export const meta: MetaFunction = () => [{ title: "Postausgang – Lernreise" }];

const OutboxQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  to: z.string().trim().max(200).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:outbox:any");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = OutboxQuerySchema.parse({ ...params, status: params.status || undefined, to: params.to?.trim() || undefined });
  const result = await run(() => listOutbox(db, actor, { page: query.page, status: query.status, to: query.to }));
  const env = getEnv();
  const mail = createMailTransport(env);
  return {
    ...result,
    query,
    pageCount: Math.max(1, Math.ceil(result.total / result.pageSize)),
    delivery: { kind: mail.kind, server: mail.server, from: mail.from, worker: env.MAIL_WORKER, intervalSeconds: MAIL_INTERVAL_MS / 1000 },
    // Constants of server modules travel with the data: *.server.ts is not in the browser bundle.
    maxAttempts: MAX_ATTEMPTS,
    batchSize: DEFAULT_BATCH_SIZE,
  };
}

const OutboxActionSchema = z.object({ intent: z.literal("send") });

export async function action({ request }: ActionFunctionArgs) {
  // Sending is what the worker does anyway; whoever may see the outbox may trigger a pass.
  const actor = await requireUserWithPermission(request, "read:outbox:any");
  const parsed = OutboxActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("notifications.page.invalidRequest", { status: 400 });
  const mail = createMailTransport(getEnv());
  const result = await run(() => sendOutboxNow(db, actor, { transport: mail.transport, from: mail.from, batchSize: DEFAULT_BATCH_SIZE }));
  return { ok: true as const, result };
}

export default function OutboxPage() {
  const { mails, total, counts, query, pageCount, delivery, maxAttempts, batchSize } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const sent = actionData?.ok ? actionData.result : null;
  return (
    <>
      <PageHeader title={t("notifications.outbox.title")} intro={t("notifications.outbox.intro", { max: maxAttempts })} />
      <Alert tone={delivery.kind === "local" ? "warning" : "info"} title={delivery.kind === "local" ? t("notifications.outbox.transportLocal") : t("notifications.outbox.transportSmtp", { server: delivery.server, from: delivery.from })}>
        <p className="kern-body">{delivery.worker === "on" ? t("notifications.outbox.workerOn", { seconds: delivery.intervalSeconds }) : t("notifications.outbox.workerOff")}</p>
      </Alert>
      {sent ? (
        <Alert
          tone={sent.failed > 0 || sent.retried > 0 ? "warning" : "success"}
          title={sent.claimed === 0 ? t("notifications.outbox.sendNothing") : t("notifications.outbox.sendResult", { sent: n(sent.sent), retried: n(sent.retried), failed: n(sent.failed), deferred: n(sent.deferred) })}
        />
      ) : null}

      <section className="panel" aria-labelledby="outbox-counts">
        <h2 id="outbox-counts" className="kern-heading-small">
          {t("notifications.outbox.countsLabel")}
        </h2>
        <dl className="outbox-counts">
          {OUTBOX_STATUSES.map((status) => (
            <div key={status}>
              <dt>{t(`notifications.outbox.statusLabel.${status}`)}</dt>
              <dd>{n(counts[status])}</dd>
            </div>
          ))}
        </dl>
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="send" />
          <p className="kern-body" id="send-now-hint">
            {t("notifications.outbox.sendNowHint", { batch: batchSize })}
          </p>
          <button type="submit" className="kern-btn kern-btn--primary" aria-describedby="send-now-hint" disabled={navigation.state === "submitting"}>
            <span className="kern-label">{t("notifications.outbox.sendNow")}</span>
          </button>
        </Form>
      </section>

      <FilterForm label={t("notifications.outbox.filterLabel")}>
        <Field label={t("notifications.outbox.toFilter")} inputProps={{ id: "to", name: "to", type: "search", defaultValue: query.to ?? "", autoComplete: "off" }} />
        <SelectField
          label={t("notifications.outbox.status")}
          options={[{ value: "", label: t("notifications.outbox.statusAll") }, ...OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`notifications.outbox.statusLabel.${s}`) }))]}
          selectProps={{ id: "status", name: "status", defaultValue: query.status ?? "" }}
        />
      </FilterForm>

      {mails.length ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped outbox-table">
            <caption className="kern-sr-only">{t("notifications.outbox.title")}</caption>
            <thead className="kern-table__header">
              <tr>
                <th scope="col">{t("notifications.outbox.created")}</th>
                <th scope="col">{t("notifications.outbox.to")}</th>
                <th scope="col">{t("notifications.outbox.subject")}</th>
                <th scope="col">{t("notifications.outbox.status")}</th>
                <th scope="col">{t("notifications.outbox.attempts")}</th>
                <th scope="col">{t("notifications.outbox.sentOrNext")}</th>
                <th scope="col">{t("notifications.outbox.lastError")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {mails.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt, locale)}</td>
                  <td>{m.toAddress}</td>
                  <th scope="row">
                    {m.subject}
                    <details>
                      <summary aria-label={t("notifications.outbox.showTextLabel", { subject: m.subject, to: m.toAddress })}>{t("notifications.outbox.showText")}</summary>
                      <pre className="outbox-text">{m.textBody}</pre>
                    </details>
                  </th>
                  <td>{t(`notifications.outbox.statusLabel.${m.status}`)}</td>
                  <td>{n(m.attempts)}</td>
                  <td>
                    {m.status === "SENT"
                      ? formatDateTime(m.sentAt, locale)
                      : m.status === "PENDING"
                        ? t("notifications.outbox.nextAttempt", { date: formatDateTime(m.nextAttemptAt, locale) })
                        : "–"}
                  </td>
                  <td className="outbox-error">{m.lastError || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="kern-body">{query.status || query.to ? t("notifications.outbox.emptyFiltered") : t("notifications.outbox.empty")}</p>
      )}
      {total > 0 ? <Pagination page={query.page} pageCount={pageCount} total={total} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
