import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getPersonProfile } from "~/modules/org/org.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { PersonProfile } from "~/components/person-profile.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Mein Profil – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:own");
  if (!actor.personId) throw new Response("Diesem Konto ist keine Person zugeordnet.", { status: 404 });
  const personId = actor.personId;
  return run(() => getPersonProfile(db, actor, personId));
}

export default function MyProfile() {
  const profile = useLoaderData<typeof loader>();
  return <PersonProfile profile={profile} own />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
