// Start page card "Meine Lernreise" for people with journeys: the next three open steps of their
// running journeys, due first.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { JourneyDue } from "./journey-list.tsx";

export interface JourneyStartCardData {
  journeyCount: number;
  steps: { id: string; title: string; dueOn: string | null; overdue: boolean; journeyId: string; journeyTitle: string }[];
}

export function JourneyStartCard({ card }: { card: JourneyStartCardData }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="card-journey">
      <h2 id="card-journey" className="kern-heading-small">
        {t("journeys.start.title")}
      </h2>
      {card.steps.length === 0 ? (
        <p>{t("journeys.start.noSteps")}</p>
      ) : (
        <ol>
          {card.steps.map((s) => (
            <li key={s.id}>
              <Link className="kern-link" to={`/lernreisen/${s.journeyId}#step-${s.id}`}>
                {t("journeys.start.step", { title: s.title, journey: s.journeyTitle })}
              </Link>{" "}
              – <JourneyDue dueOn={s.dueOn} overdue={s.overdue} />
            </li>
          ))}
        </ol>
      )}
      <Link className="kern-link" to="/lernreise">
        {t("journeys.start.open")}
      </Link>
    </section>
  );
}
