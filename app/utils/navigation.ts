import { hasPermission, type Role } from "~/modules/auth/permissions.ts";

export interface NavItem {
  to: string;
  labelKey: string;
}
export interface NavSection {
  headingKey: string;
  items: NavItem[];
}

/** Navigation by role (shared/docs/screens.md); only pages that exist are listed. */
export function navigationFor(roles: readonly Role[], hasPerson: boolean): NavSection[] {
  const sections: NavSection[] = [];
  if (hasPerson) {
    sections.push({
      headingKey: "nav.section.own",
      items: [
        { to: "/", labelKey: "nav.start" },
        { to: "/profil", labelKey: "nav.profile" },
        { to: "/kompetenzen", labelKey: "nav.myCompetencies" },
        { to: "/nachweise", labelKey: "evidence.nav.mine" },
        { to: "/einschaetzungen", labelKey: "nav.assessments" },
        { to: "/schulungen", labelKey: "catalogue.nav" },
        { to: "/anmeldungen", labelKey: "enrolment.nav.mine" },
        ...(hasPermission(roles, "read:compliance:own") ? [{ to: "/pflichtschulungen", labelKey: "compliance.nav.mine" }] : []),
        ...(hasPermission(roles, "read:journey:own") ? [{ to: "/lernreise", labelKey: "journeys.nav.mine" }] : []),
        ...(hasPermission(roles, "read:feedback:own") ? [{ to: "/feedback", labelKey: "feedback.nav.mine" }] : []),
        { to: "/kompetenzmodelle", labelKey: "nav.frameworks" },
        ...(hasPermission(roles, "read:notification:own") ? [{ to: "/benachrichtigungen", labelKey: "notifications.nav.inbox" }] : []),
      ],
    });
  } else {
    sections.push({
      headingKey: "nav.section.own",
      items: [
        { to: "/", labelKey: "nav.start" },
        { to: "/schulungen", labelKey: "catalogue.nav" },
        { to: "/kompetenzmodelle", labelKey: "nav.frameworks" },
      ],
    });
  }
  if (roles.includes("LEADER")) {
    sections.push({
      headingKey: "nav.section.leader",
      items: [
        { to: "/team", labelKey: "nav.team" },
        { to: "/team/kompetenzen", labelKey: "nav.teamCompetencies" },
        { to: "/pflichtschulungen/team", labelKey: "compliance.nav.team" },
        { to: "/lernreisen/team", labelKey: "journeys.nav.team" },
        { to: "/wirksamkeit/team", labelKey: "evaluation.nav.team" },
        { to: "/feedback/stufenvorschlaege", labelKey: "feedback.nav.levelProposals" },
        { to: "/freigaben", labelKey: "enrolment.nav.approvals" },
        { to: "/nachweise/pruefen", labelKey: "evidence.nav.review" },
      ],
    });
  }
  if (roles.includes("HR_DEVELOPMENT")) {
    sections.push({
      headingKey: "nav.section.hr",
      items: [
        { to: "/organisation", labelKey: "nav.org" },
        { to: "/personen", labelKey: "nav.people" },
        { to: "/stellenprofile", labelKey: "nav.positionProfiles" },
        { to: "/rollenprofile", labelKey: "nav.roleProfiles" },
        { to: "/auswertungen/kompetenzluecken", labelKey: "nav.orgGaps" },
        { to: "/pflichtschulungen/uebersicht", labelKey: "compliance.nav.overview" },
        { to: "/pflichtschulungen/regeln", labelKey: "compliance.nav.rules" },
        { to: "/lernreisen/uebersicht", labelKey: "journeys.nav.overview" },
        { to: "/lernreisen/vorlagen", labelKey: "journeyTemplates.nav.templates" },
        { to: "/wirksamkeit", labelKey: "evaluation.nav.reports" },
        { to: "/wirksamkeit/frageboegen", labelKey: "feedback.nav.questionnaires" },
        // Leaders who are also HR find it in their leader section already.
        ...(roles.includes("LEADER") ? [] : [{ to: "/freigaben", labelKey: "enrolment.nav.approvals" }, { to: "/nachweise/pruefen", labelKey: "evidence.nav.review" }]),
        // Uploaded training certificates are confirmed by HR development only.
        ...(hasPermission(roles, "update:completion:any") ? [{ to: "/nachweise/zertifikate-pruefen", labelKey: "completions.nav.review" }] : []),
      ],
    });
  }
  if (roles.includes("ADMIN")) {
    sections.push({
      headingKey: "nav.section.admin",
      items: [
        { to: "/admin/benutzer", labelKey: "nav.users" },
        { to: "/admin/audit", labelKey: "nav.audit" },
        { to: "/admin/postausgang", labelKey: "notifications.nav.outbox" },
      ],
    });
  }
  return sections;
}
