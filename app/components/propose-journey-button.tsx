// "Lernreise vorschlagen": a small POST form to /lernreisen/vorschlagen (works without JavaScript).
// Without personId it proposes a journey for the signed-in person.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export const PROPOSE_JOURNEY_ACTION = "/lernreisen/vorschlagen";

export function ProposeJourneyButton({ personId }: { personId?: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction === PROPOSE_JOURNEY_ACTION;
  const hintId = personId ? `propose-journey-hint-${personId}` : "propose-journey-hint";
  return (
    <Form method="post" action={PROPOSE_JOURNEY_ACTION} className="propose-journey">
      {personId ? <input type="hidden" name="personId" value={personId} /> : null}
      <button type="submit" className="kern-btn kern-btn--secondary" aria-describedby={hintId} disabled={busy}>
        <span className="kern-label">{busy ? t("journeys.proposal.busy") : t("journeys.proposal.button")}</span>
      </button>
      <p id={hintId} className="kern-body muted">
        {t(personId ? "journeys.proposal.hintOther" : "journeys.proposal.hint")}
      </p>
    </Form>
  );
}
