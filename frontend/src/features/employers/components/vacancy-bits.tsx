import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { formatDate } from "../../../lib/format";
import { useMunicipalityNames } from "../../../lib/municipalities";
import type { VacancyRead } from "../api/types";
import { type ActedBy, type Me, useActedBy } from "./people";

/** A vacancy's title in the reader's language, Finnish when there is none. */
export function vacancyTitle(vacancy: VacancyRead, language: string): string {
  if (language === "sv" && vacancy.title_sv) return vacancy.title_sv;
  if (language === "en" && vacancy.title_en) return vacancy.title_en;
  return vacancy.title_fi;
}

/** Who made a vacancy: the person who created it here, or the system it was imported from. */
export function vacancyCreator(t: TFunction, actedBy: ActedBy, vacancy: VacancyRead): string {
  if (vacancy.source === "imported" && !vacancy.created_by_name) {
    return t("employers.acted.imported", { source: vacancy.source_system ?? "" });
  }
  return actedBy(vacancy.created_by, vacancy.created_by_name, vacancy.created_by_organisation_name);
}

/** Who last changed a vacancy (an edit or a move in its lifecycle), or null when nobody has since it was made. */
export function vacancyChanger(t: TFunction, actedBy: ActedBy, vacancy: VacancyRead): string | null {
  if (!vacancy.changed_by && !vacancy.changed_by_name) return null;
  if (vacancy.source === "imported" && !vacancy.changed_by_name && !vacancy.changed_by?.startsWith("system:")) {
    return t("employers.acted.imported", { source: vacancy.source_system ?? "" });
  }
  return actedBy(vacancy.changed_by, vacancy.changed_by_name, vacancy.changed_by_organisation_name);
}

/**
 * Vacancies as a table: title (a link to the vacancy's page), where, employment type, deadline, status with who last
 * changed it, and who made it; on the board, each with a link to its employer (not on the employer's own page).
 */
export function VacancyTable({
  vacancies,
  caption,
  linkEmployer = true,
  me,
}: {
  vacancies: VacancyRead[];
  caption: string;
  linkEmployer?: boolean;
  me?: Me;
}) {
  const { t, i18n } = useTranslation();
  const municipalities = useMunicipalityNames();
  const actedBy = useActedBy(me);
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
                vacancy.municipality ? municipalities.name(vacancy.municipality) : null,
                vacancy.remote ? t("employers.vacancy.remote") : null,
              ]
                .filter(Boolean)
                .join(", ")}
            </td>
            <td>{t(`employers.employmentType.${vacancy.employment_type}`)}</td>
            <td>{formatDate(vacancy.application_deadline)}</td>
            <td>
              {t(`employers.vacancyStatus.${vacancy.status}`)}
              {vacancyChanger(t, actedBy, vacancy) ? (
                <>
                  {" "}
                  <br />
                  {t("employers.acted.changedByShort", { by: vacancyChanger(t, actedBy, vacancy) })}
                </>
              ) : null}
            </td>
            <td>{vacancyCreator(t, actedBy, vacancy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
