import { randomUUID } from "node:crypto";
import type { Db } from "~/utils/db.server.ts";

export interface TemplateStepSpec {
  title: string;
  kind?: "TRAINING" | "ELEARNING" | "ON_THE_JOB" | "MENTORING" | "READING" | "REFLECTION";
  dueAmount: number;
  dueUnit?: "DAYS" | "WEEKS" | "MONTHS";
  trainingId?: string | null;
  url?: string;
}

/**
 * A journey template written directly (version 1 unless told otherwise). Default: two phases,
 * "Ankommen" (Tag 3, Woche 2) and "Vertiefen" (Monat 2).
 */
export async function createJourneyTemplate(
  db: Db,
  {
    title = `Vorlage ${randomUUID().slice(0, 6)}`,
    programme = "ONBOARDING" as "ONBOARDING" | "DIGITAL_PILOT" | "LEADERSHIP" | "OTHER",
    durationWeeks = 12,
    version = 1,
    phases = [
      { title: "Ankommen", steps: [{ title: "Begrüßung im Team", kind: "ON_THE_JOB", dueAmount: 3, dueUnit: "DAYS" }, { title: "Leitbild lesen", kind: "READING", dueAmount: 2, dueUnit: "WEEKS" }] },
      { title: "Vertiefen", steps: [{ title: "Reflexion nach zwei Monaten", kind: "REFLECTION", dueAmount: 2, dueUnit: "MONTHS" }] },
    ] as { title: string; steps: TemplateStepSpec[] }[],
  } = {},
) {
  const template = await db.journeyTemplate.create({
    data: { code: `T-${randomUUID().slice(0, 8)}`, title, programme, durationWeeks, version },
  });
  let position = 0;
  for (const [index, phase] of phases.entries()) {
    const p = await db.journeyTemplatePhase.create({ data: { templateId: template.id, position: index, title: phase.title } });
    for (const s of phase.steps) {
      await db.journeyTemplateStep.create({
        data: {
          templateId: template.id,
          phaseId: p.id,
          position: position++,
          kind: s.kind ?? "ON_THE_JOB",
          title: s.title,
          url: s.url ?? "",
          trainingId: s.trainingId ?? null,
          dueAmount: s.dueAmount,
          dueUnit: s.dueUnit ?? "WEEKS",
        },
      });
    }
  }
  return db.journeyTemplate.findUniqueOrThrow({
    where: { id: template.id },
    include: { phases: { orderBy: { position: "asc" } }, steps: { orderBy: { position: "asc" } } },
  });
}
