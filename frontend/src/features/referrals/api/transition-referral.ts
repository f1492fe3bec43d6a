import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { TransitionCreate } from "./types";
import { referralKeys } from "./query-keys";

export async function transitionReferral(referralId: string, body: TransitionCreate) {
  const { data } = await unwrap(
    api.referrals.POST("/v1/referrals/{referral_id}/transitions", {
      params: { path: { referral_id: referralId }, header: { "Idempotency-Key": crypto.randomUUID() } },
      body,
    }),
  );
  return data;
}

export function useTransitionReferral(referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionCreate) => transitionReferral(referralId, body),
    onSuccess: (referral) => {
      queryClient.setQueryData(referralKeys.detail(referralId), referral);
      void queryClient.invalidateQueries({ queryKey: referralKeys.all });
    },
  });
}
