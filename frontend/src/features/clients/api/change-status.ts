import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { StatusChange } from "./types";

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
      queryClient.setQueryData(["clients", clientId], client);
      void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "status-history"] });
      void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "schedule"] });
      void queryClient.invalidateQueries({ queryKey: ["clients", "search"] });
      void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "timeline"] });
      void queryClient.invalidateQueries({ queryKey: ["due-list"] });
    },
  });
}
