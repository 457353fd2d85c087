import { useTranslation } from "react-i18next";

export const ROUND_STEPS = ["OPEN", "SELF_ASSESSED", "LEADER_RATED", "AGREED"] as const;
export type RoundStatusValue = (typeof ROUND_STEPS)[number] | "CANCELLED";

const TONE: Record<string, string> = {
  OPEN: "kern-badge--info",
  SELF_ASSESSED: "kern-badge--warning",
  LEADER_RATED: "kern-badge--warning",
  AGREED: "kern-badge--success",
  CANCELLED: "round-badge--cancelled",
};

/** The status as text in a badge (the colour only repeats what the text says). */
export function RoundStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`kern-badge ${TONE[status] ?? ""}`}>{t(`assessment.statusLabel.${status}`, { defaultValue: status })}</span>;
}

/** The explicit states of a round as an ordered list; the current one has aria-current="step". */
export function RoundSteps({ status }: { status: string }) {
  const { t } = useTranslation();
  const cancelled = status === "CANCELLED";
  const currentIndex = ROUND_STEPS.indexOf(status as (typeof ROUND_STEPS)[number]);
  const steps: string[] = cancelled ? [...ROUND_STEPS, "CANCELLED"] : [...ROUND_STEPS];
  return (
    <ol className="round-steps" aria-label={t("assessment.steps")}>
      {steps.map((step, index) => {
        const current = step === status;
        const done = !cancelled && currentIndex > index;
        return (
          <li
            key={step}
            className={current ? "round-steps__item round-steps__item--current" : done ? "round-steps__item round-steps__item--done" : "round-steps__item"}
            aria-current={current ? "step" : undefined}
          >
            <span className="round-steps__label">{t(`assessment.statusLabel.${step}`)}</span>
            {current ? <span className="kern-sr-only"> ({t("assessment.stepCurrent")})</span> : done ? <span className="kern-sr-only"> ({t("assessment.stepDone")})</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
