import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";

export const INBOX_PATH = "/benachrichtigungen";

/**
 * The unread count beside "Benachrichtigungen" in the navigation. The number is visible; screen
 * readers hear the whole link as "Benachrichtigungen, 3 ungelesen". Nothing when all are read.
 */
export function UnreadCount({ count }: { count: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (count <= 0) return null;
  return (
    <>
      <span className="kern-sr-only">, </span>
      <span className="kern-badge kern-badge--small kern-badge--info" style={{ marginLeft: ".4rem", verticalAlign: "middle" }}>
        <span className="kern-label">{formatNumber(count, locale)}</span>
      </span>
      <span className="kern-sr-only"> {t("notifications.nav.unreadWord")}</span>
    </>
  );
}
