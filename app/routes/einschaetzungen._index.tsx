import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listOpenRoundsOfTeam, listRoundsOfPerson, startRound } from "~/modules/assessment/rounds.server.ts";
import { getPersonProfile } from "~/modules/org/org.server.ts";
import { hasPermission } from "~/modules/auth/permissions.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert } from "~/components/forms.tsx";
import { PageHeader } from "~/components/page.tsx";
import { RoundStatusBadge } from "~/components/assessment-status.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Einschätzungen – Lernreise" }];

const ACTIVE = ["OPEN", "SELF_ASSESSED", "LEADER_RATED"];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:own");
  const requested = new URL(request.url).searchParams.get("person");
  const own = actor.personId ? await run(() => listRoundsOfPerson(db, actor, actor.personId!)) : null;
  const isLeader = actor.ledUnitPaths.length > 0 && hasPermission(actor.roles, "read:person:team");
  const team = isLeader ? await listOpenRoundsOfTeam(db, actor) : [];
  let other = null;
  if (requested && requested !== actor.personId) {
    // listRoundsOfPerson enforces the access (403/404) before anything else is read.
    const rounds = await run(() => listRoundsOfPerson(db, actor, requested));
    const profile = await run(() => getPersonProfile(db, actor, requested));
    other = {
      person: { id: profile.person.id, firstName: profile.person.firstName, lastName: profile.person.lastName },
      access: profile.access,
      rounds,
    };
  }
  return { ownPersonId: actor.personId, own, team, isLeader, other };
}

const StartSchema = z.object({ personId: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "read:person:own");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent !== "start") throw new Response("Unbekannte Aktion", { status: 400 });
  const parsed = StartSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("Person fehlt", { status: 400 });
  try {
    const round = await startRound(db, actor, { personId: parsed.data.personId });
    return redirect(`/einschaetzungen/${round.id}`);
  } catch (error) {
    return data(domainFailure(intent, error, formData), { status: 400 });
  }
}

type RoundRow = { id: string; status: string; createdAt: Date | string; dueAt: Date | string | null; position: { title: string } | null; _count: { items: number } };

function RoundsTable({ rounds, caption }: { rounds: RoundRow[]; caption: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="kern-table-responsive">
      <table className="kern-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__header">
          <tr>
            <th scope="col">{t("assessment.started")}</th>
            <th scope="col">{t("assessment.position")}</th>
            <th scope="col">{t("assessment.competencies")}</th>
            <th scope="col">{t("assessment.status")}</th>
            <th scope="col">{t("assessment.open")}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rounds.map((r) => (
            <tr key={r.id}>
              <td>{formatDate(r.createdAt, locale)}</td>
              <td>{r.position?.title ?? "–"}</td>
              <td>{r._count.items}</td>
              <td>
                <RoundStatusBadge status={r.status} />
              </td>
              <td>
                <Link className="kern-link" to={`/einschaetzungen/${r.id}`}>
                  {t("assessment.openRound", { date: formatDate(r.createdAt, locale) })}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StartForm({ personId, label, failure }: { personId: string; label: string; failure?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="form-stack">
      <input type="hidden" name="intent" value="start" />
      <input type="hidden" name="personId" value={personId} />
      {failure ? <Alert tone="danger" title={t(failure, { defaultValue: failure })} /> : null}
      <button className="kern-btn kern-btn--primary" type="submit">
        <span className="kern-label">{label}</span>
      </button>
    </Form>
  );
}

export default function AssessmentsPage() {
  const { ownPersonId, own, team, isLeader, other } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const failedFor = actionData && !actionData.ok ? actionData.values.personId : undefined;
  const failure = actionData && !actionData.ok ? actionData.formError : undefined;
  const ownActive = own?.find((r) => ACTIVE.includes(r.status));
  const otherActive = other?.rounds.find((r) => ACTIVE.includes(r.status));
  const otherName = other ? `${other.person.firstName} ${other.person.lastName}` : "";
  return (
    <>
      <PageHeader title={t("assessment.listTitle")} intro={t("assessment.listIntro")} />

      {other ? (
        <section className="panel" aria-labelledby="person-rounds">
          <h2 id="person-rounds" className="kern-heading-medium">
            {t("assessment.personRounds", { name: otherName })}
          </h2>
          <p>
            <Link className="kern-link" to={`/personen/${other.person.id}`}>
              {t("assessment.backToPerson", { name: otherName })}
            </Link>
          </p>
          {other.rounds.length ? (
            <RoundsTable rounds={other.rounds} caption={t("assessment.personRounds", { name: otherName })} />
          ) : (
            <p>{other.access === "team" ? t("assessment.personEmpty") : t("assessment.personEmptyHr")}</p>
          )}
          {otherActive ? (
            <p>
              {t("assessment.activeExists")}{" "}
              <Link className="kern-link" to={`/einschaetzungen/${otherActive.id}`}>
                {t("assessment.openActive")}
              </Link>
            </p>
          ) : (
            <StartForm personId={other.person.id} label={t("assessment.startForPerson")} failure={failedFor === other.person.id ? failure : undefined} />
          )}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="own-rounds">
        <h2 id="own-rounds" className="kern-heading-medium">
          {t("assessment.mine")}
        </h2>
        {own === null ? (
          <p>{t("assessment.mineNoPerson")}</p>
        ) : (
          <>
            {own.length ? <RoundsTable rounds={own} caption={t("assessment.mine")} /> : <p>{t("assessment.mineEmpty")}</p>}
            {ownActive ? (
              <p>
                {t("assessment.activeExists")}{" "}
                <Link className="kern-link" to={`/einschaetzungen/${ownActive.id}`}>
                  {t("assessment.openActive")}
                </Link>
              </p>
            ) : (
              <>
                <p className="muted">{t("assessment.startSelfHint")}</p>
                <StartForm personId={ownPersonId ?? ""} label={t("assessment.startSelf")} failure={failedFor === ownPersonId ? failure : undefined} />
              </>
            )}
          </>
        )}
      </section>

      {isLeader ? (
        <section className="panel" aria-labelledby="team-rounds">
          <h2 id="team-rounds" className="kern-heading-medium">
            {t("assessment.team")}
          </h2>
          {team.length ? (
            <div className="kern-table-responsive">
              <table className="kern-table">
                <caption className="kern-sr-only">{t("assessment.team")}</caption>
                <thead className="kern-table__header">
                  <tr>
                    <th scope="col">{t("assessment.person")}</th>
                    <th scope="col">{t("assessment.started")}</th>
                    <th scope="col">{t("assessment.due")}</th>
                    <th scope="col">{t("assessment.status")}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {team.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link className="kern-link" to={`/einschaetzungen/${r.id}`}>
                          {r.person.firstName} {r.person.lastName}
                        </Link>
                      </td>
                      <td>{formatDate(r.createdAt, locale)}</td>
                      <td>{formatDate(r.dueAt, locale)}</td>
                      <td>
                        <RoundStatusBadge status={r.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>
              {t("assessment.teamEmpty")}{" "}
              <Link className="kern-link" to="/team">
                {t("assessment.teamLink")}
              </Link>
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
