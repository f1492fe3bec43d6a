import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { statementKeys } from "./query-keys";
import type { StatementCreate } from "./types";

/** Drafts a statement; the answer carries the consequence of the rules in force on the day of the neglect. */
export async function draftStatement(clientId: string, body: StatementCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/statements", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

export function useDraftStatement(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StatementCreate) => draftStatement(clientId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: statementKeys.all }),
  });
}
