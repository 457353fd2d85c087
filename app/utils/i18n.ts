// Translations with i18next (docs/decisions/006). All strings live in app/locales/*.json;
// German is the default, English the second language. Resources are bundled (two small files),
// so server and client render the same text without a loading step.
import i18next, { type i18n as I18n, type TFunction } from "i18next";
import de from "~/locales/de.json";
import en from "~/locales/en.json";
import competencyDe from "~/locales/competency.de.json";
import competencyEn from "~/locales/competency.en.json";
import exchangeDe from "~/locales/exchange.de.json";
import frameworkDe from "~/locales/framework.de.json";
import frameworkEn from "~/locales/framework.en.json";
import assessmentDe from "~/locales/assessment.de.json";
import assessmentEn from "~/locales/assessment.en.json";
import gapsDe from "~/locales/gaps.de.json";
import gapsEn from "~/locales/gaps.en.json";
import teamDe from "~/locales/team.de.json";
import teamEn from "~/locales/team.en.json";
import orgGapsDe from "~/locales/orggaps.de.json";
import orgGapsEn from "~/locales/orggaps.en.json";
import exchangeEn from "~/locales/exchange.en.json";
import evidenceDe from "~/locales/evidence.de.json";
import evidenceEn from "~/locales/evidence.en.json";
import notificationsDe from "~/locales/notifications.de.json";
import notificationsEn from "~/locales/notifications.en.json";
import catalogueDe from "~/locales/catalogue.de.json";
import catalogueEn from "~/locales/catalogue.en.json";
import enrolmentDe from "~/locales/enrolment.de.json";
import enrolmentEn from "~/locales/enrolment.en.json";
import completionsDe from "~/locales/completions.de.json";
import completionsEn from "~/locales/completions.en.json";
import complianceDe from "~/locales/compliance.de.json";
import complianceEn from "~/locales/compliance.en.json";
import complianceRulesDe from "~/locales/compliancerules.de.json";
import complianceRulesEn from "~/locales/compliancerules.en.json";
import complianceCockpitDe from "~/locales/compliancecockpit.de.json";
import complianceCockpitEn from "~/locales/compliancecockpit.en.json";
import lifeEventsDe from "~/locales/lifeevents.de.json";
import lifeEventsEn from "~/locales/lifeevents.en.json";
import complianceOverviewDe from "~/locales/complianceoverview.de.json";
import complianceOverviewEn from "~/locales/complianceoverview.en.json";
import journeysDe from "~/locales/journeys.de.json";
import journeysEn from "~/locales/journeys.en.json";
import journeyTemplatesDe from "~/locales/journeytemplates.de.json";
import journeyTemplatesEn from "~/locales/journeytemplates.en.json";
import feedbackDe from "~/locales/feedback.de.json";
import feedbackEn from "~/locales/feedback.en.json";
import evaluationDe from "~/locales/evaluation.de.json";
import evaluationEn from "~/locales/evaluation.en.json";

export const LOCALES = ["de", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "de";
export const LOCALE_COOKIE = "lr_lang";

// One file per area keeps parallel work apart; each area file holds its own top-level keys.
export const resources = {
  de: { translation: { ...de, ...competencyDe, ...exchangeDe, ...frameworkDe, ...assessmentDe, ...gapsDe, ...teamDe, ...orgGapsDe, ...notificationsDe, ...evidenceDe, ...catalogueDe, ...enrolmentDe, ...completionsDe, ...complianceDe, ...complianceRulesDe, ...complianceCockpitDe, ...lifeEventsDe, ...complianceOverviewDe, ...journeysDe, ...journeyTemplatesDe, ...feedbackDe, ...evaluationDe } },
  en: { translation: { ...en, ...competencyEn, ...exchangeEn, ...frameworkEn, ...assessmentEn, ...gapsEn, ...teamEn, ...orgGapsEn, ...notificationsEn, ...evidenceEn, ...catalogueEn, ...enrolmentEn, ...completionsEn, ...complianceEn, ...complianceRulesEn, ...complianceCockpitEn, ...lifeEventsEn, ...complianceOverviewEn, ...journeysEn, ...journeyTemplatesEn, ...feedbackEn, ...evaluationEn } },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const fixed = new Map<Locale, TFunction>();
/** A translate function for server code (actions, error messages). */
export function getT(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    fixed.set(locale, t);
  }
  return t;
}

export function localeFromCookie(cookieHeader: string | null): Locale {
  const match = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(\\w+)`));
  return isLocale(match?.[1]) ? match[1] : DEFAULT_LOCALE;
}

const intlLocale = (locale: Locale) => (locale === "de" ? "de-DE" : "en-GB");

export function formatDate(value: Date | string | null | undefined, locale: Locale) {
  if (!value) return "–";
  return new Intl.DateTimeFormat(intlLocale(locale), { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Berlin" }).format(
    new Date(value),
  );
}

export function formatDateTime(value: Date | string | null | undefined, locale: Locale) {
  if (!value) return "–";
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Berlin",
  }).format(new Date(value));
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(intlLocale(locale), options).format(value);
}
