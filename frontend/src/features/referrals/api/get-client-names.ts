import { useQueries } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

/** clients-api answers at most this many ids at a time. */
const IDS_PER_REQUEST = 100;

export async function getClientNames(clientIds: string[]) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients", { params: { query: { id: clientIds, limit: IDS_PER_REQUEST } } }),
  );
  return data.items.map((client) => [client.id, `${client.last_name}, ${client.first_names}`] as const);
}

/**
 * The names of the clients behind a list of referrals, as "Last, First", read from clients-api in as few
 * requests as the ids allow. A client beyond the reader's reach has no name here (clients-api leaves it out).
 */
export function useClientNames(clientIds: string[]): Map<string, string> {
  const unique = [...new Set(clientIds)].sort();
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) {
    chunks.push(unique.slice(start, start + IDS_PER_REQUEST));
  }
  const results = useQueries({
    queries: chunks.map((chunk) => ({
      queryKey: referralKeys.clientNames(chunk),
      queryFn: () => getClientNames(chunk),
      staleTime: 60 * 1000,
    })),
  });
  return new Map(results.flatMap((result) => result.data ?? []));
}
