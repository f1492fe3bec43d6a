import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { MorningFilter } from "./types";
import { clientKeys } from "./query-keys";

/** Saves the morning filters under a name; the same name again is answered 409. */
export async function saveFilter(name: string, filters: MorningFilter[]) {
  const { data } = await unwrap(api.clients.POST("/v1/saved-filters", { body: { name, parameters: { filters } } }));
  return data;
}

export function useSaveFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, filters }: { name: string; filters: MorningFilter[] }) => saveFilter(name, filters),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clientKeys.savedFilters() }),
  });
}
