import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getStatusHistory(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/status-history", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useStatusHistory = (clientId: string) =>
  useQuery({ queryKey: clientKeys.statusHistory(clientId), queryFn: () => getStatusHistory(clientId) });
