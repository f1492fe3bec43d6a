import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { ConsentCreate } from "./types";
import { clientKeys } from "./query-keys";

export async function giveConsent(clientId: string, body: ConsentCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/consents", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

export function useGiveConsent(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentCreate) => giveConsent(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.consents(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
