import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";
import type { DutyClearanceCreate } from "./types";

/** Clears a duty with the reason: it is done (the profile is published) or does not apply. */
export async function clearDuty(clientId: string, body: DutyClearanceCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/duties/clearances", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

export function useClearDuty(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DutyClearanceCreate) => clearDuty(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.duties(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
