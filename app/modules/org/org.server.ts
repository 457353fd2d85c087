import type { Db, Tx } from "~/utils/db.server.ts";
import { searchTerms } from "~/utils/query.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { AccessDeniedError, NotFoundError } from "~/modules/errors.ts";
import { hasPermission, pathInTeam, type Access, type Actor } from "~/modules/auth/permissions.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";

export const PAGE_SIZE = 25;
export type PersonStatus = "ACTIVE" | "ON_LEAVE" | "LEFT";

export function searchTextOf(p: { firstName: string; lastName: string; personnelNumber: string; email: string }) {
  return `${p.lastName} ${p.firstName} ${p.personnelNumber} ${p.email}`.toLowerCase();
}

/** Path of a child unit below a parent path ("/" for a root). */
export function childPath(parentPath: string | null, id: string) {
  return `${parentPath ?? "/"}${id}/`;
}

export function idsInPath(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/**
 * How the actor may see this person: "own", "team" or "any"; throws when not at all.
 * Row-level check used by every read of a person's data.
 */
export async function requirePersonAccess(tx: Tx, actor: Actor, personId: string): Promise<Access> {
  const person = await tx.person.findUnique({
    where: { id: personId },
    select: { id: true, orgUnit: { select: { path: true } } },
  });
  if (!person) throw new NotFoundError("Person nicht gefunden");
  if (person.id === actor.personId && hasPermission(actor.roles, "read:person:own")) return "own";
  if (hasPermission(actor.roles, "read:person:any")) return "any";
  if (hasPermission(actor.roles, "read:person:team") && pathInTeam(actor, person.orgUnit?.path)) return "team";
  throw new AccessDeniedError("Sie dürfen die Daten dieser Person nicht sehen.");
}

/** Leaders of a person, nearest first, derived from the org tree (unit leaders up to the root). */
export async function leadersOf(tx: Tx, person: { id: string; orgUnit: { path: string } | null }) {
  if (!person.orgUnit) return [];
  const ids = idsInPath(person.orgUnit.path);
  const units = await tx.orgUnit.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      code: true,
      depth: true,
      leader: { select: { id: true, firstName: true, lastName: true, email: true } },
      deputy: { select: { id: true, firstName: true, lastName: true, email: true } },
    },
  });
  return units
    .sort((a, b) => b.depth - a.depth)
    .filter((u) => u.leader && u.leader.id !== person.id)
    .map((u) => ({ unit: { id: u.id, name: u.name, code: u.code }, leader: u.leader!, deputy: u.deputy }));
}

/** Everything "Mein Profil" and the person page show. Logs the read when it is someone else's data. */
export async function getPersonProfile(db: Db, actor: Actor, personId: string) {
  return db.$transaction(async (tx) => {
    const access = await requirePersonAccess(tx, actor, personId);
    const now = new Date();
    const person = await tx.person.findUniqueOrThrow({
      where: { id: personId },
      include: {
        orgUnit: { select: { id: true, name: true, code: true, path: true, type: true } },
        assignments: {
          orderBy: [{ endDate: { sort: "asc", nulls: "first" } }, { startDate: "desc" }],
          include: { position: { include: { orgUnit: { select: { id: true, name: true, code: true } } } } },
        },
        leads: { select: { id: true, name: true, code: true } },
        deputyOf: { select: { id: true, name: true, code: true } },
      },
    });
    const current = person.assignments.filter((a) => a.startDate <= now && (!a.endDate || a.endDate >= now));
    const past = person.assignments.filter((a) => a.endDate && a.endDate < now);
    const future = person.assignments.filter((a) => a.startDate > now);
    const leaders = await leadersOf(tx, person);
    const breadcrumb = person.orgUnit
      ? (
          await tx.orgUnit.findMany({
            where: { id: { in: idsInPath(person.orgUnit.path) } },
            select: { id: true, name: true, code: true, depth: true },
          })
        ).sort((a, b) => a.depth - b.depth)
      : [];
    if (access !== "own") {
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: "person.read",
        entityType: "Person",
        entityId: person.id,
        affectedPersonId: person.id,
        summary: `Profil angesehen (Zugriff: ${access})`,
      });
    }
    const { searchText: _omit, ...visible } = person;
    return { access, person: visible, current, past, future, leaders, breadcrumb };
  });
}

export interface PeopleFilter {
  q?: string;
  unitId?: string;
  includeSubUnits?: boolean;
  positionId?: string;
  status?: PersonStatus | "CURRENT" | "ALL";
  page: number;
}

function statusWhere(status: PeopleFilter["status"]): Prisma.PersonWhereInput {
  if (!status || status === "CURRENT") return { status: { in: ["ACTIVE", "ON_LEAVE"] } };
  if (status === "ALL") return {};
  return { status };
}

async function pagedPeople(tx: Tx, where: Prisma.PersonWhereInput, page: number) {
  const [total, people] = await Promise.all([
    tx.person.count({ where }),
    tx.person.findMany({
      where,
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        personnelNumber: true,
        firstName: true,
        lastName: true,
        email: true,
        status: true,
        orgUnit: { select: { id: true, code: true, name: true } },
        assignments: {
          where: { isPrimary: true, endDate: null },
          take: 1,
          select: { position: { select: { id: true, title: true, code: true } } },
        },
      },
    }),
  ]);
  return {
    total,
    page,
    pageSize: PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    people: people.map(({ assignments, ...p }) => ({ ...p, position: assignments[0]?.position ?? null })),
  };
}

function textWhere(q: string | undefined): Prisma.PersonWhereInput {
  return { AND: searchTerms(q).map((term) => ({ searchText: { contains: term } })) };
}

/**
 * Ids of the units in the given subtrees. Filtering people by `orgUnitId IN (…)` uses the
 * person index directly; a join on the path prefix per person row was several times slower.
 */
export async function unitIdsInSubtrees(tx: Tx, paths: string[]) {
  if (paths.length === 0) return [];
  const units = await tx.orgUnit.findMany({ where: { OR: paths.map((p) => ({ path: { startsWith: p } })) }, select: { id: true } });
  return units.map((u) => u.id);
}

/** Above this many units, filtering by the id list would exceed the parameters a query may take. */
const MAX_UNIT_ID_LIST = 400;

/**
 * A Person filter for everyone in the given subtrees. Up to an Amt's size it filters by the unit
 * ids (index on Person.orgUnitId, the fastest); a large Dezernat has more units than a query may
 * take parameters (Prisma P2029 on SQLite), so there it joins the unit path instead.
 */
export async function personInSubtrees(tx: Tx, paths: string[]): Promise<Prisma.PersonWhereInput> {
  if (paths.length === 0) return { id: { in: [] } };
  const unitIds = await unitIdsInSubtrees(tx, paths);
  if (unitIds.length <= MAX_UNIT_ID_LIST) return { orgUnitId: { in: unitIds } };
  return { orgUnit: { OR: paths.map((p) => ({ path: { startsWith: p } })) } };
}

/** "Mein Team": everyone in the units the actor leads and below, except the actor. */
export async function listTeam(db: Db, actor: Actor, filter: Omit<PeopleFilter, "positionId">) {
  if (!hasPermission(actor.roles, "read:person:team") || actor.ledUnitPaths.length === 0) {
    throw new AccessDeniedError("Sie leiten keine Organisationseinheit.");
  }
  let paths = actor.ledUnitPaths;
  if (filter.unitId) {
    const unit = await db.orgUnit.findUnique({ where: { id: filter.unitId }, select: { path: true } });
    if (!unit) throw new NotFoundError("Organisationseinheit nicht gefunden");
    if (!pathInTeam(actor, unit.path)) throw new AccessDeniedError("Diese Einheit gehört nicht zu Ihrem Team.");
    paths = [unit.path];
  }
  const where: Prisma.PersonWhereInput = {
    AND: [
      await personInSubtrees(db, paths),
      actor.personId ? { id: { not: actor.personId } } : {},
      statusWhere(filter.status),
      textWhere(filter.q),
    ],
  };
  const units = await db.orgUnit.findMany({
    where: { OR: actor.ledUnitPaths.map((p) => ({ path: { startsWith: p } })) },
    select: { id: true, code: true, name: true, depth: true, path: true },
    orderBy: [{ path: "asc" }],
  });
  return { ...(await pagedPeople(db, where, filter.page)), units };
}

/** People list for HR development (access "any"). */
export async function listPeople(db: Db, actor: Actor, filter: PeopleFilter) {
  if (!hasPermission(actor.roles, "read:person:any")) throw new AccessDeniedError();
  const parts: Prisma.PersonWhereInput[] = [statusWhere(filter.status), textWhere(filter.q)];
  if (filter.unitId) {
    if (filter.includeSubUnits) {
      const unit = await db.orgUnit.findUnique({ where: { id: filter.unitId }, select: { path: true } });
      if (!unit) throw new NotFoundError("Organisationseinheit nicht gefunden");
      parts.push(await personInSubtrees(db, [unit.path]));
    } else {
      parts.push({ orgUnitId: filter.unitId });
    }
  }
  if (filter.positionId) {
    parts.push({ assignments: { some: { positionId: filter.positionId, endDate: null } } });
  }
  return pagedPeople(db, { AND: parts }, filter.page);
}

/** One level of the org tree with head counts (incl. sub-units), for browsing. */
export async function getOrgUnitLevel(db: Db, actor: Actor, unitId: string | null) {
  if (!hasPermission(actor.roles, "read:org:any")) throw new AccessDeniedError();
  const unit = unitId
    ? await db.orgUnit.findUnique({
        where: { id: unitId },
        include: {
          leader: { select: { id: true, firstName: true, lastName: true } },
          deputy: { select: { id: true, firstName: true, lastName: true } },
          positions: { select: { id: true, code: true, title: true, payGrade: true }, orderBy: { code: "asc" } },
        },
      })
    : null;
  if (unitId && !unit) throw new NotFoundError("Organisationseinheit nicht gefunden");
  const children = await db.orgUnit.findMany({
    where: { parentId: unit?.id ?? null },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: {
      id: true,
      code: true,
      name: true,
      type: true,
      path: true,
      leader: { select: { id: true, firstName: true, lastName: true } },
      _count: { select: { children: true } },
    },
  });
  const breadcrumb = unit
    ? (
        await db.orgUnit.findMany({
          where: { id: { in: idsInPath(unit.path) } },
          select: { id: true, code: true, name: true, depth: true },
        })
      ).sort((a, b) => a.depth - b.depth)
    : [];
  // Head counts per child subtree in one grouped query over the people's units.
  const counts = await headCountsBySubtree(
    db,
    children.map((c) => c.path),
  );
  const directCount = unit
    ? await db.person.count({ where: { orgUnitId: unit.id, status: { in: ["ACTIVE", "ON_LEAVE"] } } })
    : 0;
  return {
    unit,
    breadcrumb,
    directCount,
    children: children.map((c) => ({ ...c, headCount: counts.get(c.path) ?? 0 })),
  };
}

async function headCountsBySubtree(db: Db, paths: string[]) {
  const result = new Map<string, number>();
  if (paths.length === 0) return result;
  const grouped = await db.person.groupBy({
    by: ["orgUnitId"],
    where: {
      status: { in: ["ACTIVE", "ON_LEAVE"] },
      OR: paths.map((p) => ({ orgUnit: { path: { startsWith: p } } })),
    },
    _count: { _all: true },
  });
  const unitIds = grouped.map((g) => g.orgUnitId).filter((id): id is string => !!id);
  const units = await db.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, path: true } });
  const pathById = new Map(units.map((u) => [u.id, u.path]));
  for (const g of grouped) {
    const unitPath = g.orgUnitId ? pathById.get(g.orgUnitId) : undefined;
    if (!unitPath) continue;
    const top = paths.find((p) => unitPath.startsWith(p));
    if (top) result.set(top, (result.get(top) ?? 0) + g._count._all);
  }
  return result;
}

/** Options for filters: all units (code + name) and positions, ordered. */
export async function listOrgUnitOptions(db: Db) {
  return db.orgUnit.findMany({ select: { id: true, code: true, name: true, depth: true }, orderBy: { path: "asc" } });
}

export async function listPositionOptions(db: Db, q?: string) {
  return db.position.findMany({
    where: q ? { title: { contains: q } } : undefined,
    select: { id: true, code: true, title: true },
    orderBy: { code: "asc" },
    take: 500,
  });
}
