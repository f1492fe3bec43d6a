import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

/**
 * The names of the clients behind candidates, offers and introductions, as "Last, First", asked from clients-api in
 * one request (``/v1/client-names``; employer-api keeps no names). clients-api applies its own rules: a coach's
 * reach, and for employer services the organisation's job seekers; a client left out has no name here and the
 * screens show the client's reference instead.
 */
export async function getClientNames(clientIds: string[]) {
  const { data } = await unwrap(api.clients.GET("/v1/client-names", { params: { query: { id: clientIds } } }));
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
