import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { requireActor } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { run } from "~/utils/http.server.ts";
import { PersonGapsPage } from "~/components/person-gaps.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kompetenzen und Lücken: ${data.person.firstName} ${data.person.lastName} – Lernreise` : "Kompetenzen und Lücken – Lernreise" },
];

/** A person's competencies and gaps: leaders for their team, HR for anyone (checked and logged in the module). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const personId = params.personId ?? "";
  if (personId === actor.personId) throw redirect("/kompetenzen");
  const gaps = await run(() => getPersonGaps(db, actor, personId, { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS }));
  // Access was checked (and logged) by getPersonGaps; the name is only for the heading.
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { id: true, firstName: true, lastName: true } });
  return { gaps, person };
}

export default function PersonCompetencies() {
  const { gaps, person } = useLoaderData<typeof loader>();
  return <PersonGapsPage gaps={gaps} person={person} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
