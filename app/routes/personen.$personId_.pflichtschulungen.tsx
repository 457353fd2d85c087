// A person's mandatory trainings for their leader (team) and HR development (any); checked per
// person and logged in the module. The person themself is sent to "Meine Pflichtschulungen".
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listRequirementsOfPerson } from "~/modules/compliance/requirements.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { RequirementList } from "~/components/requirement-list.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import styles from "~/styles/compliance-mine.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Pflichtschulungen: ${data.person.firstName} ${data.person.lastName} – Lernreise` : "Pflichtschulungen – Lernreise" },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:compliance:team");
  const personId = params.personId ?? "";
  if (personId === actor.personId) throw redirect("/pflichtschulungen");
  return run(() => listRequirementsOfPerson(db, actor, personId));
}

export default function PersonMandatoryTrainings() {
  const data = useLoaderData<typeof loader>();
  return <RequirementList data={data} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
