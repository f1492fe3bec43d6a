import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

/**
 * The names of the clients behind candidates, offers and introductions, as "Last, First", asked from clients-api in
 * one request (employer-api keeps no names). A client the reader may not read by name (employer services read
 * candidates by id only) has no name here; the screens show the client's reference instead.
 */
export async function getClientNames(clientIds: string[]) {
  const { data } = await unwrap(api.clients.GET("/v1/clients", { params: { query: { id: clientIds, limit: 100 } } }));
  return new Map(data.items.map((client) => [client.id, `${client.last_name}, ${client.first_names}`] as const));
}

export function useClientNames(clientIds: string[], enabled: boolean): Map<string, string> {
  const unique = [...new Set(clientIds)].sort().slice(0, 100);
  const names = useQuery({
    queryKey: employerKeys.clientNames(unique),
    queryFn: () => getClientNames(unique),
    enabled: enabled && unique.length > 0,
    staleTime: 60 * 1000,
    retry: false,
  });
  return names.data ?? new Map<string, string>();
}
