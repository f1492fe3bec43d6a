import { useMutation, useQueryClient } from "@tanstack/react-query";

import { sendReferral } from "./send-referral";
import { referralKeys } from "./query-keys";

/** Sends a kept draft from its own page (the consent is checked again by referrals-api). */
export function useSendDraft(referralId: string, clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendReferral(referralId, crypto.randomUUID()),
    onSuccess: (referral) => {
      queryClient.setQueryData(referralKeys.detail(referralId), referral);
      void queryClient.invalidateQueries({ queryKey: referralKeys.all });
      void queryClient.invalidateQueries({ queryKey: referralKeys.clientTimeline(clientId) });
    },
  });
}
