import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { Channel, OrganisationType, ProductionModel, ServiceTargetGroup } from "./types";
import { referralKeys } from "./query-keys";

export interface ServiceSearch {
  q?: string;
  municipality?: string;
  target_group?: ServiceTargetGroup;
  language?: string;
  age?: number;
  organisation_type?: OrganisationType;
  channel?: Channel;
  production_model?: ProductionModel;
}

export async function searchServices(search: ServiceSearch, cursor: string | null, limit = 20) {
  const query = Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined && value !== ""));
  const { data } = await unwrap(
    api.referrals.GET("/v1/services", { params: { query: { ...query, limit, cursor: cursor ?? undefined } } }),
  );
  return data;
}

/** Cursor pages of the network's service directory (a partner: its own services). */
export function useServiceSearch(search: ServiceSearch, enabled = true) {
  return useInfiniteQuery({
    queryKey: referralKeys.services(search),
    queryFn: ({ pageParam }) => searchServices(search, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled,
  });
}
