import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "../../clients";
import type { SearchPeriodEnd, SearchPeriodRead } from "./types";

/** Ends the open period with its reason (If-Match: the version the coach saw). */
export async function endSearchPeriod(clientId: string, period: SearchPeriodRead, body: SearchPeriodEnd) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/job-search-periods/{period_id}/end", {
      params: {
        path: { client_id: clientId, period_id: period.id },
        header: { "if-match": `"period-v${period.version}"` },
      },
      body,
    }),
  );
  return data;
}

/** Starts a new period: the client registers as a job seeker again. */
export async function startSearchPeriod(clientId: string, startedOn: string) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/job-search-periods", {
      params: { path: { client_id: clientId } },
      body: { started_on: startedOn },
    }),
  );
  return data;
}

// A period starts or ends its own statutory schedule: everything of the client is read again.
export function useEndSearchPeriod(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ period, body }: { period: SearchPeriodRead; body: SearchPeriodEnd }) =>
      endSearchPeriod(clientId, period, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) }),
  });
}

export function useStartSearchPeriod(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (startedOn: string) => startSearchPeriod(clientId, startedOn),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) }),
  });
}
