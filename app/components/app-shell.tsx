import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RootLoaderData } from "~/root.tsx";
import type { Locale } from "~/utils/i18n.ts";
import { INBOX_PATH, UnreadCount } from "./notification-badge.tsx";

export function AppShell({ user, locale, children }: { user: RootLoaderData["user"]; locale: Locale; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <a href="/" className="app-brand">
            <span className="app-brand__mark" aria-hidden="true">
              L
            </span>
            <span>
              <span className="app-brand__name">Lernreise</span>
              <span className="app-brand__org">{t("shell.organisation")}</span>
            </span>
          </a>
          <div className="app-header__tools">
            <Form method="post" action="/sprache" className="app-lang">
              <input type="hidden" name="redirectTo" value={here} />
              <button
                className="kern-btn kern-btn--tertiary kern-btn--x-small"
                type="submit"
                name="locale"
                value={locale === "de" ? "en" : "de"}
                lang={locale === "de" ? "en" : "de"}
              >
                <span className="kern-label">{t("shell.switchLanguage")}</span>
              </button>
            </Form>
            {user ? (
              <>
                <span className="app-user">
                  <span className="kern-sr-only">{t("shell.signedInAs")} </span>
                  {user.name}
                </span>
                <Form method="post" action="/logout">
                  <button className="kern-btn kern-btn--secondary kern-btn--x-small" type="submit">
                    <span className="kern-label">{t("shell.logout")}</span>
                  </button>
                </Form>
              </>
            ) : null}
          </div>
        </div>
      </header>
      <div className={user ? "app-body" : "app-body app-body--public"}>
        {user ? (
          <nav className="app-nav" aria-label={t("nav.label")}>
            {user.navigation.map((section) => (
              <div key={section.headingKey} className="app-nav__section">
                <h2 className="app-nav__heading">{t(section.headingKey)}</h2>
                <ul>
                  {section.items.map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} end={item.to === "/" || item.to === "/team" || item.to === "/nachweise"} className="app-nav__link">
                        {t(item.labelKey)}
                        {item.to === INBOX_PATH ? <UnreadCount count={user.unreadNotifications} /> : null}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <div className="app-nav__section">
              <h2 className="app-nav__heading">{t("nav.section.account")}</h2>
              <ul>
                <li>
                  <NavLink to="/konto/passwort" className="app-nav__link">
                    {t("nav.password")}
                  </NavLink>
                </li>
              </ul>
            </div>
          </nav>
        ) : null}
        <main id="main" tabIndex={-1} className="app-main">
          {children}
        </main>
      </div>
      <footer className="app-footer">
        <p>{t("shell.footer")}</p>
      </footer>
    </>
  );
}
