import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { IntroductionCreate } from "./types";

/**
 * Introduces a candidate to the vacancy's employer. The service checks the client's consent at clients-api; when it
 * does not cover the introduction the answer is a 409 whose ``missing_categories`` name what is missing.
 */
export async function createIntroduction(body: IntroductionCreate, idempotencyKey: string) {
  const { data } = await unwrap(
    api.employer.POST("/v1/introductions", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }),
  );
  return data;
}

export function useCreateIntroduction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: IntroductionCreate; idempotencyKey: string }) =>
      createIntroduction(body, idempotencyKey),
    onSuccess: (introduction) => {
      void queryClient.invalidateQueries({ queryKey: employerKeys.introductionAll });
      void queryClient.invalidateQueries({ queryKey: employerKeys.clientTimeline(introduction.client_id) });
    },
  });
}
