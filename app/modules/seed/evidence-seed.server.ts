// Evidence part of the demo seed, so "Meine Nachweise" and "Nachweise prüfen" show something on
// first start. Small real files (a one-page PDF from pdfkit, a small PNG) go to the file store
// (UPLOAD_DIR); the rows point to them by their random keys. What it writes, relative to today:
// - the demo employee (Miriam Schäfer): one PENDING certificate for a competency of her
//   position (no level record, so her agreed levels stay current) and one REJECTED attendance
//   confirmation with the leader's reason;
// - three other people in the demo leader's team (Amt 32 and below): two PENDING, one ACCEPTED
//   three weeks ago by the demo leader with its level record (source EVIDENCE).
import { recordLevels } from "~/modules/assessment/level-records.server.ts";
import PDFDocument from "pdfkit";
import { deflateSync } from "node:zlib";
import type { Db } from "~/utils/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { effectiveRequirements } from "~/modules/competency/profiles.server.ts";
import { deleteStoredFile, safeFileName, saveDocument, type FileStore } from "~/modules/files/file-store.server.ts";

const DAY = 86_400_000;

export interface EvidenceSeedOptions {
  store: FileStore;
  /** The demo employee. */
  employee: string;
  /** The people in the demo leader's units (without the leader). */
  team: string[];
  /** The demo leader's account, who decided on the decided items. */
  leaderUserId: string;
  today?: Date;
}

/** A one-page certificate as a PDF (standard fonts, so no font files are needed). */
export function certificatePdf({ title, person, lines, date }: { title: string; person: string; lines: string[]; date: Date }): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", margin: 64, info: { Title: title, Author: "Lernreise (Demo)", Creator: "Lernreise" }, lang: "de-DE" });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  doc.font("Helvetica").fontSize(10).fillColor("#555555").text("Demo-Dokument – Stadtverwaltung Beispielstadt");
  doc.moveDown(3);
  doc.font("Helvetica-Bold").fontSize(24).fillColor("black").text(title, { align: "center" });
  doc.moveDown(1.5);
  doc.font("Helvetica").fontSize(13).text("ausgestellt für", { align: "center" });
  doc.font("Helvetica-Bold").fontSize(16).text(person, { align: "center" });
  doc.moveDown(1.5);
  doc.font("Helvetica").fontSize(12);
  for (const line of lines) doc.text(line, { align: "center" }).moveDown(0.4);
  doc.moveDown(2);
  doc.fontSize(11).text(`Beispielstadt, ${new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(date)}`, { align: "center" });
  doc.end();
  return done;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A small PNG that looks like a photographed certificate: paper, frame, seal and text lines. */
export function certificatePng(width = 320, height = 220): Uint8Array {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x++) {
      let rgb = [247, 243, 230]; // paper
      const frame = x < 10 || y < 10 || x >= width - 10 || y >= height - 10;
      const line = y > 50 && y < 150 && (y - 50) % 20 < 4 && x > 40 && x < width - (y < 70 ? 40 : 90);
      const title = y > 24 && y < 38 && x > 70 && x < width - 70;
      const seal = (x - (width - 60)) ** 2 + (y - (height - 50)) ** 2 < 22 ** 2;
      if (frame) rgb = [0, 75, 118];
      else if (seal) rgb = [180, 40, 40];
      else if (title) rgb = [40, 40, 40];
      else if (line) rgb = [110, 110, 110];
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bit, truecolour, deflate, no filter method, no interlace
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(Buffer.concat(rows))), pngChunk("IEND", new Uint8Array())]),
  );
}

interface Candidate {
  id: string;
  firstName: string;
  lastName: string;
  requirements: { competencyId: string; code: string; name: string; lineageId: string; targetLevel: number; maxLevel: number }[];
}

async function candidates(db: Db, ids: string[], today: Date): Promise<Candidate[]> {
  const people = await db.person.findMany({
    where: { id: { in: ids }, status: "ACTIVE" },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    select: {
      id: true,
      firstName: true,
      lastName: true,
      assignments: {
        where: { startDate: { lte: today }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
        orderBy: [{ isPrimary: "desc" }, { fte: "desc" }, { startDate: "desc" }],
        take: 1,
        select: { position: { select: { profile: { select: { id: true } } } } },
      },
    },
  });
  const out: Candidate[] = [];
  for (const p of people) {
    const profileId = p.assignments[0]?.position.profile?.id;
    if (!profileId) continue;
    const { rows } = await effectiveRequirements(db, profileId);
    if (rows.length < 2) continue;
    out.push({
      id: p.id,
      firstName: p.firstName,
      lastName: p.lastName,
      requirements: rows.map((r) => ({ competencyId: r.competency.id, code: r.competency.code, name: r.competency.name, lineageId: r.competency.lineageId, targetLevel: r.targetLevel, maxLevel: r.competency.framework.scale.levels.length })),
    });
  }
  return out;
}

export async function seedEvidence(db: Db, options: EvidenceSeedOptions) {
  const today = options.today ?? new Date();
  const daysAgo = (n: number) => new Date(today.getTime() - n * DAY);
  const [employee] = await candidates(db, [options.employee], today);
  // Three others from the team, spread over the alphabet so they are not all on one page.
  const others = (await candidates(db, options.team.filter((id) => id !== options.employee), today)).filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 3)) === 0).slice(0, 3);
  if (!employee || others.length < 3) return { items: 0, records: 0 };

  const pick = (c: Candidate, code: string | null, index: number) => c.requirements.find((r) => r.code === code) ?? c.requirements[index % c.requirements.length]!;
  const name = (c: Candidate) => `${c.firstName} ${c.lastName}`;
  const claim = (r: Candidate["requirements"][number], plus: number) => Math.min(r.maxLevel, Math.max(1, r.targetLevel + plus));

  type Item = {
    person: Candidate;
    requirement: Candidate["requirements"][number];
    level: number;
    title: string;
    fileName: string;
    kind: "pdf" | "png";
    lines: string[];
    createdAt: Date;
    decision?: { status: "ACCEPTED" | "REJECTED"; at: Date; note: string };
  };
  const miriamCert = pick(employee, "DK.2", 0);
  const miriamWorkshop = pick(employee, "3.1", 1);
  const [a, b, c] = others as [Candidate, Candidate, Candidate];
  const aReq = pick(a, null, 0);
  const bReq = pick(b, null, 1);
  const cReq = pick(c, null, 0);
  const items: Item[] = [
    {
      person: employee,
      requirement: miriamCert,
      level: claim(miriamCert, 1),
      title: "Zertifikat E-Learning Datenschutz und Informationssicherheit",
      fileName: "Zertifikat_Datenschutz_Informationssicherheit.pdf",
      kind: "pdf",
      lines: ["hat das E-Learning „Datenschutz und Informationssicherheit in der Verwaltung“", "mit Abschlusstest (92 %) erfolgreich abgeschlossen.", `Kompetenz: ${miriamCert.code} ${miriamCert.name}`],
      createdAt: daysAgo(4),
    },
    {
      person: employee,
      requirement: miriamWorkshop,
      level: claim(miriamWorkshop, 2),
      title: "Teilnahmebestätigung Workshop Barrierefreie Dokumente",
      fileName: "Teilnahme_Workshop.png",
      kind: "png",
      lines: [],
      createdAt: daysAgo(30),
      decision: {
        status: "REJECTED",
        at: daysAgo(26),
        note: "Die Teilnahmebestätigung nennt weder Inhalte noch eine Prüfung und belegt die beanspruchte Stufe deshalb nicht. Bitte laden Sie das Zertifikat mit Kursinhalten hoch oder sprechen Sie die Stufe im nächsten Mitarbeitendengespräch an.",
      },
    },
    {
      person: a,
      requirement: aReq,
      level: claim(aReq, 1),
      title: `Fortbildungszertifikat „${aReq.name}“`,
      fileName: "Fortbildungszertifikat.pdf",
      kind: "pdf",
      lines: [`hat die zweitägige Fortbildung „${aReq.name}“ besucht`, "und die Lernerfolgskontrolle bestanden."],
      createdAt: daysAgo(9),
    },
    {
      person: b,
      requirement: bReq,
      level: claim(bReq, 1),
      title: `Foto der Teilnahmebescheinigung „${bReq.name}“`,
      fileName: "Teilnahmebescheinigung_Foto.png",
      kind: "png",
      lines: [],
      createdAt: daysAgo(2),
    },
    {
      person: c,
      requirement: cReq,
      level: claim(cReq, 0),
      title: `Zertifikat Qualifizierungsreihe „${cReq.name}“`,
      fileName: "Zertifikat_Qualifizierungsreihe.pdf",
      kind: "pdf",
      lines: [`hat die Qualifizierungsreihe „${cReq.name}“ (4 Module, 24 Unterrichtsstunden)`, "mit Praxisprojekt erfolgreich abgeschlossen."],
      createdAt: daysAgo(28),
      decision: { status: "ACCEPTED", at: daysAgo(21), note: "Praxisprojekt und Zertifikat belegen die Stufe." },
    },
  ];

  // Files first (outside the transaction); removed again if the rows cannot be written.
  const saved: Awaited<ReturnType<typeof saveDocument>>[] = [];
  try {
    for (const item of items) {
      const bytes = item.kind === "pdf" ? await certificatePdf({ title: item.title.replace(/ „.*“$/, ""), person: name(item.person), lines: item.lines, date: item.createdAt }) : certificatePng();
      saved.push(await saveDocument(options.store, bytes));
    }
    const records = await db.$transaction(async (tx) => {
      let records = 0;
      for (const [i, item] of items.entries()) {
        const file = saved[i]!;
        const evidence = await tx.evidence.create({
          data: {
            personId: item.person.id,
            competencyId: item.requirement.competencyId,
            level: item.level,
            title: item.title,
            fileName: safeFileName(item.fileName, file.ext),
            mimeType: file.mime,
            sizeBytes: file.sizeBytes,
            storageKey: file.key,
            status: item.decision?.status ?? "PENDING",
            decidedById: item.decision ? options.leaderUserId : null,
            decidedAt: item.decision?.at ?? null,
            decisionNote: item.decision?.note ?? "",
            createdAt: item.createdAt,
          },
        });
        if (item.decision?.status === "ACCEPTED") {
          await recordLevels(tx, [
            {
              personId: item.person.id,
              competencyId: item.requirement.competencyId,
              lineageId: item.requirement.lineageId,
              level: item.level,
              source: "EVIDENCE",
              recordedAt: item.decision.at,
              recordedById: options.leaderUserId,
              evidenceId: evidence.id,
              note: `Nachweis: ${item.title}`,
            },
          ]);
          records++;
        }
      }
      await recordAudit(tx, { actorUserId: null, action: "seed.evidence", entityType: "Evidence", summary: `${items.length} Nachweise mit Dateien angelegt` });
      return records;
    });
    return { items: items.length, records };
  } catch (error) {
    for (const file of saved) await deleteStoredFile(options.store, file.key);
    throw error;
  }
}
