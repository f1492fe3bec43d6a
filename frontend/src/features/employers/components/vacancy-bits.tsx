import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDate } from "../../../lib/format";
import { municipalityName } from "../../../lib/municipalities";
import type { VacancyRead } from "../api/types";

/** A vacancy's title in the reader's language, Finnish when there is none. */
export function vacancyTitle(vacancy: VacancyRead, language: string): string {
  if (language === "sv" && vacancy.title_sv) return vacancy.title_sv;
  if (language === "en" && vacancy.title_en) return vacancy.title_en;
  return vacancy.title_fi;
}

/**
 * Vacancies as a table: title (a link to the vacancy's page), where, employment type, deadline, status and who made
 * it; on the board, each with a link to its employer (not on the employer's own page).
 */
export function VacancyTable({
  vacancies,
  caption,
  linkEmployer = true,
  nameOf = (subject: string) => subject,
}: {
  vacancies: VacancyRead[];
  caption: string;
  linkEmployer?: boolean;
  nameOf?: (subject: string) => string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("employers.vacancy.title")}</th>
          <th scope="col">{t("employers.vacancy.occupation")}</th>
          <th scope="col">{t("employers.vacancy.where")}</th>
          <th scope="col">{t("employers.vacancy.employmentType")}</th>
          <th scope="col">{t("employers.vacancy.deadline")}</th>
          <th scope="col">{t("employers.vacancy.status")}</th>
          <th scope="col">{t("employers.vacancy.createdBy")}</th>
        </tr>
      </thead>
      <tbody>
        {vacancies.map((vacancy) => (
          <tr key={vacancy.id}>
            <td>
              <Link to={`/vacancies/${vacancy.id}`}>{vacancyTitle(vacancy, i18n.language)}</Link>
              {linkEmployer ? (
                <>
                  {" "}
                  <Link to={`/employers/${vacancy.employer_id}`}>{t("employers.vacancy.employerLink")}</Link>
                </>
              ) : null}
            </td>
            <td>{vacancy.occupation_code}</td>
            <td>
              {[
                vacancy.municipality ? municipalityName(vacancy.municipality, i18n.language) : null,
                vacancy.remote ? t("employers.vacancy.remote") : null,
              ]
                .filter(Boolean)
                .join(", ")}
            </td>
            <td>{t(`employers.employmentType.${vacancy.employment_type}`)}</td>
            <td>{formatDate(vacancy.application_deadline)}</td>
            <td>{t(`employers.vacancyStatus.${vacancy.status}`)}</td>
            <td>{nameOf(vacancy.created_by)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
