import { Button } from "hds-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert, StatusMessage } from "../../../components/status-message";
import { formatDate, formatDateTime, formatNumber, locale } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { ApiError } from "../../../lib/problem";
import { useChangeVacancyStatus } from "../api/change-vacancy-status";
import { useClientNames } from "../api/get-client-names";
import { useEmployer } from "../api/get-employer";
import { useVacancy } from "../api/get-vacancy";
import { useCandidates } from "../api/list-candidates";
import { useIntroductions } from "../api/list-introductions";
import { useOffers } from "../api/list-offers";
import type { VacancyRead } from "../api/types";
import { IntroductionForm } from "./introduction-form";
import { OfferOnRequest } from "./offer-form";
import { IntroductionOutcomeForm, OfferOutcomeForm } from "./outcome-forms";
import { CLIENT_STAFF, clientLabel, type Me, useActedBy } from "./people";
import { ScoreExplanation } from "./score-explanation";
import { SupportForm } from "./support-form";
import { VacancyEdit, vacancyEditable } from "./vacancy-edit";
import { vacancyChanger, vacancyCreator, vacancyTitle } from "./vacancy-bits";

/** A language (ISO 639) by its name in the reader's language, the code when the browser does not know it. */
function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([locale(language)], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Staff who read clients by name at clients-api; employer services see candidates by their reference only. */
// Who clients-api tells the names behind candidates (``/v1/client-names``): staff, and employer services.
const READS_NAMES = [...CLIENT_STAFF, "employer_services"];

/**
 * One vacancy: its details and lifecycle, the matching candidates with the explanation of each score, and the
 * offers and introductions made for it with their outcomes. A coach offers the vacancy to a candidate, employer
 * services introduce one to the employer.
 */
export function VacancyPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { vacancyId = "" } = useParams();
  const vacancy = useVacancy(vacancyId);
  if (vacancy.isError) {
    return (
      <>
        <PageHeading title={t("employers.vacancyPage.title")}>{t("employers.vacancyPage.title")}</PageHeading>
        <ErrorAlert title={loadErrorMessage(t, vacancy.error)} />
        <Link to="/vacancies">{t("employers.vacancyPage.back")}</Link>
      </>
    );
  }
  if (!vacancy.data) return <p role="status">{t("employers.loading")}</p>;
  const data = vacancy.data;
  const title = vacancyTitle(data, i18n.language);
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Link to="/vacancies">{t("employers.vacancyPage.back")}</Link>
      <VacancyDetails vacancy={data} me={me} />
      <Candidates vacancy={data} me={me} />
      <Placements vacancy={data} me={me} />
    </>
  );
}

function VacancyDetails({ vacancy, me }: { vacancy: VacancyRead; me: Me }) {
  const { t, i18n } = useTranslation();
  const municipalities = useMunicipalityNames();
  const actedBy = useActedBy(me);
  const employer = useEmployer(vacancy.employer_id);
  const change = useChangeVacancyStatus();
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const runs = me.roles?.includes("employer_services") ?? false;

  const move = async (status: VacancyRead["status"]) => {
    setMessage(null);
    setFailure(null);
    try {
      await change.mutateAsync({ vacancy, status });
      setMessage(t("employers.vacancyPage.statusChanged", { status: t(`employers.vacancyStatus.${status}`) }));
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.status === 412
          ? t("employers.outcome.stale")
          : error instanceof ApiError && error.status === 409
            ? t("employers.outcome.notAllowed")
            : loadErrorMessage(t, error),
      );
    }
  };

  return (
    <section aria-labelledby="vacancy-details-heading">
      <h2 id="vacancy-details-heading">{t("employers.page.details")}</h2>
      <dl className="details">
        <dt>{t("employers.vacancyPage.employer")}</dt>
        <dd>
          {employer.data ? (
            <Link to={`/employers/${vacancy.employer_id}`}>{employer.data.name}</Link>
          ) : (
            t("employers.loading")
          )}
        </dd>
        <dt>{t("employers.vacancy.occupation")}</dt>
        <dd>{vacancy.occupation_code}</dd>
        <dt>{t("employers.vacancy.where")}</dt>
        <dd>
          {[
            vacancy.municipality ? municipalities.name(vacancy.municipality) : null,
            vacancy.address,
            vacancy.remote ? t("employers.vacancy.remote") : null,
          ]
            .filter(Boolean)
            .join(", ")}
        </dd>
        <dt>{t("employers.vacancy.employmentType")}</dt>
        <dd>
          {t(`employers.employmentType.${vacancy.employment_type}`)},{" "}
          {t(`employers.workingTime.${vacancy.working_time}`)}
          {vacancy.at_least_two_weeks ? `, ${t("employers.vacancyPage.atLeastTwoWeeks")}` : ""}
        </dd>
        {vacancy.starts_on || vacancy.ends_on ? (
          <>
            <dt>{t("employers.vacancyPage.period")}</dt>
            <dd>{[vacancy.starts_on, vacancy.ends_on].map((day) => (day ? formatDate(day) : "")).join("–")}</dd>
          </>
        ) : null}
        <dt>{t("employers.vacancy.deadline")}</dt>
        <dd>{formatDate(vacancy.application_deadline)}</dd>
        <dt>{t("employers.vacancyForm.positions")}</dt>
        <dd>{formatNumber(vacancy.positions)}</dd>
        <dt>{t("employers.vacancyForm.languages")}</dt>
        <dd>
          {vacancy.languages.length
            ? vacancy.languages.map((code) => languageName(code, i18n.language)).join(", ")
            : t("employers.notGiven")}
        </dd>
        <dt>{t("employers.vacancyPage.licences")}</dt>
        <dd>
          {vacancy.driving_licences.length || vacancy.other_licences.length
            ? [
                ...vacancy.driving_licences.map((licence) => t("employers.vacancyForm.licenceClass", { licence })),
                ...vacancy.other_licences,
              ].join(", ")
            : t("employers.notGiven")}
        </dd>
        <dt>{t("employers.vacancyForm.competences")}</dt>
        <dd>{vacancy.competences.length ? vacancy.competences.join(", ") : t("employers.notGiven")}</dd>
        <dt>{t("employers.vacancyForm.requirements")}</dt>
        <dd>{vacancy.requirements || t("employers.notGiven")}</dd>
        <dt>{t("employers.vacancy.support")}</dt>
        <dd>
          {vacancy.supports.length
            ? vacancy.supports.map((support) => t(`employers.support.${support}`)).join(", ")
            : t("employers.notGiven")}
        </dd>
        <dt>{t("employers.vacancyPage.description")}</dt>
        <dd>{vacancy.description || t("employers.notGiven")}</dd>
        <dt>{t("employers.vacancy.status")}</dt>
        <dd>{t(`employers.vacancyStatus.${vacancy.status}`)}</dd>
        <dt>{t("employers.vacancy.createdBy")}</dt>
        <dd>
          {t("employers.page.registeredBy", {
            by: vacancyCreator(t, actedBy, vacancy),
            at: formatDateTime(vacancy.created_at),
          })}
        </dd>
        {vacancyChanger(t, actedBy, vacancy) ? (
          <>
            <dt>{t("employers.acted.lastChanged")}</dt>
            <dd>
              {t("employers.acted.changedAt", {
                by: vacancyChanger(t, actedBy, vacancy),
                at: formatDateTime(vacancy.updated_at),
              })}
            </dd>
          </>
        ) : null}
      </dl>
      {runs && vacancy.allowed_transitions.length ? (
        <div className="form__actions" role="group" aria-label={t("employers.vacancyPage.lifecycle")}>
          {vacancy.allowed_transitions.map((status) => (
            <Button key={status} type="button" onClick={() => void move(status)} disabled={change.isPending}>
              {t(`employers.vacancyPage.move.${status}`)}
            </Button>
          ))}
        </div>
      ) : null}
      {failure ? <ErrorAlert title={failure} /> : null}
      <StatusMessage>{message}</StatusMessage>
      {runs && vacancy.source === "here" && vacancyEditable(vacancy) ? <VacancyEdit vacancy={vacancy} me={me} /> : null}
    </section>
  );
}

function Candidates({ vacancy, me }: { vacancy: VacancyRead; me: Me }) {
  const { t } = useTranslation();
  const open = vacancy.status === "published";
  const candidates = useCandidates(vacancy.id, open);
  const employer = useEmployer(vacancy.employer_id);
  const readsNames = me.roles?.some((role) => READS_NAMES.includes(role)) ?? false;
  const names = useClientNames(candidates.data?.map((candidate) => candidate.client_id) ?? [], readsNames);
  const isCoach = me.roles?.includes("coach") ?? false;
  const runs = me.roles?.includes("employer_services") ?? false;
  return (
    <section aria-labelledby="vacancy-candidates-heading">
      <h2 id="vacancy-candidates-heading">{t("employers.candidates.title")}</h2>
      {!open ? (
        <p>{t("employers.candidates.notOpen")}</p>
      ) : candidates.isError ? (
        <ErrorAlert title={loadErrorMessage(t, candidates.error)} />
      ) : !candidates.data ? (
        <p role="status">{t("employers.loading")}</p>
      ) : candidates.data.length ? (
        <ol className="plain-list">
          {candidates.data.map((candidate) => {
            const label = clientLabel(names, candidate.client_id, t("employers.candidates.reference"));
            return (
              <li key={candidate.client_id} className="card">
                <h3>{readsNames ? <Link to={`/clients/${candidate.client_id}`}>{label}</Link> : label}</h3>
                <ScoreExplanation score={candidate.score} parts={candidate.parts} />
                {isCoach ? (
                  <OfferOnRequest
                    vacancyId={vacancy.id}
                    clientId={candidate.client_id}
                    label={t("employers.offer.formLabel", { client: label })}
                  />
                ) : null}
                {runs ? (
                  <IntroductionForm
                    vacancyId={vacancy.id}
                    clientId={candidate.client_id}
                    employerName={employer.data?.name ?? ""}
                    label={t("employers.introduce.formLabel", { client: label })}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p>{t("employers.candidates.none")}</p>
      )}
    </section>
  );
}

function Placements({ vacancy, me }: { vacancy: VacancyRead; me: Me }) {
  const { t } = useTranslation();
  const actedBy = useActedBy(me);
  const offers = useOffers({ vacancy_id: vacancy.id });
  const introductions = useIntroductions({ vacancy_id: vacancy.id });
  const readsNames = me.roles?.some((role) => READS_NAMES.includes(role)) ?? false;
  const ids = [...(offers.data ?? []), ...(introductions.data ?? [])].map((item) => item.client_id);
  const names = useClientNames(ids, readsNames);
  const label = (clientId: string) => clientLabel(names, clientId, t("employers.candidates.reference"));
  const isCoach = me.roles?.includes("coach") ?? false;
  const runs = me.roles?.includes("employer_services") ?? false;
  return (
    <>
      <section aria-labelledby="vacancy-offers-heading">
        <h2 id="vacancy-offers-heading">{t("employers.offers.title")}</h2>
        {offers.isError ? (
          <ErrorAlert title={loadErrorMessage(t, offers.error)} />
        ) : !offers.data ? (
          <p role="status">{t("employers.loading")}</p>
        ) : offers.data.length ? (
          <ul className="plain-list">
            {offers.data.map((offer) => (
              <li key={offer.id}>
                <p>
                  <strong>{label(offer.client_id)}</strong>: {t(`employers.offerStatus.${offer.status}`)}
                  {offer.reason ? ` (${offer.reason})` : ""}
                </p>
                <p>
                  {t("employers.offers.by", {
                    by: actedBy(offer.offered_by, offer.offered_by_name, offer.offered_by_organisation_name),
                    date: formatDate(offer.created_at),
                    respondBy: formatDate(offer.respond_by),
                  })}
                  {offer.outcome_at
                    ? ` ${t("employers.outcome.recordedBy", {
                        by: actedBy(offer.outcome_by, offer.outcome_by_name, offer.outcome_by_organisation_name),
                        date: formatDate(offer.outcome_at),
                      })}`
                    : ""}
                </p>
                {(isCoach || runs) && (offer.status === "sent" || offer.status === "applied") ? (
                  <OfferOutcomeForm
                    offer={offer}
                    label={t("employers.outcome.offerFormLabel", { client: label(offer.client_id) })}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("employers.offers.none")}</p>
        )}
      </section>
      <section aria-labelledby="vacancy-introductions-heading">
        <h2 id="vacancy-introductions-heading">{t("employers.introductions.title")}</h2>
        {introductions.isError ? (
          <ErrorAlert title={loadErrorMessage(t, introductions.error)} />
        ) : !introductions.data ? (
          <p role="status">{t("employers.loading")}</p>
        ) : introductions.data.length ? (
          <ul className="plain-list">
            {introductions.data.map((introduction) => (
              <li key={introduction.id}>
                <p>
                  <strong>{label(introduction.client_id)}</strong>:{" "}
                  {t(`employers.introductionStatus.${introduction.status}`)}
                  {introduction.anonymous ? ` (${t("employers.introductions.anonymous")})` : ""}
                </p>
                <p>
                  {t("employers.introductions.by", {
                    by: actedBy(
                      introduction.introduced_by,
                      introduction.introduced_by_name,
                      introduction.introduced_by_organisation_name,
                    ),
                    date: formatDate(introduction.created_at),
                  })}
                  {introduction.outcome_at
                    ? ` ${t("employers.outcome.recordedBy", {
                        by: actedBy(
                          introduction.outcome_by,
                          introduction.outcome_by_name,
                          introduction.outcome_by_organisation_name,
                        ),
                        date: formatDate(introduction.outcome_at),
                      })}`
                    : ""}
                </p>
                {runs && (introduction.status === "made" || introduction.status === "invited_to_interview") ? (
                  <IntroductionOutcomeForm
                    introduction={introduction}
                    label={t("employers.outcome.introductionFormLabel", { client: label(introduction.client_id) })}
                  />
                ) : null}
                {runs && introduction.status === "hired" ? (
                  <details>
                    <summary>{t("employers.supportForm.forHired")}</summary>
                    <SupportForm
                      employerId={vacancy.employer_id}
                      clientId={introduction.client_id}
                      vacancyId={vacancy.id}
                      idPrefix={`support-${introduction.id}`}
                      label={t("employers.supportForm.forClient", { client: label(introduction.client_id) })}
                    />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("employers.introductions.none")}</p>
        )}
      </section>
    </>
  );
}
