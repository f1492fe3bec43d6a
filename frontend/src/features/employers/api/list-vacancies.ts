import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { EmploymentType, VacancyStatus, VacancySupport } from "./types";

export interface VacancySearch {
  status?: VacancyStatus;
  employer_id?: string;
  municipality?: string;
  occupation?: string;
  employment_type?: EmploymentType;
  support?: VacancySupport;
}

export async function listVacancies(search: VacancySearch) {
  const { data } = await unwrap(api.employer.GET("/v1/vacancies", { params: { query: { ...search, limit: 50 } } }));
  return data;
}

export const useVacancies = (search: VacancySearch) =>
  useQuery({
    queryKey: employerKeys.vacancies(search),
    queryFn: () => listVacancies(search),
    placeholderData: keepPreviousData,
  });
