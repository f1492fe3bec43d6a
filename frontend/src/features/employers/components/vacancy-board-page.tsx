import { TextInput } from "hds-react";
import { useTranslation } from "react-i18next";

import { ChoiceSelect } from "../../../components/choice-select";
import { FilterForm } from "../../../components/filter-form";
import { MunicipalitySelect } from "../../../components/municipality-select";
import { PageHeading } from "../../../components/page-heading";
import { ErrorAlert } from "../../../components/status-message";
import { useFilterDraft } from "../../../components/use-filter-draft";
import { loadErrorMessage } from "../../../lib/form-errors";
import { type VacancySearch, useVacancies } from "../api/list-vacancies";
import {
  EMPLOYMENT_TYPES,
  type EmploymentType,
  VACANCY_STATUSES,
  VACANCY_SUPPORTS,
  type VacancyStatus,
  type VacancySupport,
} from "../api/types";
import type { Me } from "./people";
import { VacancyTable } from "./vacancy-bits";

const FILTERS = ["status", "municipality", "occupation", "employment_type", "support"] as const;
const NO_FILTER = { status: "", municipality: "", occupation: "", employment_type: "", support: "" };

/** The filters from the address; a value the service would refuse is left out rather than sent. */
export function vacancySearchOf(params: URLSearchParams): VacancySearch {
  const search: VacancySearch = {};
  const status = params.get("status");
  if (status && VACANCY_STATUSES.includes(status as VacancyStatus)) search.status = status as VacancyStatus;
  const municipality = params.get("municipality");
  if (municipality && /^\d{3}$/.test(municipality)) search.municipality = municipality;
  const occupation = params.get("occupation");
  if (occupation && /^\d{1,4}$/.test(occupation)) search.occupation = occupation;
  const type = params.get("employment_type");
  if (type && EMPLOYMENT_TYPES.includes(type as EmploymentType)) search.employment_type = type as EmploymentType;
  const support = params.get("support");
  if (support && VACANCY_SUPPORTS.includes(support as VacancySupport)) search.support = support as VacancySupport;
  return search;
}

/** The vacancy board: the authority's vacancies, filtered; the filters live in the address, to share and bookmark. */
export function VacancyBoardPage({ me }: { me?: Me }) {
  const { t } = useTranslation();
  const filters = useFilterDraft(FILTERS, (params) => ({ ...NO_FILTER, ...vacancySearchOf(params) }));
  const vacancies = useVacancies(vacancySearchOf(filters.params));

  return (
    <>
      <PageHeading title={t("employers.board.title")}>{t("employers.board.title")}</PageHeading>
      <FilterForm
        label={t("employers.board.filters")}
        submitLabel={t("employers.board.apply")}
        onFilter={filters.apply}
      >
        <ChoiceSelect
          id="status"
          name="status"
          label={t("employers.vacancy.status")}
          noChoice={t("common.all")}
          choices={VACANCY_STATUSES}
          choiceLabel={(status) => t(`employers.vacancyStatus.${status}`)}
          {...filters.field("status")}
        />
        <MunicipalitySelect
          id="municipality"
          name="municipality"
          label={t("employers.field.municipality")}
          noChoice={t("common.all")}
          {...filters.field("municipality")}
        />
        <TextInput
          id="occupation"
          name="occupation"
          label={t("employers.vacancy.occupation")}
          helperText={t("employers.board.occupationHelp")}
          inputMode="numeric"
          pattern="\d{1,4}"
          {...filters.field("occupation")}
        />
        <ChoiceSelect
          id="employment_type"
          name="employment_type"
          label={t("employers.vacancy.employmentType")}
          noChoice={t("common.all")}
          choices={EMPLOYMENT_TYPES}
          choiceLabel={(type) => t(`employers.employmentType.${type}`)}
          {...filters.field("employment_type")}
        />
        <ChoiceSelect
          id="support"
          name="support"
          label={t("employers.vacancy.support")}
          noChoice={t("common.all")}
          choices={VACANCY_SUPPORTS}
          choiceLabel={(support) => t(`employers.support.${support}`)}
          {...filters.field("support")}
        />
      </FilterForm>
      {vacancies.isError ? (
        <ErrorAlert title={loadErrorMessage(t, vacancies.error)} />
      ) : !vacancies.data ? (
        <p role="status">{t("employers.loading")}</p>
      ) : vacancies.data.items.length ? (
        <VacancyTable
          vacancies={vacancies.data.items}
          caption={t("employers.board.results", { count: vacancies.data.items.length })}
          me={me}
        />
      ) : (
        <p role="status">{t("employers.board.none")}</p>
      )}
    </>
  );
}
