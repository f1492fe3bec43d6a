import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

export const savedFiltersQueryKey = ["saved-filters"] as const;

export async function getSavedFilters() {
  const { data } = await unwrap(api.clients.GET("/v1/saved-filters"));
  return data;
}

/** The coach's own saved filters (nobody else sees them). */
export const useSavedFilters = () => useQuery({ queryKey: savedFiltersQueryKey, queryFn: getSavedFilters });
