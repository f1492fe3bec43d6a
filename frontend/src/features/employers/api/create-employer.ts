import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { EmployerCreate } from "./types";

/** Registers an employer; the idempotency key makes a retry of the same registration safe. */
export async function createEmployer(body: EmployerCreate, idempotencyKey: string) {
  const { data } = await unwrap(
    api.employer.POST("/v1/employers", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }),
  );
  return data;
}

export function useCreateEmployer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: EmployerCreate; idempotencyKey: string }) =>
      createEmployer(body, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employerKeys.all }),
  });
}
