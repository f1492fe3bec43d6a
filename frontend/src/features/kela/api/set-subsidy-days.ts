import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { kelaKeys } from "./query-keys";
import type { SubsidyDaysWrite } from "./types";

/** Sets the count as Kela gave it; replacing one sends its ETag in If-Match. */
export async function setSubsidyDays(clientId: string, body: SubsidyDaysWrite, etag: string | null) {
  const { data, response } = await unwrap(
    api.clients.PUT("/v1/clients/{client_id}/subsidy-days", {
      params: { path: { client_id: clientId }, header: etag ? { "if-match": etag } : {} },
      body,
    }),
  );
  return { count: data, etag: response.headers.get("ETag") };
}

export function useSetSubsidyDays(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: SubsidyDaysWrite; etag: string | null }) =>
      setSubsidyDays(clientId, body, etag),
    onSuccess: (saved) => queryClient.setQueryData(kelaKeys.subsidyDays(clientId), saved),
  });
}
