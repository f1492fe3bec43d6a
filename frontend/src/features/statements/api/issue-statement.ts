import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { statementKeys } from "./query-keys";
import type { IssueCreate, StatementRead } from "./types";

/** Issues the statement to Kela or the named unemployment fund (If-Match: the version the coach saw). */
export async function issueStatement(clientId: string, statement: StatementRead, body: IssueCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/statements/{statement_id}/issue", {
      params: {
        path: { client_id: clientId, statement_id: statement.id },
        header: { "if-match": `"v${statement.version}"` },
      },
      body,
    }),
  );
  return data;
}

export function useIssueStatement(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ statement, body }: { statement: StatementRead; body: IssueCreate }) =>
      issueStatement(clientId, statement, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: statementKeys.all }),
  });
}
