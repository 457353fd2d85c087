// The Anforderungsprofil of a position: page data and PDF, with the same row-level access as
// the position profile (own position, leader's team, HR development).
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server.ts";
import { loader as pageLoader } from "~/routes/stellenprofile.$positionId_.anforderungsprofil.tsx";
import { loader as pdfLoader } from "~/routes/stellenprofile.$positionId.anforderungsprofil[.]pdf.ts";
import { requirementProfileFileName } from "~/modules/competency/requirement-profile-pdf.server.ts";
import { createAccount, createScenario, requestAs } from "../factories.ts";

type Args = Parameters<typeof pageLoader>[0];
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as Args;
const unique = () => randomUUID().slice(0, 8);

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/** The text drawn in an uncompressed pdfkit PDF: standard fonts write hex strings in TJ arrays. */
function pdfText(pdf: Buffer) {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const [, array] of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join("");
    lines.push(Buffer.from(hex, "hex").toString("latin1"));
  }
  return lines.join("\n");
}

/** A published framework on a 4-level scale, one competency with descriptors, required of the position. */
async function createRequirement(positionId: string) {
  const scale = await db.proficiencyScale.create({
    data: {
      name: `Skala ${unique()}`,
      levels: { create: ["Grundlagen", "Anwendung", "Vertiefung", "Expertise"].map((label, i) => ({ ordinal: i + 1, label })) },
    },
  });
  const framework = await db.framework.create({
    data: {
      key: `fw-${unique()}`,
      version: 1,
      status: "PUBLISHED",
      publishedAt: new Date(),
      name: `Digitale Kompetenzen ${unique()}`,
      attribution: "Nach DigComp 2.2, © Europäische Union, CC BY 4.0",
      scaleId: scale.id,
    },
  });
  const lineageId = randomUUID();
  const competency = await db.competencyNode.create({
    data: {
      frameworkId: framework.id,
      kind: "COMPETENCY",
      code: "1.1",
      name: "Daten recherchieren und bewerten",
      lineageId,
      descriptors: {
        create: [
          { ordinal: 1, text: "Sucht mit Anleitung einfache Informationen." },
          { ordinal: 3, text: "Wählt Quellen selbständig aus und prüft ihre Glaubwürdigkeit." },
        ],
      },
    },
  });
  const second = await db.competencyNode.create({
    data: { frameworkId: framework.id, kind: "COMPETENCY", code: "2.4", name: "Zusammenarbeit über digitale Kanäle", lineageId: randomUUID() },
  });
  await db.positionProfile.create({
    data: {
      positionId,
      requirements: {
        create: [
          { competencyId: competency.id, targetLevel: 3, importance: "ESSENTIAL" },
          { competencyId: second.id, targetLevel: 2, importance: "DESIRABLE" },
        ],
      },
    },
  });
  return { framework, competency, second };
}

async function setup() {
  const s = await createScenario(db);
  await db.position.update({ where: { id: s.employee.position.id }, data: { payGrade: "E 9b", jobDescription: "Bearbeitung von Anträgen\nBeratung der Bürgerinnen und Bürger" } });
  const req = await createRequirement(s.employee.position.id);
  const outsiderUser = await createAccount(db, s.outsider);
  return { ...s, ...req, outsiderUser };
}

const pageUrl = (positionId: string) => `/stellenprofile/${positionId}/anforderungsprofil`;
const pdfUrl = (positionId: string) => `/stellenprofile/${positionId}/anforderungsprofil.pdf`;

describe("Anforderungsprofil page", () => {
  it("shows the employee the requirements of their own position, grouped by importance", async () => {
    const s = await setup();
    const positionId = s.employee.position.id;
    const { profile } = await pageLoader(args(await requestAs(s.employeeUser.id, pageUrl(positionId)), { positionId }));
    expect(profile.position).toMatchObject({ code: s.employee.position.code, payGrade: "E 9b" });
    expect(profile.position.jobDescription).toContain("\nBeratung");
    expect(profile.orgUnit.name).toBe("Abteilung A1");
    expect(profile.groups.map((g) => g.importance)).toEqual(["ESSENTIAL", "DESIRABLE"]);
    expect(profile.groups[0]!.rows[0]).toMatchObject({
      code: "1.1",
      name: "Daten recherchieren und bewerten",
      targetLevel: 3,
      level: "3 – Vertiefung",
      descriptor: "Wählt Quellen selbständig aus und prüft ihre Glaubwürdigkeit.",
    });
    expect(profile.groups[1]!.rows[0]).toMatchObject({ code: "2.4", level: "2 – Anwendung", descriptor: null });
    expect(profile.attributions).toEqual([{ framework: s.framework.name, text: "Nach DigComp 2.2, © Europäische Union, CC BY 4.0" }]);
    expect(profile.printedAt).toBeInstanceOf(Date);
  });

  it("gives an empty profile for a position without a Stellenprofil", async () => {
    const s = await setup();
    const positionId = s.colleague.position.id;
    const { profile } = await pageLoader(args(await requestAs(s.leaderUser.id, pageUrl(positionId)), { positionId }));
    expect(profile.groups).toEqual([]);
    expect(profile.attributions).toEqual([]);
  });

  it("allows the leader of the unit and HR development, refuses others", async () => {
    const s = await setup();
    const positionId = s.employee.position.id;
    const page = async (userId: string, id = positionId) => statusOf(pageLoader(args(await requestAs(userId, pageUrl(id)), { positionId: id })));
    expect(await page(s.leaderUser.id)).toBe(200);
    expect(await page(s.hrUser.id)).toBe(200);
    expect(await page(s.employeeUser.id, s.colleague.position.id)).toBe(403);
    expect(await page(s.outsiderUser.id)).toBe(403);
    expect(await page(s.adminUser.id)).toBe(403);
    expect(await page(s.employeeUser.id, "unbekannt")).toBe(404);
    expect(await statusOf(pageLoader(args(await requestAs(null, pageUrl(positionId)), { positionId })))).toBe(302);
  });
});

describe("Anforderungsprofil PDF", () => {
  it("sends the employee a PDF of their own position with the requirements", async () => {
    const s = await setup();
    const positionId = s.employee.position.id;
    const response = (await pdfLoader(args(await requestAs(s.employeeUser.id, pdfUrl(positionId)), { positionId }))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="Anforderungsprofil-${s.employee.position.code}.pdf"`);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Anforderungsprofil");
    expect(text).toContain("Daten recherchieren und bewerten");
    expect(text).toContain("Zielstufe: 3 – Vertiefung".replace("–", "\x96")); // WinAnsi en dash
    expect(text).toContain("Wählt Quellen selbständig aus");
    expect(text).toContain("Unverzichtbar");
    expect(text).toContain("Wünschenswert");
    expect(text).toContain("CC BY 4.0");
    expect(text).toContain("E 9b");
  });

  it("writes English headings for an English-speaking user", async () => {
    const s = await setup();
    const positionId = s.employee.position.id;
    const request = await requestAs(s.employeeUser.id, pdfUrl(positionId));
    request.headers.set("Cookie", `${request.headers.get("Cookie")}; lr_lang=en`);
    const response = (await pdfLoader(args(request, { positionId }))) as Response;
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain("Requirement profile");
    expect(text).toContain("Essential");
  });

  it("checks access like the page", async () => {
    const s = await setup();
    const positionId = s.employee.position.id;
    const pdf = async (userId: string, id = positionId) => statusOf(pdfLoader(args(await requestAs(userId, pdfUrl(id)), { positionId: id })));
    expect(await pdf(s.leaderUser.id)).toBe(200);
    expect(await pdf(s.employeeUser.id, s.colleague.position.id)).toBe(403);
    expect(await pdf(s.outsiderUser.id)).toBe(403);
    expect(await pdf(s.employeeUser.id, "unbekannt")).toBe(404);
  });

  it("makes an ASCII-safe file name", () => {
    expect(requirementProfileFileName("StA 32/Ü-1")).toBe("Anforderungsprofil-StA-32-U-1.pdf");
    expect(requirementProfileFileName("Straße 1")).toBe("Anforderungsprofil-Strasse-1.pdf");
    expect(requirementProfileFileName("ääß")).toBe("Anforderungsprofil-aass.pdf");
    expect(requirementProfileFileName("///")).toBe("Anforderungsprofil-Stelle.pdf");
  });
});
