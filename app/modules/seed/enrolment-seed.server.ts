// Enrolments of the demo administration, written after the training catalogue seed (which gives
// future sessions confirmed places of ordinary staff): what the demo leader's team and the demo
// employee show on "Meine Anmeldungen", "Freigaben", the session pages and the start page.
//
// - pending requests in the demo leader's team, one of them the demo employee's (with a note);
// - confirmed places of the demo employee and her colleagues (some decided by the leader);
// - a full session (KI-02) with a waiting list in order: two colleagues, then the demo employee;
// - cancelled and declined examples (with reason and comment);
// - past sessions with confirmed places, which a later completions seed can turn into records.
//
// Seat counters stay equal to the confirmed enrolments: every confirmed place added here goes
// through the same guarded counter update as the app (never above capacity). No notifications
// are written (the notification seed holds the demo inbox); one audit event sums up the seed.
import type { Tx } from "~/utils/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { activeKeyOf, takeSeat } from "~/modules/training/enrolment.server.ts";

export interface EnrolmentSeedOptions {
  /** The demo employee (32.2) and the demo leader (Amt 32) as person ids. */
  employeeId: string;
  leaderUserId: string;
  employeeUserId: string;
  hrUserId: string;
  /** Active people in the demo leader's team (without the leader and the employee), in a fixed order. */
  team: string[];
  now?: Date;
}

type Status = "REQUESTED" | "WAITLISTED" | "CONFIRMED" | "DECLINED" | "CANCELLED";

interface Plan {
  /** Training code and the index of the session among its sessions by start (0 = earliest). */
  code: string;
  session: number;
  /** "employee" or the n-th person of the team. */
  who: "employee" | number;
  status: Status;
  note?: string;
  decision?: string;
  cancelReason?: string;
  /** Who asked: the person (default), their leader or HR. */
  by?: "self" | "leader" | "hr";
  /** Days before now the request was made (orders the waiting list). */
  daysAgo: number;
}

const PLANS: Plan[] = [
  // Pending requests in the team (Freigaben of the demo leader).
  { code: "PZ-01", session: 1, who: "employee", status: "REQUESTED", note: "Wir stellen im Bürgerbüro Abläufe auf Online-Anträge um; ich möchte dabei mitarbeiten.", daysAgo: 2 },
  { code: "AG-02", session: 0, who: 0, status: "REQUESTED", note: "Unser Team will ein Kanban-Board ausprobieren.", daysAgo: 4 },
  { code: "VR-01", session: 1, who: 1, status: "REQUESTED", daysAgo: 1 },
  { code: "BS-02", session: 1, who: 2, status: "REQUESTED", note: "Nach mehreren schwierigen Gesprächen am Schalter.", daysAgo: 6 },
  // Confirmed places.
  { code: "EA-02", session: 0, who: "employee", status: "CONFIRMED", note: "Für die Umstellung auf die E-Akte im Bürgerbüro.", decision: "Gern, passt zu unserem Zeitplan.", daysAgo: 12 },
  { code: "OF-01", session: 0, who: "employee", status: "CONFIRMED", daysAgo: 9 },
  { code: "BS-03", session: 0, who: 3, status: "CONFIRMED", by: "leader", daysAgo: 15 },
  { code: "AS-02", session: 1, who: 4, status: "CONFIRMED", decision: "Wir brauchen eine zweite Brandschutzhelferin im Haus.", daysAgo: 20 },
  { code: "OF-01", session: 0, who: 5, status: "CONFIRMED", daysAgo: 8 },
  // A full session with a waiting list (positions 1, 2, 3 in this order).
  { code: "KI-02", session: 0, who: 6, status: "WAITLISTED", decision: "Freigegeben.", daysAgo: 10 },
  { code: "KI-02", session: 0, who: 7, status: "WAITLISTED", by: "leader", daysAgo: 7 },
  { code: "KI-02", session: 0, who: "employee", status: "WAITLISTED", decision: "Freigegeben, viel Erfolg.", daysAgo: 5 },
  // Cancelled and declined.
  { code: "AG-01", session: 1, who: 8, status: "CANCELLED", cancelReason: "Terminkollision mit der Haushaltsklausur.", daysAgo: 14 },
  { code: "SE-02", session: 0, who: "employee", status: "CANCELLED", cancelReason: "Urlaub", daysAgo: 11 },
  { code: "DL-01", session: 0, who: 9, status: "DECLINED", note: "Ich würde gern Lotse werden.", decision: "Bitte erst nach Abschluss des Projekts Terminvergabe; im nächsten Durchgang gern.", daysAgo: 18 },
  { code: "FÜ-02", session: 1, who: "employee", status: "DECLINED", note: "Ich vertrete ab und zu die Sachgebietsleitung.", decision: "Die Schulung richtet sich an neue Führungskräfte; für Vertretungen passt „Kollegiale Fallberatung“ besser.", daysAgo: 16 },
  // Past sessions with confirmed places (for attendance and completions).
  { code: "EA-01", session: 1, who: "employee", status: "CONFIRMED", daysAgo: 40 },
  { code: "EA-01", session: 1, who: 0, status: "CONFIRMED", daysAgo: 38 },
  { code: "EA-01", session: 1, who: 1, status: "CONFIRMED", daysAgo: 37 },
  { code: "KI-01", session: 0, who: "employee", status: "CONFIRMED", daysAgo: 30 },
  { code: "KI-01", session: 0, who: 2, status: "CONFIRMED", daysAgo: 29 },
  { code: "DS-02", session: 0, who: 3, status: "CONFIRMED", daysAgo: 45 },
  { code: "OF-02", session: 0, who: 4, status: "CONFIRMED", daysAgo: 25 },
  { code: "IS-02", session: 0, who: 5, status: "CONFIRMED", daysAgo: 50 },
];

const DAY = 86_400_000;

/** Writes the demo enrolments; returns counts per status. Sessions it needs must exist. */
export async function seedEnrolments(tx: Tx, options: EnrolmentSeedOptions) {
  const now = options.now ?? new Date();
  const codes = [...new Set(PLANS.map((p) => p.code))];
  const trainings = await tx.training.findMany({
    where: { code: { in: codes } },
    select: { id: true, code: true, sessions: { orderBy: [{ startsAt: "asc" }, { id: "asc" }], select: { id: true, startsAt: true, capacity: true, confirmedCount: true } } },
  });
  const byCode = new Map(trainings.map((t) => [t.code, t]));
  const counts: Record<Status, number> = { REQUESTED: 0, WAITLISTED: 0, CONFIRMED: 0, DECLINED: 0, CANCELLED: 0 };
  const rows: Prisma.EnrolmentCreateManyInput[] = [];
  const seats: string[] = [];
  for (const plan of PLANS) {
    const training = byCode.get(plan.code);
    const session = training?.sessions[plan.session];
    const personId = plan.who === "employee" ? options.employeeId : options.team[plan.who % Math.max(1, options.team.length)];
    if (!training || !session || !personId) continue;
    const at = new Date(Math.min(now.getTime(), session.startsAt.getTime()) - plan.daysAgo * DAY);
    const by = plan.by ?? "self";
    // Requests need an account; demo people without one are represented by the HR account (as
    // in the catalogue seed), the demo employee by her own.
    const requestedById = by === "leader" ? options.leaderUserId : by === "hr" ? options.hrUserId : personId === options.employeeId ? options.employeeUserId : options.hrUserId;
    const decided = plan.status !== "REQUESTED" && plan.status !== "CANCELLED" ? { decidedById: by === "hr" ? options.hrUserId : options.leaderUserId, decidedAt: new Date(at.getTime() + DAY / 2), decisionNote: plan.decision ?? "" } : {};
    const active = plan.status === "REQUESTED" || plan.status === "WAITLISTED" || plan.status === "CONFIRMED";
    if (plan.status === "CONFIRMED") seats.push(session.id);
    rows.push({
      personId,
      trainingId: training.id,
      sessionId: session.id,
      status: plan.status,
      activeKey: active ? activeKeyOf(personId, session.id) : null,
      waitlistedAt: plan.status === "WAITLISTED" ? new Date(at.getTime() + DAY / 2) : null,
      requestedById,
      requestNote: plan.note ?? "",
      ...decided,
      ...(plan.status === "CANCELLED" ? { cancelledById: requestedById, cancelledAt: new Date(at.getTime() + 2 * DAY), cancelReason: plan.cancelReason ?? "" } : {}),
      createdAt: at,
      updatedAt: at,
    });
    counts[plan.status]++;
  }
  // Seats first, through the guarded counter: a plan that would overbook fails loudly.
  for (const sessionId of seats) {
    if (!(await takeSeat(tx, sessionId))) throw new Error(`Seed: Termin ${sessionId} ist schon voll`);
  }
  await tx.enrolment.createMany({ data: rows });
  await recordAudit(tx, {
    actorUserId: options.hrUserId,
    action: "seed.enrolment",
    entityType: "Enrolment",
    summary: `${rows.length} Anmeldungen angelegt (${Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(", ")})`,
  });
  return { enrolments: rows.length, ...counts };
}
