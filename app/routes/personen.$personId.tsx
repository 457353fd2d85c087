import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getPersonProfile } from "~/modules/org/org.server.ts";
import { requireActor } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { PersonProfile } from "~/components/person-profile.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.person.firstName} ${data.person.lastName} – Lernreise` : "Person – Lernreise" },
];

/** Person page: own, team (leader) or any (HR); the module decides per person and logs reads. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const personId = params.personId ?? "";
  if (personId === actor.personId) throw redirect("/profil");
  return run(() => getPersonProfile(db, actor, personId));
}

export default function PersonPage() {
  const profile = useLoaderData<typeof loader>();
  return <PersonProfile profile={profile} own={false} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
