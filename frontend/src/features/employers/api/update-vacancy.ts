import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { VacancyRead, VacancyUpdate } from "./types";

/**
 * Changes a vacancy that has not ended (If-Match: the version the person edited): a 412 when someone saved a newer
 * version meanwhile, a 409 when the vacancy has ended.
 */
export async function updateVacancy(vacancy: VacancyRead, body: VacancyUpdate) {
  const { data } = await unwrap(
    api.employer.PATCH("/v1/vacancies/{vacancy_id}", {
      params: { path: { vacancy_id: vacancy.id }, header: { "if-match": `"v${vacancy.version}"` } },
      body,
    }),
  );
  return data;
}

export function useUpdateVacancy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ vacancy, body }: { vacancy: VacancyRead; body: VacancyUpdate }) => updateVacancy(vacancy, body),
    onSuccess: (vacancy) => {
      queryClient.setQueryData(employerKeys.vacancy(vacancy.id), vacancy);
      // The lists show it, and the candidates are matched on what changed.
      void queryClient.invalidateQueries({ queryKey: ["vacancies", "list"] });
      void queryClient.invalidateQueries({ queryKey: employerKeys.candidates(vacancy.id) });
    },
  });
}
