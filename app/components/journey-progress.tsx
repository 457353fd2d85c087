// A journey's (or phase's) progress: a native <progress> with its value in words, so screen
// readers and people without colour perception get the same information.
import { useTranslation } from "react-i18next";

export interface ProgressView {
  done: number;
  total: number;
  skipped: number;
  percent: number;
}

export function JourneyProgress({ progress, label, id }: { progress: ProgressView; label: string; id: string }) {
  const { t } = useTranslation();
  const text = t("journeys.progress.text", { done: progress.done, total: progress.total, percent: progress.percent });
  return (
    <div className="journey-progress">
      <label htmlFor={id} className="kern-label">
        {label}
      </label>{" "}
      <progress id={id} max={100} value={progress.percent} aria-describedby={`${id}-text`}>
        {progress.percent} %
      </progress>{" "}
      <span id={`${id}-text`} className="kern-body">
        {text}
        {progress.skipped > 0 ? ` ${t("journeys.progress.skipped", { count: progress.skipped })}` : null}
      </span>
    </div>
  );
}
