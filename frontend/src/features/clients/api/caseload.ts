import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { MorningFilter } from "./types";

export async function getCaseload(filters: MorningFilter[]) {
  const { data } = await unwrap(api.clients.GET("/v1/caseload", { params: { query: { filter: filters } } }));
  return data;
}

/** The coach's own caseload narrowed by every morning filter given, with how many clients each filter would show. */
export const useCaseload = (filters: MorningFilter[]) =>
  useQuery({ queryKey: ["caseload", filters], queryFn: () => getCaseload(filters), placeholderData: keepPreviousData });

const SAVED = ["saved-filters"] as const;

export const useSavedFilters = () =>
  useQuery({ queryKey: SAVED, queryFn: async () => (await unwrap(api.clients.GET("/v1/saved-filters"))).data });

export function useSaveFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ name, filters }: { name: string; filters: MorningFilter[] }) =>
      (await unwrap(api.clients.POST("/v1/saved-filters", { body: { name, parameters: { filters } } }))).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SAVED }),
  });
}

export function useDeleteFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(api.clients.DELETE("/v1/saved-filters/{filter_id}", { params: { path: { filter_id: id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SAVED }),
  });
}
