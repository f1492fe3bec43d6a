import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getSavedFilters() {
  const { data } = await unwrap(api.clients.GET("/v1/saved-filters"));
  return data;
}

/** The coach's own saved filters (nobody else sees them). */
export const useSavedFilters = () => useQuery({ queryKey: clientKeys.savedFilters(), queryFn: getSavedFilters });
