import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { statementKeys } from "./query-keys";
import type { HearingCreate, StatementRead } from "./types";

/** Records the client's account with its date. ``version`` is the statement's version the coach saw (If-Match). */
export async function hearClient(clientId: string, statement: StatementRead, body: HearingCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/statements/{statement_id}/hearing", {
      params: {
        path: { client_id: clientId, statement_id: statement.id },
        header: { "if-match": `"v${statement.version}"` },
      },
      body,
    }),
  );
  return data;
}

export function useHearClient(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ statement, body }: { statement: StatementRead; body: HearingCreate }) =>
      hearClient(clientId, statement, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: statementKeys.all }),
  });
}
