import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { PersonGapsPage } from "~/components/person-gaps.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Meine Kompetenzen – Lernreise" }];

/** "Meine Kompetenzen": the signed-in person's required vs. current levels and gaps. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:own");
  if (!actor.personId) throw new Response("gaps.noPersonAccount", { status: 404 });
  const personId = actor.personId;
  const gaps = await run(() => getPersonGaps(db, actor, personId, { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS }));
  return { gaps, person: null };
}

export default function MyCompetencies() {
  const { gaps } = useLoaderData<typeof loader>();
  return <PersonGapsPage gaps={gaps} person={null} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
