import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { statementKeys } from "./query-keys";

/** The client's statement requests from the national system, open and closed, the latest first (audited). */
export async function getClientStatementRequests(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/statement-requests", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useClientStatementRequests = (clientId: string) =>
  useQuery({
    queryKey: statementKeys.requestsOfClient(clientId),
    queryFn: () => getClientStatementRequests(clientId),
  });
