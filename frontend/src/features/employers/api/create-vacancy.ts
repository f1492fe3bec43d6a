import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { VacancyCreate } from "./types";

/** Records a vacancy (a draft until it is published); the idempotency key makes a retry safe. */
export async function createVacancy(body: VacancyCreate, idempotencyKey: string) {
  const { data } = await unwrap(
    api.employer.POST("/v1/vacancies", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }),
  );
  return data;
}

export function useCreateVacancy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: VacancyCreate; idempotencyKey: string }) =>
      createVacancy(body, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employerKeys.vacancyAll }),
  });
}
