import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { JobOfferCreate } from "./types";

/** A coach offers a vacancy to a client with the day to answer by. */
export async function createOffer(body: JobOfferCreate, idempotencyKey: string) {
  const { data } = await unwrap(
    api.employer.POST("/v1/job-offers", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }),
  );
  return data;
}

export function useCreateOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: JobOfferCreate; idempotencyKey: string }) =>
      createOffer(body, idempotencyKey),
    onSuccess: (offer) => {
      void queryClient.invalidateQueries({ queryKey: employerKeys.offerAll });
      void queryClient.invalidateQueries({ queryKey: employerKeys.clientTimeline(offer.client_id) });
    },
  });
}
