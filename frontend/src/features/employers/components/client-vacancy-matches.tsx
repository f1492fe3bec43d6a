import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { ErrorAlert } from "../../../components/status-message";
import { formatDate } from "../../../lib/format";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useMunicipalityNames } from "../../../lib/municipalities";
import { useVacancyMatches } from "../api/list-vacancy-matches";
import { OfferOnRequest } from "./offer-form";
import { ScoreExplanation } from "./score-explanation";

/**
 * On the client page: the open vacancies matching the client best, each with the explanation of its score, and
 * for a coach the offer (*työtarjous*) of the vacancy from here.
 */
export function ClientVacancyMatches({ clientId, canOffer }: { clientId: string; canOffer: boolean }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalityNames();
  const matches = useVacancyMatches(clientId);
  return (
    <section id="vacancy-matches" aria-labelledby="vacancy-matches-title" className="page-section">
      <h2 id="vacancy-matches-title" tabIndex={-1}>
        {t("employers.clientMatches.title")}
      </h2>
      {matches.isError ? (
        <ErrorAlert title={loadErrorMessage(t, matches.error)} />
      ) : !matches.data ? (
        <p role="status">{t("employers.loading")}</p>
      ) : !matches.data.length ? (
        <p>{t("employers.clientMatches.none")}</p>
      ) : (
        <ol className="plain-list">
          {matches.data.map((match) => (
            <li key={match.vacancy_id} className="card">
              <h3>
                <Link to={`/vacancies/${match.vacancy_id}`}>{match.title_fi}</Link>
              </h3>
              <p>
                {[
                  match.municipality ? municipalities.name(match.municipality) : null,
                  `${t("employers.vacancy.occupation")} ${match.occupation_code}`,
                  `${t("employers.vacancy.deadline")} ${formatDate(match.application_deadline)}`,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              <ScoreExplanation score={match.score} parts={match.parts} />
              {canOffer ? (
                <OfferOnRequest
                  vacancyId={match.vacancy_id}
                  clientId={clientId}
                  label={t("employers.clientMatches.offerLabel", { vacancy: match.title_fi })}
                />
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
