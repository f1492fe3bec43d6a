import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";
import type { ClientRead, RegistrationDataUpdate } from "./types";

/** Changes the client's citizenship or mother tongue (If-Match: the client's version the coach saw). */
export async function updateRegistrationData(client: ClientRead, body: RegistrationDataUpdate) {
  const { data } = await unwrap(
    api.clients.PATCH("/v1/clients/{client_id}/registration-data", {
      params: { path: { client_id: client.id }, header: { "if-match": `"v${client.version}"` } },
      body,
    }),
  );
  return data;
}

export function useUpdateRegistrationData(client: ClientRead) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationDataUpdate) => updateRegistrationData(client, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKeys.detail(client.id), saved);
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(client.id) });
    },
  });
}
