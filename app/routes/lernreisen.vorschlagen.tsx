// "Lernreise vorschlagen": POST builds a draft journey from a person's gaps (own when no personId)
// and opens it. When nothing can be proposed (no position profile, no gaps) it redirects to
// ?grund=… here, which explains why; a plain GET goes to "Meine Lernreise".
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { proposeJourneyFromGaps, ProposalRefusedError } from "~/modules/journeys/proposal.server.ts";
import { PROPOSAL_REFUSALS } from "~/modules/journeys/proposal.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Lernreise vorschlagen – Lernreise" }];

const ProposeSchema = z.object({ personId: z.string().trim().max(100).optional().transform((v) => v || undefined) });
const RefusalQuerySchema = z.object({ grund: z.enum(PROPOSAL_REFUSALS), person: z.string().max(100).optional() });

/** Where the person's journeys are listed: one's own, or the person's page for leaders and HR. */
function journeysPage(personId: string | undefined, ownPersonId: string | null) {
  return personId && personId !== ownPersonId ? `/personen/${encodeURIComponent(personId)}/lernreisen` : "/lernreise";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:journey:own");
  const parsed = RefusalQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw redirect("/lernreise");
  const { grund, person } = parsed.data;
  const own = !person || person === actor.personId;
  return { reason: grund, back: journeysPage(person, actor.personId), gapsLink: own ? "/kompetenzen" : `/personen/${encodeURIComponent(person)}/kompetenzen`, own };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:journey:own");
  const parsed = ProposeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Ungültige Anfrage", { status: 400 });
  const personId = parsed.data.personId ?? actor.personId;
  if (!personId) throw new Response("Ihrem Konto ist keine Person zugeordnet.", { status: 403 });
  // A refusal (no profile, no gaps) is an answer, not an error: it is explained on this page.
  const outcome = await run(() => proposeJourneyFromGaps(db, actor, personId).catch((error: unknown) => (error instanceof ProposalRefusedError ? error : Promise.reject(error))));
  if (outcome instanceof ProposalRefusedError) {
    const query = new URLSearchParams({ grund: outcome.reason });
    if (personId !== actor.personId) query.set("person", personId);
    return redirect(`/lernreisen/vorschlagen?${query.toString()}`);
  }
  return redirect(`/lernreisen/${outcome.id}`);
}

export default function ProposalRefusedPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("journeys.proposal.title")} />
      <Alert tone="info" title={t(`journeys.proposal.refused.${data.reason}`)}>
        <p className="kern-body">{t(`journeys.proposal.refusedHint.${data.reason}`)}</p>
      </Alert>
      <p>
        {data.reason !== "personLeft" ? (
          <>
            <Link className="kern-link" to={data.gapsLink}>
              {t(data.own ? "journeys.proposal.toOwnGaps" : "journeys.proposal.toGaps")}
            </Link>
            {" · "}
          </>
        ) : null}
        <Link className="kern-link" to={data.back}>
          {t("journeys.proposal.back")}
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
