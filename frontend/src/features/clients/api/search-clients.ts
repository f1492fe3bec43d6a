import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { ClientStatus } from "./types";
import { clientKeys } from "./query-keys";

export interface ClientSearch {
  name?: string;
  personal_identity_code?: string;
  municipality?: string;
  status?: ClientStatus;
  coach?: string;
}

/** The criteria go in the body: a name or an identity code in a URL would end up in logs and browser histories. */
export async function searchClients(search: ClientSearch, cursor: string | null, limit = 25) {
  const criteria = Object.fromEntries(Object.entries(search).filter(([, value]) => value));
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/search", { body: { ...criteria, limit, cursor: cursor ?? undefined } }),
  );
  return data;
}

/** Cursor pages of clients; ``enabled`` false until the user has searched. */
export function useClientSearch(search: ClientSearch, enabled = true) {
  return useInfiniteQuery({
    queryKey: clientKeys.searchFor(search),
    queryFn: ({ pageParam }) => searchClients(search, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled,
  });
}
