import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

/** Everything held on the client across the services, for a data subject's access request (GDPR Art. 15). */
export async function exportPersonalData(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/personal-data-export", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

/** The export is itself audited: the trail on screen is read again after it. */
export function useExportPersonalData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportPersonalData,
    onSuccess: (_, clientId) => void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "audit-trail"] }),
  });
}
