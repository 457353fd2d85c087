import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listNotifications, markAllNotificationsRead, markNotificationRead, type NotificationParams } from "~/modules/notifications/notifications.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { formatDateTime, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, SelectField } from "~/components/forms.tsx";
import { FilterForm, PageHeader } from "~/components/page.tsx";
import { Pagination } from "~/components/people-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import notificationStyles from "~/styles/notifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];

export const meta: MetaFunction = () => [{ title: "Benachrichtigungen – Lernreise" }];

const InboxQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  show: z.enum(["all", "unread"]).catch("all").default("all"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:notification:own");
  const query = InboxQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await run(() => listNotifications(db, actor, { page: query.page, unreadOnly: query.show === "unread" }));
  return { ...result, query, pageCount: Math.max(1, Math.ceil(result.total / result.pageSize)) };
}

const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().trim().min(1).max(64) }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:notification:own");
  const parsed = InboxActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("notifications.page.invalidRequest", { status: 400 });
  if (parsed.data.intent === "read") {
    const { id } = parsed.data;
    await run(() => markNotificationRead(db, actor, id));
    return { ok: true as const, intent: "read" as const, count: 1 };
  }
  const { count } = await run(() => markAllNotificationsRead(db, actor));
  return { ok: true as const, intent: "read-all" as const, count };
}

type Item = { id: string; kind: string; params: NotificationParams; link: string | null; readAt: Date | string | null; createdAt: Date | string };

/** Title and body in the reader's language, from the kind's texts and the stored values. */
function useNotificationText() {
  const { t } = useTranslation();
  return (n: Pick<Item, "kind" | "params">) => {
    const key = /^[a-z]+\.[a-zA-Z]+$/.test(n.kind) ? `notifications.kinds.${n.kind}` : "notifications.fallback";
    return {
      title: t(`${key}.title`, { ...n.params, defaultValue: t("notifications.fallback.title") }),
      body: t(`${key}.body`, { ...n.params, defaultValue: t("notifications.fallback.body") }),
    };
  };
}

function NotificationItem({ item, busy }: { item: Item; busy: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = useNotificationText()(item);
  const headingId = `notification-${item.id}`;
  return (
    <li>
      <article className={`notification ${item.readAt ? "notification--read" : "notification--unread"}`} aria-labelledby={headingId}>
        <div className="notification__head">
          <h2 id={headingId} className="notification__title">
            {text.title}
          </h2>
          {item.readAt ? null : (
            <span className="kern-badge kern-badge--small kern-badge--info">
              <span className="kern-label">{t("notifications.page.unread")}</span>
            </span>
          )}
        </div>
        <p className="notification__body">{text.body}</p>
        <p className="notification__meta">
          {t("notifications.page.received")} <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt, locale)}</time>
          {item.readAt ? <> · {t("notifications.page.read", { date: formatDateTime(item.readAt, locale) })}</> : null}
        </p>
        <div className="notification__footer">
          {item.link ? (
            <Link className="kern-link" to={item.link} aria-label={t("notifications.page.openLabel", { title: text.title })}>
              {t("notifications.page.open")}
            </Link>
          ) : null}
          {item.readAt ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value="read" />
              <input type="hidden" name="id" value={item.id} />
              <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--small" disabled={busy} aria-label={t("notifications.page.markReadLabel", { title: text.title })}>
                <span className="kern-label">{t("notifications.page.markRead")}</span>
              </button>
            </Form>
          )}
        </div>
      </article>
    </li>
  );
}

export default function NotificationsPage() {
  const { notifications, total, unread, all, query, pageCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { t } = useTranslation();
  const locale = useLocale();
  const done = actionData?.ok
    ? actionData.intent === "read"
      ? t("notifications.page.markedRead")
      : actionData.count > 0
        ? t("notifications.page.markedAllRead", { count: actionData.count })
        : t("notifications.page.nothingToMark")
    : null;
  return (
    <>
      <PageHeader title={t("notifications.page.title")} intro={t("notifications.page.intro")} />
      {done ? <Alert tone="success" title={done} /> : null}
      <p className="result-count">
        {t("notifications.page.summary", { unread: formatNumber(unread, locale), total: formatNumber(all, locale) })}
      </p>
      <div className="notification-actions">
        <FilterForm label={t("notifications.page.filterLabel")}>
          <SelectField
            label={t("notifications.page.show")}
            options={[
              { value: "all", label: t("notifications.page.showAll") },
              { value: "unread", label: t("notifications.page.showUnread") },
            ]}
            selectProps={{ id: "show", name: "show", defaultValue: query.show }}
          />
        </FilterForm>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy}>
              <span className="kern-label">{t("notifications.page.markAllRead")}</span>
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length ? (
        <ol className="notification-list" aria-label={t("notifications.page.listLabel")}>
          {notifications.map((n) => (
            <NotificationItem key={n.id} item={n} busy={busy} />
          ))}
        </ol>
      ) : (
        <p className="kern-body">{query.show === "unread" ? t("notifications.page.emptyUnread") : t("notifications.page.empty")}</p>
      )}
      {total > 0 ? <Pagination page={query.page} pageCount={pageCount} total={total} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
