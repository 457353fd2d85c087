import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changePosition, endAbsence, getPersonAdministration, recordAbsence, recordExit, removeFlag, setFlag } from "~/modules/compliance/life-events.server.ts";
import { ABSENCE_KINDS } from "~/modules/compliance/life-events.ts";
import { PERSON_FLAGS } from "~/modules/compliance/audience.ts";
import { requireUserWithPermission } from "~/utils/auth.server.ts";
import { db } from "~/utils/db.server.ts";
import { run } from "~/utils/http.server.ts";
import { domainFailure } from "~/utils/form-result.ts";
import { formatDate } from "~/utils/i18n.ts";
import { useLocale } from "~/utils/use-root-data.ts";
import { Alert, Field } from "~/components/forms.tsx";
import { TextAreaField } from "~/components/text-area.tsx";
import { ChoiceField, PersonBreadcrumb, SubmitButton } from "~/components/life-event-fields.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Personalverwaltung: ${data.person.firstName} ${data.person.lastName} – Lernreise` : "Personalverwaltung – Lernreise" },
];

/** HR development only; the module checks again and audits the read. `q` searches positions. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:lifeevent:any");
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const page = await run(() => getPersonAdministration(db, actor, params.personId ?? "", { q }));
  return { ...page, q };
}

const SAVED = {
  position: "lifeEvents.saved.position",
  absence: "lifeEvents.saved.absence",
  "absence-end": "lifeEvents.saved.absenceEnd",
  exit: "lifeEvents.saved.exit",
  "flag-set": "lifeEvents.saved.flagSet",
  "flag-remove": "lifeEvents.saved.flagRemove",
} as const;
type Intent = keyof typeof SAVED;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:lifeevent:any");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!(intent in SAVED)) throw new Response("Unbekannte Aktion", { status: 400 });
  const input = { ...Object.fromEntries(formData), personId: params.personId ?? "" };
  const write = { position: changePosition, absence: recordAbsence, "absence-end": endAbsence, exit: recordExit, "flag-set": setFlag, "flag-remove": removeFlag }[intent as Intent];
  try {
    await write(db, actor, input);
    return { ok: true as const, intent, message: SAVED[intent as Intent], at: Date.now() };
  } catch (error) {
    return data(domainFailure(intent, error, formData), { status: 400 });
  }
}

export default function PersonAdministrationPage() {
  const { person, current, assignments, absences, flags, positions, morePositions, q, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = actionData && !actionData.ok ? actionData : null;
  const errorsOf = (intent: string) => (failure?.intent === intent ? failure.fieldErrors : {});
  const valuesOf = (intent: string) => (failure?.intent === intent ? failure.values : {});
  // After a successful save the forms start empty again.
  const formKey = actionData?.ok ? String(actionData.at) : "form";
  const name = `${person.firstName} ${person.lastName}`;
  const left = person.status === "LEFT";
  const history = assignments.filter((a) => a.id !== current?.id);

  const positionErrors = errorsOf("position");
  const positionValues = valuesOf("position");
  const absenceErrors = errorsOf("absence");
  const absenceValues = valuesOf("absence");
  const endErrors = errorsOf("absence-end");
  const endValues = valuesOf("absence-end");
  const exitErrors = errorsOf("exit");
  const exitValues = valuesOf("exit");
  const flagErrors = errorsOf("flag-set");
  const flagValues = valuesOf("flag-set");

  return (
    <>
      <PersonBreadcrumb person={person} current={t("lifeEvents.admin.title")} />
      <div className="page-header">
        <h1 className="kern-heading-large">{t("lifeEvents.admin.titleOf", { name })}</h1>
        <p className="kern-body">{t("lifeEvents.admin.intro")}</p>
      </div>
      {actionData?.ok ? <Alert tone="success" title={t(actionData.message)} /> : null}
      {failure?.formError ? <Alert tone="danger" title={t(failure.formError, { defaultValue: failure.formError })} /> : null}

      <section className="panel" aria-labelledby="le-position">
        <h2 id="le-position" className="kern-heading-medium">
          {t("lifeEvents.position.title")}
        </h2>
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("lifeEvents.admin.personnelNumber")}</dt>
            <dd className="kern-description-list-item__value">{person.personnelNumber}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("lifeEvents.admin.status")}</dt>
            <dd className="kern-description-list-item__value">{t(`lifeEvents.admin.statusValue.${person.status}`)}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("lifeEvents.admin.entry")}</dt>
            <dd className="kern-description-list-item__value">{formatDate(person.entryOn, locale)}</dd>
          </div>
          {person.exitOn ? (
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("lifeEvents.admin.exit")}</dt>
              <dd className="kern-description-list-item__value">{formatDate(person.exitOn, locale)}</dd>
            </div>
          ) : null}
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("lifeEvents.position.position")}</dt>
            <dd className="kern-description-list-item__value">
              {current ? `${current.position.code} ${current.position.title} (${t("lifeEvents.position.since")} ${formatDate(current.startOn, locale)})` : t("lifeEvents.position.none")}
            </dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("lifeEvents.position.unit")}</dt>
            <dd className="kern-description-list-item__value">{current ? `${current.position.orgUnit.code} ${current.position.orgUnit.name}` : person.orgUnit ? `${person.orgUnit.code} ${person.orgUnit.name}` : "–"}</dd>
          </div>
        </dl>
        {history.length > 0 ? (
          <div className="kern-table-responsive">
            <h3 className="kern-heading-small">{t("lifeEvents.position.history")}</h3>
            <table className="kern-table">
              <caption className="kern-sr-only">{t("lifeEvents.position.history")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("lifeEvents.position.position")}</th>
                  <th scope="col">{t("lifeEvents.position.unit")}</th>
                  <th scope="col">{t("lifeEvents.position.from")}</th>
                  <th scope="col">{t("lifeEvents.position.until")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {history.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {a.position.code} {a.position.title}
                      {a.isPrimary ? null : <span className="muted"> ({t("lifeEvents.position.secondary")})</span>}
                    </th>
                    <td>
                      {a.position.orgUnit.code} {a.position.orgUnit.name}
                    </td>
                    <td>{formatDate(a.startOn, locale)}</td>
                    <td>{a.endOn ? formatDate(a.endOn, locale) : t("lifeEvents.position.open")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {left ? null : (
        <section className="panel" aria-labelledby="le-change">
          <h2 id="le-change" className="kern-heading-medium">
            {t("lifeEvents.position.changeTitle")}
          </h2>
          <p className="kern-body">{t("lifeEvents.position.changeIntro")}</p>
          <Form method="get" className="filters" role="search" aria-label={t("lifeEvents.position.searchLabel")}>
            <Field label={t("lifeEvents.position.search")} hint={t("lifeEvents.position.searchHint")} inputProps={{ id: "q", name: "q", type: "search", defaultValue: q }} />
            <SubmitButton tone="secondary">{t("lifeEvents.position.searchButton")}</SubmitButton>
          </Form>
          <p className="kern-body result-count" role="status">
            {positions.length === 0
              ? t("lifeEvents.position.noneFound")
              : morePositions
                ? t("lifeEvents.position.more", { count: positions.length })
                : t("lifeEvents.position.found", { count: positions.length })}
          </p>
          <Form method="post" key={`position-${formKey}`}>
            <input type="hidden" name="intent" value="position" />
            <ChoiceField
              label={t("lifeEvents.position.newPosition")}
              errors={positionErrors.positionId}
              options={[{ value: "", label: t("lifeEvents.position.choose") }, ...positions.map((p) => ({ value: p.id, label: `${p.code} ${p.title} – ${p.unitCode} ${p.unitName}` }))]}
              selectProps={{ id: "positionId", name: "positionId", defaultValue: positionValues.positionId ?? "" }}
            />
            <Field
              label={t("lifeEvents.position.startOn")}
              hint={t("lifeEvents.position.startHint")}
              errors={positionErrors.startOn}
              inputProps={{ id: "startOn", name: "startOn", type: "date", max: today, defaultValue: positionValues.startOn ?? today }}
            />
            <SubmitButton>{t("lifeEvents.position.submit")}</SubmitButton>
          </Form>
        </section>
      )}

      <section className="panel" aria-labelledby="le-absences">
        <h2 id="le-absences" className="kern-heading-medium">
          {t("lifeEvents.absence.title")}
        </h2>
        <p className="kern-body">{t("lifeEvents.absence.intro")}</p>
        {absences.length === 0 ? (
          <p className="kern-body muted">{t("lifeEvents.absence.empty")}</p>
        ) : (
          <div className="kern-table-responsive">
            <table className="kern-table">
              <caption className="kern-sr-only">{t("lifeEvents.absence.title")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("lifeEvents.absence.kind")}</th>
                  <th scope="col">{t("lifeEvents.absence.startOn")}</th>
                  <th scope="col">{t("lifeEvents.absence.endOn")}</th>
                  <th scope="col">{t("lifeEvents.absence.note")}</th>
                  <th scope="col">{t("lifeEvents.absence.actions")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {absences.map((a) => {
                  const mine = endValues.absenceId === a.id;
                  const fieldId = `endOn-${a.id}`;
                  return (
                    <tr key={a.id}>
                      <th scope="row">
                        {t(`lifeEvents.absence.kinds.${a.kind}`)}
                        {a.running ? <span className="muted"> ({t("lifeEvents.absence.running")})</span> : null}
                      </th>
                      <td>{formatDate(a.startOn, locale)}</td>
                      <td>{a.endOn ? formatDate(a.endOn, locale) : t("lifeEvents.absence.openEnd")}</td>
                      <td>{a.note || <span className="muted">–</span>}</td>
                      <td>
                        {left ? null : (
                          <Form method="post" className="inline-form" key={`end-${a.id}-${formKey}`}>
                            <input type="hidden" name="intent" value="absence-end" />
                            <input type="hidden" name="absenceId" value={a.id} />
                            <Field
                              label={t("lifeEvents.absence.setEndFor", { date: formatDate(a.startOn, locale) })}
                              errors={mine ? endErrors.endOn : undefined}
                              inputProps={{ id: fieldId, name: "endOn", type: "date", min: a.startOn, defaultValue: mine ? endValues.endOn : (a.endOn ?? "") }}
                            />
                            <SubmitButton tone="secondary" size="x-small">
                              {t("lifeEvents.absence.setEnd")}
                            </SubmitButton>
                          </Form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {left ? null : (
          <Form method="post" key={`absence-${formKey}`}>
            <h3 className="kern-heading-small">{t("lifeEvents.absence.recordTitle")}</h3>
            <input type="hidden" name="intent" value="absence" />
            <ChoiceField
              label={t("lifeEvents.absence.kind")}
              errors={absenceErrors.kind}
              options={[{ value: "", label: t("lifeEvents.position.choose") }, ...ABSENCE_KINDS.map((k) => ({ value: k, label: t(`lifeEvents.absence.kinds.${k}`) }))]}
              selectProps={{ id: "kind", name: "kind", defaultValue: absenceValues.kind ?? "" }}
            />
            <Field label={t("lifeEvents.absence.startOn")} errors={absenceErrors.startOn} inputProps={{ id: "absenceStart", name: "startOn", type: "date", defaultValue: absenceValues.startOn ?? "" }} />
            <Field
              label={t("lifeEvents.absence.endOn")}
              hint={t("lifeEvents.absence.endHint")}
              errors={absenceErrors.endOn}
              inputProps={{ id: "absenceEnd", name: "endOn", type: "date", defaultValue: absenceValues.endOn ?? "" }}
            />
            <TextAreaField id="absenceNote" name="note" label={t("lifeEvents.absence.note")} hint={t("lifeEvents.absence.noteHint")} errors={absenceErrors.note} defaultValue={absenceValues.note ?? ""} rows={2} />
            <SubmitButton>{t("lifeEvents.absence.submit")}</SubmitButton>
          </Form>
        )}
      </section>

      <section className="panel" aria-labelledby="le-flags">
        <h2 id="le-flags" className="kern-heading-medium">
          {t("lifeEvents.flags.title")}
        </h2>
        <p className="kern-body">{t("lifeEvents.flags.intro")}</p>
        {flags.length === 0 ? (
          <p className="kern-body muted">{t("lifeEvents.flags.empty")}</p>
        ) : (
          <div className="kern-table-responsive">
            <table className="kern-table">
              <caption className="kern-sr-only">{t("lifeEvents.flags.title")}</caption>
              <thead className="kern-table__header">
                <tr>
                  <th scope="col">{t("lifeEvents.flags.flag")}</th>
                  <th scope="col">{t("lifeEvents.flags.since")}</th>
                  <th scope="col">{t("lifeEvents.flags.actions")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {flags.map((f) => (
                  <tr key={f.flag}>
                    <th scope="row">{t(`compliance.flags.${f.flag}`, { defaultValue: f.flag })}</th>
                    <td>{formatDate(f.since, locale)}</td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="flag-remove" />
                        <input type="hidden" name="flag" value={f.flag} />
                        <SubmitButton tone="tertiary" size="x-small">
                          {t("lifeEvents.flags.remove")}
                          <span className="kern-sr-only"> {t(`compliance.flags.${f.flag}`, { defaultValue: f.flag })}</span>
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {left ? null : (
          <Form method="post" key={`flag-${formKey}`}>
            <h3 className="kern-heading-small">{t("lifeEvents.flags.setTitle")}</h3>
            <input type="hidden" name="intent" value="flag-set" />
            <ChoiceField
              label={t("lifeEvents.flags.flag")}
              hint={t("lifeEvents.flags.setHint")}
              errors={flagErrors.flag}
              options={[{ value: "", label: t("lifeEvents.position.choose") }, ...PERSON_FLAGS.map((f) => ({ value: f, label: t(`compliance.flags.${f}`, { defaultValue: f }) }))]}
              selectProps={{ id: "flag", name: "flag", defaultValue: flagValues.flag ?? "" }}
            />
            <Field label={t("lifeEvents.flags.since")} errors={flagErrors.since} inputProps={{ id: "flagSince", name: "since", type: "date", defaultValue: flagValues.since ?? today }} />
            <SubmitButton>{t("lifeEvents.flags.submit")}</SubmitButton>
          </Form>
        )}
      </section>

      <section className="panel" aria-labelledby="le-exit">
        <h2 id="le-exit" className="kern-heading-medium">
          {t("lifeEvents.exit.title")}
        </h2>
        <p className="kern-body">{t("lifeEvents.exit.intro")}</p>
        {person.exitOn ? <p className="kern-body">{t("lifeEvents.exit.recorded", { date: formatDate(person.exitOn, locale) })}</p> : null}
        {left ? null : (
          <Form method="post" key={`exit-${formKey}`}>
            <input type="hidden" name="intent" value="exit" />
            <Field label={t("lifeEvents.exit.exitOn")} errors={exitErrors.exitOn} inputProps={{ id: "exitOn", name: "exitOn", type: "date", defaultValue: exitValues.exitOn ?? person.exitOn ?? "" }} />
            <SubmitButton>{t("lifeEvents.exit.submit")}</SubmitButton>
          </Form>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
