// The evidence part of the demo seed: pending, accepted and rejected items in the demo leader's
// team with real files in UPLOAD_DIR, the accepted one with its level record.
import path from "node:path";
import type { Db } from "~/utils/db.server.ts";
import { seedDemo } from "~/modules/seed/seed.server.ts";
import { DEMO_EMAILS } from "~/modules/seed/generator.ts";
import { detectDocumentType, fileStore, readStoredFile } from "~/modules/files/file-store.server.ts";
import { listEvidenceForReview, listOwnEvidence } from "~/modules/assessment/evidence.server.ts";
import { getPersonGaps } from "~/modules/assessment/gaps.server.ts";
import { actorFor } from "../factories.ts";
import { emptyDatabase } from "../setup/empty-database.ts";

let db: Db;
let drop: () => Promise<void>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ({ db, drop } = await emptyDatabase());
  seeded = await seedDemo(db);
}, 180_000);

afterAll(async () => {
  await drop?.();
});

const actorOf = async (email: string) => actorFor(db, (await db.user.findUniqueOrThrow({ where: { email } })).id);

describe("evidence seed", () => {
  it("writes pending, accepted and rejected evidence with real files in UPLOAD_DIR", async () => {
    const items = await db.evidence.findMany({ orderBy: { createdAt: "asc" } });
    expect(seeded.assessment.evidence).toBe(items.length);
    expect(items.map((i) => i.status).sort()).toEqual(["ACCEPTED", "PENDING", "PENDING", "PENDING", "REJECTED"]);
    expect(fileStore().dir).toBe(path.resolve(process.env.UPLOAD_DIR!));
    for (const item of items) {
      const bytes = await readStoredFile(fileStore(), item.storageKey);
      expect(bytes, item.title).not.toBeNull();
      expect(bytes!.byteLength).toBe(item.sizeBytes);
      expect((await detectDocumentType(new Uint8Array(bytes!)))?.mime).toBe(item.mimeType);
    }
    const accepted = items.find((i) => i.status === "ACCEPTED")!;
    const record = await db.competencyLevelRecord.findFirstOrThrow({ where: { evidenceId: accepted.id } });
    expect(record).toMatchObject({ personId: accepted.personId, competencyId: accepted.competencyId, level: accepted.level, source: "EVIDENCE", recordedAt: accepted.decidedAt });
    // Rounds, accepted evidence and completed trainings: every level record is counted.
    expect(seeded.assessment.records).toBe(await db.competencyLevelRecord.count());
    const rejected = items.find((i) => i.status === "REJECTED")!;
    expect(rejected.decisionNote.length).toBeGreaterThan(20);
  });

  it("gives the demo employee a pending and a rejected item, leaving her agreed levels current", async () => {
    const employee = await actorOf(DEMO_EMAILS.employee);
    const own = await listOwnEvidence(db, employee);
    expect(own.map((i) => i.status).sort()).toEqual(["PENDING", "REJECTED"]);
    const gaps = await getPersonGaps(db, employee, employee.personId!, { validityMonths: 24 });
    // Pending and rejected evidence never counts: her levels come from her agreement (or trainings).
    expect(gaps.rows.every((r) => r.current !== null && r.current.source !== "EVIDENCE")).toBe(true);
    expect(gaps.rows.some((r) => r.current?.source === "AGREED")).toBe(true);
  });

  it("puts three pending items in the demo leader's queue, including the demo employee's", async () => {
    const leader = await actorOf(DEMO_EMAILS.leader);
    const employee = await actorOf(DEMO_EMAILS.employee);
    const queue = await listEvidenceForReview(db, leader);
    expect(queue.items).toHaveLength(3);
    expect(queue.items.map((i) => i.person.id)).toContain(employee.personId);
    const hrQueue = await listEvidenceForReview(db, await actorOf(DEMO_EMAILS.hr));
    expect(hrQueue.items).toHaveLength(3);
  });
});
