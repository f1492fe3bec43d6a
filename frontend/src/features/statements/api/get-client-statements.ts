import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { statementKeys } from "./query-keys";

/** The client's labour-policy statements, the latest neglect first. */
export async function getClientStatements(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/statements", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useClientStatements = (clientId: string) =>
  useQuery({ queryKey: statementKeys.ofClient(clientId), queryFn: () => getClientStatements(clientId) });
