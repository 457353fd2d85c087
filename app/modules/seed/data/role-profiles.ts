// Reusable role profiles of the demo administration and the position-specific rows that some
// demo positions add to, override in, or exclude from their role profile.
import { DIGCOMP_FRAMEWORK } from "./digcomp.ts";
import { MUNICIPAL_FRAMEWORK } from "./municipal-model.ts";

export type Importance = "ESSENTIAL" | "IMPORTANT" | "DESIRABLE";

/** A competency by framework key and code (codes are unique within one framework). */
export interface CompetencyRef {
  framework: string;
  code: string;
}
export interface SeedRequirement extends CompetencyRef {
  targetLevel: number;
  importance: Importance;
}

const dc = (code: string, targetLevel: number, importance: Importance): SeedRequirement => ({ framework: DIGCOMP_FRAMEWORK.key, code, targetLevel, importance });
const km = (code: string, targetLevel: number, importance: Importance): SeedRequirement => ({ framework: MUNICIPAL_FRAMEWORK.key, code, targetLevel, importance });

export const LEADER_PROFILE = "Führungskraft als Treiber der Transformation";
export const CLERK_PROFILE = "Sachbearbeitung";
export const PILOT_PROFILE = "Digitalisierungslots*in";
export const IT_PROFILE = "IT-Fachkraft";

export interface SeedRoleProfile {
  name: string;
  description: string;
  /** Days from the seed date to the next review. */
  reviewInDays: number;
  requirements: SeedRequirement[];
}

export const ROLE_PROFILES: SeedRoleProfile[] = [
  {
    name: LEADER_PROFILE,
    description:
      "Das gemeinsame Bild der Führungskraft in der Stadtverwaltung Beispielstadt: Führungskräfte gestalten den Wandel, befähigen ihre Mitarbeitenden und treiben die digitale Transformation voran. Gilt für alle Stellen mit Führungsverantwortung.",
    reviewInDays: 75,
    requirements: [
      km("FüK.1", 3, "ESSENTIAL"),
      km("FüK.2", 3, "ESSENTIAL"),
      km("FüK.3", 3, "ESSENTIAL"),
      km("FüK.4", 3, "ESSENTIAL"),
      km("FüK.5", 3, "IMPORTANT"),
      km("SeK.2", 3, "IMPORTANT"),
      dc("2.4", 4, "IMPORTANT"),
      dc("5.4", 4, "DESIRABLE"),
    ],
  },
  {
    name: CLERK_PROFILE,
    description: "Grundprofil für Stellen der Sachbearbeitung: rechtssichere, bürgerorientierte Bearbeitung der Fachaufgaben mit den digitalen Fachverfahren.",
    reviewInDays: 160,
    requirements: [
      km("FK.1", 3, "ESSENTIAL"),
      km("FK.2", 3, "ESSENTIAL"),
      km("SK.3", 2, "IMPORTANT"),
      km("DK.1", 2, "ESSENTIAL"),
      km("DK.2", 2, "ESSENTIAL"),
      dc("3.1", 3, "DESIRABLE"),
    ],
  },
  {
    name: PILOT_PROFILE,
    description:
      "Digitalisierungslots*innen begleiten mit einem festen Zeitanteil die Digitalisierungsprojekte ihrer Einheit, erkennen Bedarfe und unterstützen Kolleginnen und Kollegen beim Umgang mit neuen digitalen Lösungen.",
    reviewInDays: 20,
    requirements: [
      dc("5.2", 5, "ESSENTIAL"),
      dc("2.4", 5, "ESSENTIAL"),
      dc("5.3", 4, "IMPORTANT"),
      dc("5.4", 5, "IMPORTANT"),
      dc("1.3", 4, "IMPORTANT"),
      km("DK.4", 3, "ESSENTIAL"),
    ],
  },
  {
    name: IT_PROFILE,
    description: "Profil für Stellen im Amt für Informationstechnik: sicherer Betrieb, Betreuung und Weiterentwicklung der IT und der Fachanwendungen.",
    reviewInDays: 220,
    requirements: [dc("4.1", 6, "ESSENTIAL"), dc("5.1", 6, "ESSENTIAL"), dc("4.2", 5, "ESSENTIAL"), dc("3.4", 5, "IMPORTANT"), km("MK.3", 2, "DESIRABLE")],
  },
];

export interface SeedPosition {
  id: string;
  code: string;
  title: string;
  isLeadership: boolean;
  /** Code of the position's org unit, e.g. "32.2". */
  unitCode: string;
}

const inAmt = (unitCode: string, amt: string) => unitCode === amt || unitCode.startsWith(`${amt}.`);

/** Which role profile a demo position uses. */
export function roleProfileFor(p: SeedPosition): string {
  if (p.isLeadership) return LEADER_PROFILE;
  if (inAmt(p.unitCode, "12")) return IT_PROFILE;
  if (p.unitCode === "OE" || p.unitCode === "10.3") return PILOT_PROFILE;
  return CLERK_PROFILE;
}

export interface SeedPositionRequirement extends SeedRequirement {
  excluded?: boolean;
}

/**
 * Position-specific rows for some positions: additions (Kämmerei, social work), an override of
 * an inherited row (Bürgerbüro: service orientation at level 3 instead of 2) and an exclusion
 * (Einsatz und Rettungsdienst: no requirement to create digital content).
 */
export function positionRequirementsFor(p: SeedPosition, roleProfile: string): SeedPositionRequirement[] {
  if (roleProfile !== CLERK_PROFILE) return [];
  if (inAmt(p.unitCode, "20") && p.title.startsWith("Sachbearbeitung")) return [km("FK.3", 3, "ESSENTIAL")];
  if (p.title === "Sozialarbeit" || p.title === "Sozialpädagogik ASD") return [km("SK.4", 3, "ESSENTIAL"), km("SeK.4", 3, "IMPORTANT")];
  if (p.unitCode === "32.2" && p.title === "Sachbearbeitung Bürgerservice") return [km("SK.3", 3, "ESSENTIAL")];
  if (p.unitCode === "37.1") return [{ ...dc("3.1", 3, "DESIRABLE"), excluded: true }];
  return [];
}
