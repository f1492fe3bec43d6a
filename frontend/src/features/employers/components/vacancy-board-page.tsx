import { Button, TextInput } from "hds-react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { MunicipalitiesLoaded } from "../../../components/municipalities-loaded";
import { PageHeading } from "../../../components/page-heading";
import { SelectField } from "../../../components/select-field";
import { ErrorAlert } from "../../../components/status-message";
import { loadErrorMessage } from "../../../lib/form-errors";
import { useMunicipalityNames } from "../../../lib/municipalities";
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
  const municipalities = useMunicipalityNames();
  const [params, setParams] = useSearchParams();
  const search = vacancySearchOf(params);
  const vacancies = useVacancies(search);

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const entry = form.get(key);
      const value = typeof entry === "string" ? entry.trim() : "";
      if (value) next.set(key, value);
    }
    setParams(next);
  };

  return (
    <>
      <PageHeading title={t("employers.board.title")}>{t("employers.board.title")}</PageHeading>
      <form
        className="form form--inline"
        onSubmit={onFilter}
        key={params.toString()}
        aria-label={t("employers.board.filters")}
      >
        <SelectField id="status" name="status" label={t("employers.vacancy.status")} defaultValue={search.status}>
          <option value="">{t("common.all")}</option>
          {VACANCY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`employers.vacancyStatus.${status}`)}
            </option>
          ))}
        </SelectField>
        <MunicipalitiesLoaded>
          <SelectField
            id="municipality"
            name="municipality"
            label={t("employers.field.municipality")}
            defaultValue={search.municipality}
          >
            <option value="">{t("common.all")}</option>
            {municipalities.list.map((municipality) => (
              <option key={municipality.code} value={municipality.code}>
                {municipalities.name(municipality.code)}
              </option>
            ))}
          </SelectField>
        </MunicipalitiesLoaded>
        <TextInput
          id="occupation"
          name="occupation"
          label={t("employers.vacancy.occupation")}
          helperText={t("employers.board.occupationHelp")}
          defaultValue={search.occupation}
          inputMode="numeric"
          pattern="\d{1,4}"
        />
        <SelectField
          id="employment_type"
          name="employment_type"
          label={t("employers.vacancy.employmentType")}
          defaultValue={search.employment_type}
        >
          <option value="">{t("common.all")}</option>
          {EMPLOYMENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`employers.employmentType.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="support" name="support" label={t("employers.vacancy.support")} defaultValue={search.support}>
          <option value="">{t("common.all")}</option>
          {VACANCY_SUPPORTS.map((support) => (
            <option key={support} value={support}>
              {t(`employers.support.${support}`)}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <Button type="submit">{t("employers.board.apply")}</Button>
        </div>
      </form>
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
