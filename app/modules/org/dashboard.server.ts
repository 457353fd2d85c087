import type { Db } from "~/utils/db.server.ts";
import { hasPermission, type Actor } from "~/modules/auth/permissions.ts";
import { personInSubtrees } from "./org.server.ts";
import { listDueReviews } from "~/modules/competency/profiles.server.ts";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { listOpenRoundsOfTeam } from "~/modules/assessment/rounds.server.ts";
import { countOwnRequirements } from "~/modules/compliance/requirements.server.ts";
import { getComplianceOverallCard } from "~/modules/compliance/overview.server.ts";
import { getComplianceStartCard } from "~/modules/compliance/cockpit.server.ts";

/** The figures of the start page, each limited to what the actor's roles allow. */
export async function getStartOverview(db: Db, actor: Actor, { validityMonths }: { validityMonths: number }) {
  const now = new Date();
  const own = actor.personId
    ? await db.person.findUnique({
        where: { id: actor.personId },
        select: {
          id: true,
          firstName: true,
          orgUnit: { select: { code: true, name: true } },
          assignments: {
            where: { startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] },
            select: { position: { select: { title: true, code: true } } },
          },
        },
      })
    : null;

  const team =
    hasPermission(actor.roles, "read:person:team") && actor.ledUnitPaths.length
      ? await (async () => {
          const inTeam = await personInSubtrees(db, actor.ledUnitPaths);
          const notSelf = actor.personId ? { id: { not: actor.personId } } : {};
          const [active, onLeave, units] = await Promise.all([
            db.person.count({ where: { AND: [inTeam, notSelf, { status: "ACTIVE" }] } }),
            db.person.count({ where: { AND: [inTeam, notSelf, { status: "ON_LEAVE" }] } }),
            db.orgUnit.findMany({ where: { id: { in: actor.ledUnitIds } }, select: { id: true, code: true, name: true } }),
          ]);
          return { active, onLeave, units };
        })()
      : null;

  const organisation = hasPermission(actor.roles, "read:person:any")
    ? await (async () => {
        const [people, units, positions, unitsWithoutLeader] = await Promise.all([
          db.person.count({ where: { status: { in: ["ACTIVE", "ON_LEAVE"] } } }),
          db.orgUnit.count(),
          db.position.count(),
          db.orgUnit.count({ where: { leaderId: null } }),
        ]);
        return { people, units, positions, unitsWithoutLeader };
      })()
    : null;

  const administration = actor.roles.includes("ADMIN")
    ? await (async () => {
        const since = new Date(now.getTime() - 24 * 3_600_000);
        const [accounts, failedLogins] = await Promise.all([
          db.user.count(),
          db.loginAttempt.count({ where: { success: false, createdAt: { gte: since } } }),
        ]);
        return { accounts, failedLogins };
      })()
    : null;

  const competencies = actor.personId && hasPermission(actor.roles, "read:person:own")
    ? await (async () => {
        const gaps = await getPersonGaps(db, actor, actor.personId!, { validityMonths });
        const activeRound = await db.assessmentRound.findFirst({
          where: { personId: actor.personId!, status: { in: ["OPEN", "SELF_ASSESSED", "LEADER_RATED"] } },
          select: { id: true, status: true },
        });
        return {
          required: gaps.rows.length,
          withGap: gaps.rows.filter((r) => r.gap > 0).length,
          essentialGaps: gaps.essentialGaps,
          notAssessed: gaps.rows.filter((r) => !r.current).length,
          activeRound,
        };
      })()
    : null;
  const teamRounds = hasPermission(actor.roles, "read:person:team") && actor.ledUnitPaths.length ? await listOpenRoundsOfTeam(db, actor) : null;
  const teamRoundCounts = teamRounds
    ? { OPEN: teamRounds.filter((r) => r.status === "OPEN").length, SELF_ASSESSED: teamRounds.filter((r) => r.status === "SELF_ASSESSED").length, LEADER_RATED: teamRounds.filter((r) => r.status === "LEADER_RATED").length }
    : null;

  const reviews = hasPermission(actor.roles, "update:profile:any") ? await listDueReviews(db, actor, { withinDays: 30, take: 5 }) : null;

  // "Meine Pflichtschulungen": counts by status of the actor's own requirements.
  const compliance = await countOwnRequirements(db, actor);
  // "Compliance gesamt": rate per Dezernat (HR development only).
  const complianceOverall = await getComplianceOverallCard(db, actor);
  // "Pflichtschulungen im Team": rate per rule, overdue and due within 30 days (leaders only).
  const complianceTeam = await getComplianceStartCard(db, actor);

  return {
    competencies,
    compliance,
    complianceOverall,
    complianceTeam,
    teamRoundCounts,
    reviews,
    own: own
      ? { firstName: own.firstName, orgUnit: own.orgUnit, positions: own.assignments.map((a) => a.position) }
      : null,
    team,
    organisation,
    administration,
  };
}
