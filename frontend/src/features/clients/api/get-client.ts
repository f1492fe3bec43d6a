import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getClient(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useClient = (clientId: string) =>
  useQuery({ queryKey: clientKeys.detail(clientId), queryFn: () => getClient(clientId) });
