import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { StatusChange } from "./types";
import { clientKeys } from "./query-keys";

export async function changeStatus(clientId: string, body: StatusChange) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/status", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

export function useChangeStatus(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StatusChange) => changeStatus(clientId, body),
    onSuccess: (client) => {
      queryClient.setQueryData(clientKeys.detail(clientId), client);
      void queryClient.invalidateQueries({ queryKey: clientKeys.statusHistory(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.schedule(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.search() });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.dueList() });
    },
  });
}
