// The German default questionnaires (issue 8): right after the training, and the transfer check for
// the participant and the leader. The texts are content (stored in the database, editable by HR), so
// they stay German in every UI language; the UI chrome around them is translated.
//
// Item keys with a meaning in reports (see /work/notes conventions and evaluation reports):
// "recommendation" (NPS), "applied" (SINGLE yes|partly|no), "frequency" (SINGLE), "example" (TEXT),
// "support" (SCALE5), "barriers" (MULTI), "best" and "improve" (TEXT). Other items have key "".
//
// This module is pure apart from `ensureDefaultQuestionnaires`, which only takes a transaction
// client as a parameter, so routes may import the constants.
import type { Tx } from "~/utils/db.server.ts";

export const FEEDBACK_KINDS = ["IMMEDIATE", "TRANSFER_PARTICIPANT", "TRANSFER_LEADER"] as const;
export type FeedbackKindName = (typeof FEEDBACK_KINDS)[number];

export const ITEM_TYPES = ["SCALE5", "NPS", "SINGLE", "MULTI", "TEXT"] as const;
export type ItemTypeName = (typeof ITEM_TYPES)[number];

export const EVALUATION_LEVELS = ["REACTION", "LEARNING", "TRANSFER"] as const;
export type EvaluationLevelName = (typeof EVALUATION_LEVELS)[number];

/** Item keys that reports give a meaning to. */
export const MEANINGFUL_KEYS = [
  "recommendation",
  "applied",
  "frequency",
  "example",
  "support",
  "barriers",
  "best",
  "improve",
] as const;

export type ItemOption = { value: string; label: string };

export type DefaultItem = {
  key: string;
  type: ItemTypeName;
  level: EvaluationLevelName;
  text: string;
  options: ItemOption[];
  required: boolean;
};

export type DefaultQuestionnaire = {
  code: string;
  kind: FeedbackKindName;
  title: string;
  description: string;
  learningGain: boolean;
  items: DefaultItem[];
};

export const DEFAULT_CODES = {
  IMMEDIATE: "DEFAULT_IMMEDIATE",
  TRANSFER_PARTICIPANT: "DEFAULT_TRANSFER_PARTICIPANT",
  TRANSFER_LEADER: "DEFAULT_TRANSFER_LEADER",
} as const satisfies Record<FeedbackKindName, string>;

export function isDefaultCode(code: string): boolean {
  return (Object.values(DEFAULT_CODES) as string[]).includes(code);
}

export const APPLIED_OPTIONS: ItemOption[] = [
  { value: "yes", label: "Ja" },
  { value: "partly", label: "Teilweise" },
  { value: "no", label: "Nein" },
];

export const FREQUENCY_OPTIONS: ItemOption[] = [
  { value: "daily", label: "Täglich" },
  { value: "weekly", label: "Wöchentlich" },
  { value: "monthly", label: "Monatlich" },
  { value: "rarely", label: "Seltener" },
  { value: "never", label: "Gar nicht" },
];

export const BARRIER_OPTIONS: ItemOption[] = [
  { value: "no_time", label: "Keine Zeit" },
  { value: "technology", label: "Fehlende Technik/Software" },
  { value: "no_support", label: "Fehlende Unterstützung" },
  { value: "no_fit", label: "Inhalte passen nicht zur Aufgabe" },
  { value: "no_opportunity", label: "Noch keine Gelegenheit" },
  { value: "other", label: "Sonstiges" },
];

const scale = (text: string, level: EvaluationLevelName, key = ""): DefaultItem => ({
  key,
  type: "SCALE5",
  level,
  text,
  options: [],
  required: true,
});

const freeText = (text: string, level: EvaluationLevelName, key: string): DefaultItem => ({
  key,
  type: "TEXT",
  level,
  text,
  options: [],
  required: false,
});

export const DEFAULT_IMMEDIATE: DefaultQuestionnaire = {
  code: DEFAULT_CODES.IMMEDIATE,
  kind: "IMMEDIATE",
  title: "Feedback direkt nach der Schulung",
  description:
    "Ihre Rückmeldung ist anonym: Sie wird ohne Bezug zu Ihrer Person gespeichert und nur zusammengefasst ausgewertet.",
  learningGain: true,
  items: [
    scale("Die Inhalte sind für meine Arbeit relevant.", "REACTION"),
    scale("Die Schulung war für mich nützlich.", "REACTION"),
    scale("Die Trainerin bzw. der Trainer hat die Inhalte verständlich vermittelt.", "REACTION"),
    scale("Die Unterlagen und Materialien waren hilfreich.", "REACTION"),
    scale("Die Organisation (Anmeldung, Raum bzw. Technik, Zeitplan) hat gut funktioniert.", "REACTION"),
    scale("Ich habe Neues gelernt bzw. kann es jetzt besser.", "LEARNING"),
    scale("Ich habe vor, das Gelernte in meiner Arbeit anzuwenden.", "TRANSFER"),
    {
      key: "recommendation",
      type: "NPS",
      level: "REACTION",
      text: "Wie wahrscheinlich ist es, dass Sie diese Schulung Kolleginnen und Kollegen empfehlen? (0 = sehr unwahrscheinlich, 10 = sehr wahrscheinlich)",
      options: [],
      required: true,
    },
    freeText("Was war am besten?", "REACTION", "best"),
    freeText("Was sollten wir verbessern?", "REACTION", "improve"),
  ],
};

export const DEFAULT_TRANSFER_PARTICIPANT: DefaultQuestionnaire = {
  code: DEFAULT_CODES.TRANSFER_PARTICIPANT,
  kind: "TRANSFER_PARTICIPANT",
  title: "Transfercheck für Teilnehmende",
  description:
    "Einige Wochen nach der Schulung: Konnten Sie das Gelernte in Ihrer Arbeit anwenden? Ihre Antworten sind anonym.",
  learningGain: false,
  items: [
    {
      key: "applied",
      type: "SINGLE",
      level: "TRANSFER",
      text: "Haben Sie das Gelernte in Ihrer Arbeit angewendet?",
      options: APPLIED_OPTIONS,
      required: true,
    },
    {
      key: "frequency",
      type: "SINGLE",
      level: "TRANSFER",
      text: "Wie oft wenden Sie das Gelernte an?",
      options: FREQUENCY_OPTIONS,
      required: false,
    },
    freeText("Nennen Sie ein konkretes Beispiel, bei dem Sie das Gelernte genutzt haben.", "TRANSFER", "example"),
    {
      ...scale("Meine Führungskraft und mein Team unterstützen mich dabei, das Gelernte anzuwenden.", "TRANSFER", "support"),
      required: false,
    },
    {
      key: "barriers",
      type: "MULTI",
      level: "TRANSFER",
      text: "Was hat die Anwendung erschwert? (Mehrfachauswahl möglich)",
      options: BARRIER_OPTIONS,
      required: false,
    },
  ],
};

export const DEFAULT_TRANSFER_LEADER: DefaultQuestionnaire = {
  code: DEFAULT_CODES.TRANSFER_LEADER,
  kind: "TRANSFER_LEADER",
  title: "Transfercheck für Führungskräfte",
  description:
    "Einige Wochen nach der Schulung Ihrer Mitarbeiterin bzw. Ihres Mitarbeiters: Ihre Einschätzung der Anwendung im Arbeitsalltag. Ihre Antworten sind anonym.",
  learningGain: false,
  items: [
    {
      key: "applied",
      type: "SINGLE",
      level: "TRANSFER",
      text: "Wendet Ihre Mitarbeiterin bzw. Ihr Mitarbeiter das Gelernte in der Arbeit an?",
      options: APPLIED_OPTIONS,
      required: true,
    },
    {
      key: "frequency",
      type: "SINGLE",
      level: "TRANSFER",
      text: "Wie oft beobachten Sie die Anwendung?",
      options: FREQUENCY_OPTIONS,
      required: false,
    },
    freeText("Beschreiben Sie ein Beispiel, bei dem Sie die Anwendung beobachtet haben.", "TRANSFER", "example"),
    {
      ...scale("Ich habe die Anwendung des Gelernten unterstützt (z. B. mit Zeit, passenden Aufgaben, Austausch im Team).", "TRANSFER", "support"),
      required: false,
    },
    {
      key: "barriers",
      type: "MULTI",
      level: "TRANSFER",
      text: "Was hat die Anwendung erschwert? (Mehrfachauswahl möglich)",
      options: BARRIER_OPTIONS,
      required: false,
    },
  ],
};

export const DEFAULT_QUESTIONNAIRES: readonly DefaultQuestionnaire[] = [
  DEFAULT_IMMEDIATE,
  DEFAULT_TRANSFER_PARTICIPANT,
  DEFAULT_TRANSFER_LEADER,
];

export type DefaultQuestionnaireIds = Record<FeedbackKindName, string>;

/**
 * Creates the default questionnaires that are missing (matched by code, so it is idempotent and
 * leaves HR's edits of existing defaults alone) and returns their ids by kind. Cheap when they
 * exist (one indexed query), so callers may run it lazily, e.g. before creating feedback requests.
 */
export async function ensureDefaultQuestionnaires(tx: Tx): Promise<DefaultQuestionnaireIds> {
  const codes = DEFAULT_QUESTIONNAIRES.map((q) => q.code);
  const existing = await tx.questionnaire.findMany({
    where: { code: { in: codes } },
    select: { id: true, code: true },
  });
  const idByCode = new Map(existing.map((q) => [q.code, q.id]));
  for (const def of DEFAULT_QUESTIONNAIRES) {
    if (idByCode.has(def.code)) continue;
    const created = await tx.questionnaire.create({
      data: {
        code: def.code,
        title: def.title,
        description: def.description,
        kind: def.kind,
        learningGain: def.learningGain,
        items: {
          create: def.items.map((item, position) => ({
            position,
            key: item.key,
            type: item.type,
            level: item.level,
            text: item.text,
            options: JSON.stringify(item.options),
            required: item.required,
          })),
        },
      },
      select: { id: true },
    });
    idByCode.set(def.code, created.id);
  }
  return {
    IMMEDIATE: idByCode.get(DEFAULT_CODES.IMMEDIATE)!,
    TRANSFER_PARTICIPANT: idByCode.get(DEFAULT_CODES.TRANSFER_PARTICIPANT)!,
    TRANSFER_LEADER: idByCode.get(DEFAULT_CODES.TRANSFER_LEADER)!,
  };
}
