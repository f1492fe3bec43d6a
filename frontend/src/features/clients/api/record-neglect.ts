import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export interface NeglectInput {
  period_starts_on: string;
  notes: string | null;
}

/** Records a neglected closed period; the answer carries the consequence the rule set in force gives. */
export async function recordNeglect(clientId: string, body: NeglectInput) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/job-search/neglects", {
      params: { path: { client_id: clientId } },
      body,
    }),
  );
  return data;
}

export function useRecordNeglect(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NeglectInput) => recordNeglect(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.jobSearch(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
