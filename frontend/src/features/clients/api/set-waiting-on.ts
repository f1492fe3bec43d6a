import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";
import type { WaitingOnUpdate } from "./types";

/** Sets whom the next step of the case waits for (the client or us) from a day, or clears it with ``null``. */
export async function setWaitingOn(clientId: string, body: WaitingOnUpdate) {
  const { data } = await unwrap(
    api.clients.PUT("/v1/clients/{client_id}/waiting-on", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

// The client's summary shows it and the morning filters select by it.
export function useSetWaitingOn(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WaitingOnUpdate) => setWaitingOn(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId), exact: true });
      void queryClient.invalidateQueries({ queryKey: ["caseload"] });
    },
  });
}
