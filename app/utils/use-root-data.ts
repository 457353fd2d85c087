import { useRouteLoaderData } from "@remix-run/react";
import type { RootLoaderData } from "~/root.tsx";
import { DEFAULT_LOCALE, type Locale } from "./i18n.ts";

export function useRootData() {
  return useRouteLoaderData("root") as RootLoaderData | undefined;
}

export function useLocale(): Locale {
  return useRootData()?.locale ?? DEFAULT_LOCALE;
}
