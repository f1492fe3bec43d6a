import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { EmployerContactCreate } from "./types";

/** Records a contact with the employer (visit, call, event, e-mail) and its next step. */
export async function createContact(employerId: string, body: EmployerContactCreate, idempotencyKey: string) {
  const { data } = await unwrap(
    api.employer.POST("/v1/employers/{employer_id}/contacts", {
      params: { path: { employer_id: employerId }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
  return data;
}

export function useCreateContact(employerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: EmployerContactCreate; idempotencyKey: string }) =>
      createContact(employerId, body, idempotencyKey),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: employerKeys.contacts(employerId) });
      void queryClient.invalidateQueries({ queryKey: employerKeys.nextSteps() });
    },
  });
}
