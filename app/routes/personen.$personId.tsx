import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getPersonProfile } from "~/modules/org/org.server.ts";
import { listCompletionsOfPerson } from "~/modules/training/completions.server.ts";
import { hasPermission } from "~/modules/auth/permissions.ts";
import { requireActor } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { PersonProfile } from "~/components/person-profile.tsx";
import { CompletionsSection } from "~/components/completions-section.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import completionStyles from "~/styles/completions.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.person.firstName} ${data.person.lastName} – Lernreise` : "Person – Lernreise" },
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: completionStyles }];

/** Person page: own, team (leader) or any (HR); the module decides per person and logs reads. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const personId = params.personId ?? "";
  if (personId === actor.personId) throw redirect("/profil");
  const profile = await run(() => getPersonProfile(db, actor, personId));
  // Completed trainings, read-only, for whoever may read this person's completions (leader, HR).
  const completions = hasPermission(actor.roles, "read:completion:team") ? await run(() => listCompletionsOfPerson(db, actor, personId)) : null;
  return { ...profile, completions };
}

export default function PersonPage() {
  const { completions, ...profile } = useLoaderData<typeof loader>();
  return (
    <>
      <PersonProfile profile={profile} own={false} />
      {completions ? <CompletionsSection list={completions} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
