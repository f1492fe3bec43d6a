import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function deleteSavedFilter(id: string) {
  await unwrap(api.clients.DELETE("/v1/saved-filters/{filter_id}", { params: { path: { filter_id: id } } }));
}

export function useDeleteSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSavedFilter,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clientKeys.savedFilters() }),
  });
}
