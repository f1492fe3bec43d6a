import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { VacancyRead, VacancyStatus } from "./types";

/** Moves a vacancy to one of its ``allowed_transitions`` (If-Match: the version the person saw). */
export async function changeVacancyStatus(vacancy: VacancyRead, status: VacancyStatus) {
  const { data } = await unwrap(
    api.employer.POST("/v1/vacancies/{vacancy_id}/status", {
      params: { path: { vacancy_id: vacancy.id }, header: { "if-match": `"v${vacancy.version}"` } },
      body: { status },
    }),
  );
  return data;
}

export function useChangeVacancyStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ vacancy, status }: { vacancy: VacancyRead; status: VacancyStatus }) =>
      changeVacancyStatus(vacancy, status),
    onSuccess: (vacancy) => {
      queryClient.setQueryData(employerKeys.vacancy(vacancy.id), vacancy);
      void queryClient.invalidateQueries({ queryKey: employerKeys.vacancyAll });
    },
  });
}
