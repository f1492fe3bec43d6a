import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { PageHeading } from "../../../components/page-heading";
import { SavedResult } from "../../../components/saved-result";
import { ErrorAlert } from "../../../components/status-message";
import { formatDate } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useIntroductions } from "../api/list-introductions";
import { useNextSteps } from "../api/list-next-steps";
import { useOffers } from "../api/list-offers";
import { useVacancies } from "../api/list-vacancies";
import type { IntroductionRead, JobOfferRead, VacancyRead } from "../api/types";
import { DiscloseIntroduction } from "./disclose-introduction";
import { NextStepActions } from "./next-step-actions";
import { type Me, useActedBy } from "./people";
import { vacancyTitle } from "./vacancy-bits";

/**
 * The published vacancies for which nobody has been offered or introduced yet. The service lists at most 200
 * offers and introductions at a time, so on a busy day a vacancy may be left off this list, never wrongly put on it.
 */
export function vacanciesWithoutCandidates(
  vacancies: readonly VacancyRead[],
  offers: readonly JobOfferRead[],
  introductions: readonly IntroductionRead[],
): VacancyRead[] {
  const taken = new Set([...offers, ...introductions].map((item) => item.vacancy_id));
  return vacancies.filter((vacancy) => vacancy.status === "published" && !taken.has(vacancy.id));
}

/**
 * An employer-services worker's home (*työnantajapalvelujen etusivu*): the next steps due with employers (overdue
 * first), the open vacancies nobody has been offered or introduced for, the offers waiting for the client's answer
 * and the introductions waiting for the employer's outcome; an anonymous one can be disclosed from here once the
 * client's consent covers the name and contact details.
 */
export function EmployerServicesHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t("employers.home.title")}>
        {t("employers.home.welcome", { name: me.name ?? "" })}
      </PageHeading>
      <NextSteps me={me} />
      <OpenWork me={me} />
    </>
  );
}

function NextSteps({ me }: { me: Me }) {
  const { t } = useTranslation();
  const actedBy = useActedBy(me);
  const steps = useNextSteps();
  const [done, setDone] = useState<string | null>(null);
  const runs = me.roles?.includes("employer_services") ?? false;
  return (
    <section aria-labelledby="home-next-steps-heading">
      <h2 id="home-next-steps-heading">{t("employers.home.nextSteps")}</h2>
      <SavedResult id="home-next-steps-result">{done}</SavedResult>
      {steps.isError ? (
        <ErrorAlert title={loadErrorMessage(t, steps.error)} />
      ) : !steps.data ? (
        <p role="status">{t("employers.loading")}</p>
      ) : steps.data.length ? (
        <ul className="plain-list">
          {steps.data.map((step) => (
            <li key={step.contact_id}>
              <strong>
                {step.overdue ? <span className="badge badge--alert">{t("employers.home.overdue")}</span> : null}{" "}
                {t("employers.home.due", { date: formatDate(step.next_step_due) })}
              </strong>
              : <Link to={`/employers/${step.employer_id}`}>{step.employer_name}</Link> – {step.next_step} (
              {t("employers.home.agreedBy", {
                by: actedBy(step.staff_subject, step.staff_name, step.staff_organisation_name),
                date: formatDate(step.contacted_on),
              })}
              )
              {runs ? (
                <NextStepActions
                  contact={{ ...step, next_step_done: false }}
                  name={`${step.employer_name}, ${step.next_step}`}
                  resultId="home-next-steps-result"
                  onDone={setDone}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("employers.home.noNextSteps")}</p>
      )}
    </section>
  );
}

function OpenWork({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const actedBy = useActedBy(me);
  const published = useVacancies({ status: "published" });
  const allOffers = useOffers({});
  const allIntroductions = useIntroductions({});
  const waitingOffers = useOffers({ status: "sent" });
  const madeIntroductions = useIntroductions({ status: "made" });
  const invitedIntroductions = useIntroductions({ status: "invited_to_interview" });
  const titles = new Map((published.data?.items ?? []).map((vacancy) => [vacancy.id, vacancy] as const));
  const vacancyName = (vacancyId: string) => {
    const vacancy = titles.get(vacancyId);
    return vacancy ? vacancyTitle(vacancy, i18n.language) : t("employers.home.vacancy");
  };
  const vacancyLink = (vacancyId: string) => <Link to={`/vacancies/${vacancyId}`}>{vacancyName(vacancyId)}</Link>;
  const failed = [published, allOffers, allIntroductions].find((query) => query.isError);
  const without =
    published.data && allOffers.data && allIntroductions.data
      ? vacanciesWithoutCandidates(published.data.items, allOffers.data, allIntroductions.data)
      : null;
  const waitingIntroductions = [...(madeIntroductions.data ?? []), ...(invitedIntroductions.data ?? [])];
  return (
    <>
      <section aria-labelledby="home-without-heading">
        <h2 id="home-without-heading">{t("employers.home.withoutCandidates")}</h2>
        {failed ? (
          <ErrorAlert title={loadErrorMessage(t, failed.error)} />
        ) : !without ? (
          <p role="status">{t("employers.loading")}</p>
        ) : without.length ? (
          <ul className="plain-list">
            {without.map((vacancy) => (
              <li key={vacancy.id}>
                {vacancyLink(vacancy.id)} – {t("employers.vacancy.deadline")} {formatDate(vacancy.application_deadline)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("employers.home.noneWithout")}</p>
        )}
      </section>
      <section aria-labelledby="home-offers-heading">
        <h2 id="home-offers-heading">{t("employers.home.offersWaiting")}</h2>
        {waitingOffers.isError ? (
          <ErrorAlert title={loadErrorMessage(t, waitingOffers.error)} />
        ) : !waitingOffers.data ? (
          <p role="status">{t("employers.loading")}</p>
        ) : waitingOffers.data.length ? (
          <ul className="plain-list">
            {waitingOffers.data.map((offer) => (
              <li key={offer.id}>
                {vacancyLink(offer.vacancy_id)} –{" "}
                {t("employers.offers.by", {
                  by: actedBy(offer.offered_by, offer.offered_by_name, offer.offered_by_organisation_name),
                  date: formatDate(offer.created_at),
                  respondBy: formatDate(offer.respond_by),
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("employers.home.noOffersWaiting")}</p>
        )}
      </section>
      <section aria-labelledby="home-introductions-heading">
        <h2 id="home-introductions-heading">{t("employers.home.introductionsWaiting")}</h2>
        {madeIntroductions.isError || invitedIntroductions.isError ? (
          <ErrorAlert title={loadErrorMessage(t, madeIntroductions.error ?? invitedIntroductions.error)} />
        ) : !madeIntroductions.data || !invitedIntroductions.data ? (
          <p role="status">{t("employers.loading")}</p>
        ) : waitingIntroductions.length ? (
          <ul className="plain-list">
            {waitingIntroductions.map((introduction) => (
              <li key={introduction.id}>
                {vacancyLink(introduction.vacancy_id)} – {t(`employers.introductionStatus.${introduction.status}`)}
                {introduction.anonymous ? ` (${t("employers.introductions.anonymous")})` : ""},{" "}
                {t("employers.introductions.by", {
                  by: actedBy(
                    introduction.introduced_by,
                    introduction.introduced_by_name,
                    introduction.introduced_by_organisation_name,
                  ),
                  date: formatDate(introduction.created_at),
                })}
                {introduction.anonymous ? (
                  <DiscloseIntroduction
                    introduction={introduction}
                    label={t("employers.disclose.formLabel", { vacancy: vacancyName(introduction.vacancy_id) })}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("employers.home.noIntroductionsWaiting")}</p>
        )}
      </section>
    </>
  );
}
