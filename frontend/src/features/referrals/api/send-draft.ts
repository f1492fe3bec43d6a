import { useMutation, useQueryClient } from "@tanstack/react-query";

import { referralQueryKey } from "./get-referral";
import { sendReferral } from "./send-referral";

/** Sends a kept draft from its own page (the consent is checked again by referrals-api). */
export function useSendDraft(referralId: string, clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendReferral(referralId, crypto.randomUUID()),
    onSuccess: (referral) => {
      queryClient.setQueryData(referralQueryKey(referralId), referral);
      void queryClient.invalidateQueries({ queryKey: ["referrals"] });
      void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "timeline"] });
    },
  });
}
