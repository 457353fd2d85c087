// A person's learning journeys for their leader and HR development: running ones with next steps
// and progress, the others, a gap proposal ("Lernreise vorschlagen") and a journey created by hand.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createJourney, listJourneysOfPerson } from "~/modules/journeys/journeys.server.ts";
import { listPositionOptions } from "~/modules/org/org.server.ts";
import { addDays, todayInBerlin } from "~/modules/compliance/days.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure, type FormFailure } from "~/utils/form-result.ts";
import { PageHeader } from "~/components/page.tsx";
import { Alert } from "~/components/forms.tsx";
import { JourneyList } from "~/components/journey-list.tsx";
import { JourneyMetaForm } from "~/components/journey-meta-form.tsx";
import { ProposeJourneyButton } from "~/components/propose-journey-button.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `Lernreisen von ${d.person.firstName} ${d.person.lastName} – Lernreise` : "Lernreisen – Lernreise" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:own");
  const result = await run(() => listJourneysOfPerson(db, actor, params.personId ?? ""));
  const positions = result.canCreate ? await listPositionOptions(db) : [];
  return { ...result, positions, defaultEnd: addDays(todayInBerlin(), 182) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:own");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent !== "create") throw new Response("Unbekannte Aktion", { status: 400 });
  const field = (name: string) => String(formData.get(name) ?? "");
  try {
    const { id } = await createJourney(db, actor, {
      personId: params.personId ?? "",
      title: field("title"),
      goalKind: field("goalKind") as "FREE",
      goalText: field("goalText"),
      targetPositionId: field("targetPositionId"),
      startsOn: field("startsOn"),
      endsOn: field("endsOn"),
    });
    return redirect(`/lernreisen/${id}`);
  } catch (error) {
    return data<FormFailure>(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function PersonJourneys() {
  const { person, journeys, canCreate, positions, today, defaultEnd } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <>
      <p>
        <Link className="kern-link" to={`/personen/${person.id}`}>
          {t("journeys.person.back", { name })}
        </Link>
      </p>
      <PageHeader title={t("journeys.person.title", { name })} intro={person.unit ?? undefined} />
      {canCreate ? <ProposeJourneyButton personId={person.id} /> : null}
      <JourneyList journeys={journeys} />
      {canCreate ? (
        <section className="panel" aria-labelledby="journey-create">
          <h2 id="journey-create" className="kern-heading-medium">
            {t("journeys.create.titleFor", { name })}
          </h2>
          <details open={!!failure}>
            <summary>{t("journeys.create.open")}</summary>
            {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}
            <JourneyMetaForm
              intent="create"
              idPrefix="create"
              positions={positions}
              fieldErrors={failure?.fieldErrors}
              values={failure ? failure.values : { startsOn: today, endsOn: defaultEnd, goalKind: "FREE" }}
              submitLabel={t("journeys.create.submit")}
            />
          </details>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
