import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralQueryKey } from "./get-referral";
import type { FeedbackCreate } from "./types";

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
      queryClient.setQueryData(referralQueryKey(referralId), referral);
      void queryClient.invalidateQueries({ queryKey: ["referrals"] });
    },
  });
}
