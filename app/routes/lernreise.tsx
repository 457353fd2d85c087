// "Meine Lernreise": the signed-in person's journeys — running ones with their next steps (due
// first) and progress, then drafts, proposed and completed ones; a gap proposal and a journey
// created by hand.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createJourney, listMyJourneys } from "~/modules/journeys/journeys.server.ts";
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

export const meta: MetaFunction = () => [{ title: "Meine Lernreise – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:journey:own");
  const mine = await run(() => listMyJourneys(db, actor));
  const positions = await listPositionOptions(db);
  return { ...mine, positions, defaultEnd: addDays(todayInBerlin(), 182) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:journey:own");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent !== "create") throw new Response("Unbekannte Aktion", { status: 400 });
  const field = (name: string) => String(formData.get(name) ?? "");
  try {
    const { id } = await createJourney(db, actor, { title: field("title"), goalKind: field("goalKind") as "FREE", goalText: field("goalText"), targetPositionId: field("targetPositionId"), startsOn: field("startsOn"), endsOn: field("endsOn") });
    return redirect(`/lernreisen/${id}`);
  } catch (error) {
    return data<FormFailure>(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function MyJourney() {
  const { journeys, positions, today, defaultEnd } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("journeys.mine.title")} intro={t("journeys.mine.intro")} />
      {journeys.length === 0 ? <p className="kern-body">{t("journeys.mine.empty")}</p> : null}
      <ProposeJourneyButton />
      <JourneyList journeys={journeys} />
      <section className="panel" aria-labelledby="journey-create">
        <h2 id="journey-create" className="kern-heading-medium">
          {t("journeys.create.title")}
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
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
