import { z } from "zod";

/** Query-string filters of list pages; wrong values fall back to defaults rather than failing. */
export const ListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  unit: z.string().max(50).optional().catch(undefined),
  sub: z
    .enum(["1", "0"])
    .optional()
    .catch(undefined)
    .transform((v) => v !== "0"),
  position: z.string().max(50).optional().catch(undefined),
  status: z.enum(["CURRENT", "ACTIVE", "ON_LEAVE", "LEFT", "ALL"]).catch("CURRENT").default("CURRENT"),
});

export function parseListQuery(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  for (const key of Object.keys(params)) if (params[key] === "") delete params[key];
  return ListQuerySchema.parse(params);
}

/**
 * The words of a search box for `contains` filters on a lower-case search column. `%` and `_`
 * are LIKE wildcards that Prisma passes through unescaped (SQLite's LIKE has no default escape
 * character), so they separate words instead of matching everything. At most six words.
 */
export function searchTerms(q: string | null | undefined) {
  return (q ?? "").toLowerCase().split(/[\s%_]+/).filter(Boolean).slice(0, 6);
}
