import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export async function getVacancy(vacancyId: string) {
  const { data } = await unwrap(
    api.employer.GET("/v1/vacancies/{vacancy_id}", { params: { path: { vacancy_id: vacancyId } } }),
  );
  return data;
}

export const useVacancy = (vacancyId: string) =>
  useQuery({ queryKey: employerKeys.vacancy(vacancyId), queryFn: () => getVacancy(vacancyId) });
