import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { partnerKeys } from "./query-keys";

/** One page of the services a partner maintains (its own), or an administrator those of one partner. */
export async function getOwnServices(organisationId: string | undefined, cursor: string | null, limit = 50) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/services", {
      params: { query: { organisation_id: organisationId, limit, cursor: cursor ?? undefined } },
    }),
  );
  return data;
}

/** Every status, not only the active ones: a maintainer also reopens a closed service. */
export function useOwnServices(organisationId: string | undefined, enabled = true) {
  return useInfiniteQuery({
    queryKey: partnerKeys.ownServices(organisationId),
    queryFn: ({ pageParam }) => getOwnServices(organisationId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled,
  });
}
