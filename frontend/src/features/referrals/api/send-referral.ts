import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

/** Sends a draft; referrals-api checks the client's consent first (409 ``consent-missing`` naming the categories). */
export async function sendReferral(referralId: string, idempotencyKey: string) {
  const { data } = await unwrap(
    api.referrals.POST("/v1/referrals/{referral_id}/send", {
      params: { path: { referral_id: referralId }, header: { "Idempotency-Key": idempotencyKey } },
    }),
  );
  return data;
}

/** Sends a draft of the client's; a sent referral shows in the referral lists and on the client's timeline. */
export function useSendReferral(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (referralId: string) => sendReferral(referralId, crypto.randomUUID()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: referralKeys.all });
      void queryClient.invalidateQueries({ queryKey: referralKeys.clientTimeline(clientId) });
    },
  });
}
