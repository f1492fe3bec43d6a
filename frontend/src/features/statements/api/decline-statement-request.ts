import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { statementKeys } from "./query-keys";
import type { StatementRequestRead } from "./types";

/** Declines to give a statement for the request, with a reason (If-Match: the version the coach saw). */
export async function declineStatementRequest(request: StatementRequestRead, reason: string) {
  const { data } = await unwrap(
    api.clients.POST("/v1/platform/statement-requests/{request_id}/decline", {
      params: { path: { request_id: request.id }, header: { "if-match": `"v${request.version}"` } },
      body: { reason },
    }),
  );
  return data;
}

export function useDeclineStatementRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, reason }: { request: StatementRequestRead; reason: string }) =>
      declineStatementRequest(request, reason),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: statementKeys.all }),
  });
}
