import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { ClientCreate } from "./types";
import { clientKeys } from "./query-keys";

export async function registerClient(body: ClientCreate) {
  const { data } = await unwrap(api.clients.POST("/v1/clients", { body }));
  return data;
}

export function useRegisterClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerClient,
    onSuccess: (client) => {
      queryClient.setQueryData(["clients", client.id], client);
      void queryClient.invalidateQueries({ queryKey: clientKeys.search() });
      void queryClient.invalidateQueries({ queryKey: clientKeys.dueList() });
    },
  });
}
