import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { SupportCreate } from "./types";

/** Records a support decision; a pay subsidy's percentage and euros by month are the service's to compute. */
export async function createSupport(body: SupportCreate, idempotencyKey: string) {
  const { data } = await unwrap(
    api.employer.POST("/v1/supports", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }),
  );
  return data;
}

export function useCreateSupport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: SupportCreate; idempotencyKey: string }) =>
      createSupport(body, idempotencyKey),
    onSuccess: (support) => {
      void queryClient.invalidateQueries({ queryKey: employerKeys.supportAll });
      if (support.client_id)
        void queryClient.invalidateQueries({ queryKey: employerKeys.clientTimeline(support.client_id) });
    },
  });
}
