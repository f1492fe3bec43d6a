import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { JobOfferOutcome, JobOfferRead } from "./types";

/** Records what came of an offer (If-Match: the version the person saw). */
export async function recordOfferOutcome(offer: JobOfferRead, body: JobOfferOutcome) {
  const { data } = await unwrap(
    api.employer.POST("/v1/job-offers/{job_offer_id}/outcome", {
      params: { path: { job_offer_id: offer.id }, header: { "if-match": `"v${offer.version}"` } },
      body,
    }),
  );
  return data;
}

export function useRecordOfferOutcome() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ offer, body }: { offer: JobOfferRead; body: JobOfferOutcome }) => recordOfferOutcome(offer, body),
    onSuccess: (offer) => {
      void queryClient.invalidateQueries({ queryKey: employerKeys.offerAll });
      void queryClient.invalidateQueries({ queryKey: employerKeys.clientTimeline(offer.client_id) });
    },
  });
}
