import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function withdrawConsent(clientId: string, consentId: string) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/consents/{consent_id}/withdraw", {
      params: { path: { client_id: clientId, consent_id: consentId } },
    }),
  );
  return data;
}

export function useWithdrawConsent(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (consentId: string) => withdrawConsent(clientId, consentId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.consents(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
