import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
  // Mandatory trainings tab for leaders (team) and HR (any); the tab's module checks the row.
  const complianceTab = hasPermission(actor.roles, "read:compliance:team");
  // Personalverwaltung (life events) and exemptions: HR development only.
  const hrLinks = hasPermission(actor.roles, "create:lifeevent:any");
  // Learning journeys of the person for their leader and HR (the page's module checks the row).
  const journeysTab = hasPermission(actor.roles, "read:journey:team");
  return { ...profile, completions, complianceTab, hrLinks, journeysTab };
}

export default function PersonPage() {
  const { completions, complianceTab, hrLinks, journeysTab, ...profile } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <PersonProfile profile={profile} own={false} />
      {complianceTab ? (
        <p className="btn-row">
          <Link className="kern-link" to={`/personen/${profile.person.id}/pflichtschulungen`}>
            {t("compliance.person.link")}
          </Link>
        </p>
      ) : null}
      {journeysTab ? (
        <p className="btn-row">
          <Link className="kern-link" to={`/personen/${profile.person.id}/lernreisen`}>
            {t("journeys.person.link")}
          </Link>
        </p>
      ) : null}
      {hrLinks ? (
        <p className="btn-row">
          <Link className="kern-link" to={`/personen/${profile.person.id}/verwaltung`}>
            {t("lifeEvents.link.administration")}
          </Link>
          <Link className="kern-link" to={`/personen/${profile.person.id}/befreiungen`}>
            {t("lifeEvents.link.exemptions")}
          </Link>
        </p>
      ) : null}
      {completions ? <CompletionsSection list={completions} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
