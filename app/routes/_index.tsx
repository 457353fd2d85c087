import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getStartOverview } from "~/modules/org/dashboard.server.ts";
import { getStartEnrolment } from "~/modules/training/enrolment.server.ts";
import { nextJourneySteps } from "~/modules/journeys/journeys.server.ts";
import { JourneyStartCard } from "~/components/journey-start-card.tsx";
import { getTeamJourneyCounts } from "~/modules/journeys/team.server.ts";
import { TeamJourneysStartCard } from "~/components/journey-team-card.tsx";
import { EnrolmentStartCards } from "~/components/enrolment-controls.tsx";
import { ComplianceStartCard } from "~/components/requirement-list.tsx";
import { ComplianceOverallStartCard } from "~/components/compliance-overview-card.tsx";
import { TeamComplianceStartCard } from "~/components/compliance-cockpit.tsx";
import { requireActor } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { formatDate, formatNumber } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction = () => [{ title: "Start – Lernreise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const [overview, enrolment, journey, teamJourneys] = await Promise.all([
    getStartOverview(db, actor, { validityMonths: getEnv().LEVEL_VALIDITY_MONTHS }),
    getStartEnrolment(db, actor),
    nextJourneySteps(db, actor),
    getTeamJourneyCounts(db, actor),
  ]);
  return { ...overview, enrolment, journey, teamJourneys };
}

export default function StartPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <>
      <div className="page-header">
        <h1 className="kern-heading-large">{data.own ? t("start.greeting", { name: data.own.firstName }) : t("start.title")}</h1>
        <p className="kern-body">{t("start.intro")}</p>
      </div>
      <div className="cards">
        {data.own ? (
          <section className="panel" aria-labelledby="card-own">
            <h2 id="card-own" className="kern-heading-small">
              {t("start.own.title")}
            </h2>
            {data.own.positions.length ? (
              <ul>
                {data.own.positions.map((p) => (
                  <li key={p.code}>
                    {p.title} <span className="muted">({p.code})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("start.own.noPosition")}</p>
            )}
            {data.own.orgUnit ? (
              <p>
                {data.own.orgUnit.code} {data.own.orgUnit.name}
              </p>
            ) : null}
            <Link className="kern-link" to="/profil">
              {t("start.own.link")}
            </Link>
          </section>
        ) : null}
        {data.journey ? <JourneyStartCard card={data.journey} /> : null}
        <EnrolmentStartCards next={data.enrolment.next} pendingApprovals={data.enrolment.pendingApprovals} />
        {data.compliance ? <ComplianceStartCard summary={data.compliance} /> : null}
        {data.competencies ? (
          <section className="panel" aria-labelledby="card-competencies">
            <h2 id="card-competencies" className="kern-heading-small">
              {t("start.competencies.title")}
            </h2>
            {data.competencies.required ? (
              <>
                <p>
                  <Link className="kern-link" to="/kompetenzen">
                    <span className="stat">{n(data.competencies.essentialGaps)}</span> {t("start.competencies.essentialGaps", { count: data.competencies.essentialGaps })}
                  </Link>
                </p>
                <p>{t("start.competencies.summary", { withGap: data.competencies.withGap, required: data.competencies.required, notAssessed: data.competencies.notAssessed })}</p>
              </>
            ) : (
              <p>{t("start.competencies.none")}</p>
            )}
            <p>
              {data.competencies.activeRound ? (
                <Link className="kern-link" to={`/einschaetzungen/${data.competencies.activeRound.id}`}>
                  {t("start.competencies.activeRound", { status: t(`start.roundStatus.${data.competencies.activeRound.status}`) })}
                </Link>
              ) : (
                <Link className="kern-link" to="/einschaetzungen">
                  {t("start.competencies.startRound")}
                </Link>
              )}
            </p>
          </section>
        ) : null}
        {data.teamRoundCounts ? (
          <section className="panel" aria-labelledby="card-team-rounds">
            <h2 id="card-team-rounds" className="kern-heading-small">
              {t("start.teamRounds.title")}
            </h2>
            <p>
              <Link className="kern-link" to="/einschaetzungen">
                {t("start.teamRounds.summary", { open: data.teamRoundCounts.OPEN, self: data.teamRoundCounts.SELF_ASSESSED, leader: data.teamRoundCounts.LEADER_RATED })}
              </Link>
            </p>
            <p>
              <Link className="kern-link" to="/team/kompetenzen">
                {t("start.teamRounds.heatmap")}
              </Link>
            </p>
          </section>
        ) : null}
        {data.team ? (
          <section className="panel" aria-labelledby="card-team">
            <h2 id="card-team" className="kern-heading-small">
              {t("start.team.title")}
            </h2>
            <p>
              <Link className="kern-link" to="/team?status=ACTIVE">
                <span className="stat">{n(data.team.active)}</span> {t("start.team.active")}
              </Link>
            </p>
            <p>
              <Link className="kern-link" to="/team?status=ON_LEAVE">
                {t("start.team.onLeave", { count: data.team.onLeave, formatted: n(data.team.onLeave) })}
              </Link>
            </p>
            <p className="muted">{t("start.team.units", { units: data.team.units.map((u) => `${u.code} ${u.name}`).join(", ") })}</p>
          </section>
        ) : null}
        {data.complianceTeam ? <TeamComplianceStartCard card={data.complianceTeam} /> : null}
        {data.teamJourneys ? <TeamJourneysStartCard counts={data.teamJourneys} /> : null}
        {data.organisation ? (
          <section className="panel" aria-labelledby="card-org">
            <h2 id="card-org" className="kern-heading-small">
              {t("start.org.title")}
            </h2>
            <p>
              <Link className="kern-link" to="/personen">
                <span className="stat">{n(data.organisation.people)}</span> {t("start.org.people")}
              </Link>
            </p>
            <p>
              <Link className="kern-link" to="/organisation">
                {t("start.org.units", { units: n(data.organisation.units), positions: n(data.organisation.positions) })}
              </Link>
            </p>
            {data.organisation.unitsWithoutLeader > 0 ? (
              <p>{t("start.org.withoutLeader", { count: data.organisation.unitsWithoutLeader })}</p>
            ) : null}
          </section>
        ) : null}
        {data.reviews ? (
          <section className="panel" aria-labelledby="card-reviews">
            <h2 id="card-reviews" className="kern-heading-small">
              {t("start.reviews.title")}
            </h2>
            {data.reviews.frameworks.length + data.reviews.roleProfiles.length + data.reviews.positionCount === 0 ? <p>{t("start.reviews.none")}</p> : null}
            {data.reviews.frameworks.length ? (
              <ul>
                {data.reviews.frameworks.map((f) => (
                  <li key={f.id}>
                    <Link className="kern-link" to={`/kompetenzmodelle/${f.id}`}>
                      {f.name}
                    </Link>{" "}
                    – {formatDate(f.nextReviewAt, locale)}
                    {f.nextReviewAt && new Date(f.nextReviewAt) < new Date() ? <span className="kern-badge kern-badge--danger"> {t("review.overdue")}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {data.reviews.roleProfiles.length ? (
              <ul>
                {data.reviews.roleProfiles.map((r) => (
                  <li key={r.id}>
                    <Link className="kern-link" to={`/rollenprofile/${r.id}`}>
                      {r.name}
                    </Link>{" "}
                    – {formatDate(r.nextReviewAt, locale)}
                  </li>
                ))}
              </ul>
            ) : null}
            {data.reviews.overduePositions ? (
              <p>
                <Link className="kern-link" to="/stellenprofile?state=DUE">
                  {t("start.reviews.overduePositions", { count: data.reviews.overduePositions })}
                </Link>
              </p>
            ) : null}
            {data.reviews.positionCount > data.reviews.overduePositions ? (
              <p>{t("start.reviews.soonPositions", { count: data.reviews.positionCount - data.reviews.overduePositions })}</p>
            ) : null}
          </section>
        ) : null}
        {data.complianceOverall ? <ComplianceOverallStartCard card={data.complianceOverall} /> : null}
        {data.administration ? (
          <section className="panel" aria-labelledby="card-admin">
            <h2 id="card-admin" className="kern-heading-small">
              {t("start.admin.title")}
            </h2>
            <p>
              <Link className="kern-link" to="/admin/benutzer">
                <span className="stat">{n(data.administration.accounts)}</span> {t("start.admin.accounts")}
              </Link>
            </p>
            <p>
              <Link className="kern-link" to="/admin/audit?action=auth.login-failed">
                {t("start.admin.failedLogins", { count: data.administration.failedLogins })}
              </Link>
            </p>
          </section>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
