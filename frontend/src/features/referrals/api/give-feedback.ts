import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { FeedbackCreate } from "./types";
import { referralKeys } from "./query-keys";

/** Records (or replaces) the client's feedback on a completed referral; answers the referral with it. */
export async function giveFeedback(referralId: string, body: FeedbackCreate) {
  const { data } = await unwrap(
    api.referrals.PUT("/v1/referrals/{referral_id}/feedback", { params: { path: { referral_id: referralId } }, body }),
  );
  return data;
}

export function useGiveFeedback(referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackCreate) => giveFeedback(referralId, body),
    onSuccess: (referral) => {
      queryClient.setQueryData(referralKeys.detail(referralId), referral);
      void queryClient.invalidateQueries({ queryKey: referralKeys.all });
    },
  });
}
