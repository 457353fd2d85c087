// "Meine Pflichtschulungen": the signed-in person's mandatory trainings with status, due date,
// why each applies, where to enrol or upload a certificate, history and reminders.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listRequirementsOfPerson } from "~/modules/compliance/requirements.server.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { RequirementList } from "~/components/requirement-list.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import styles from "~/styles/compliance-mine.css";

export const meta: MetaFunction = () => [{ title: "Meine Pflichtschulungen – Lernreise" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:compliance:own");
  if (!actor.personId) throw new Response("Ihr Konto ist keiner Person zugeordnet.", { status: 404 });
  return run(() => listRequirementsOfPerson(db, actor, actor.personId!));
}

export default function MyMandatoryTrainings() {
  const data = useLoaderData<typeof loader>();
  return <RequirementList data={data} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
