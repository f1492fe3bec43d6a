import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { ApplicationKind } from "./types";

const key = (clientId: string) => ["clients", clientId, "job-search"] as const;

export async function getJobSearch(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/job-search", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useJobSearch = (clientId: string) => useQuery({ queryKey: key(clientId), queryFn: () => getJobSearch(clientId) });

export interface ApplicationInput {
  applied_on: string;
  kind: ApplicationKind;
  employer: string;
  position: string;
}

function useRefresh(clientId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: key(clientId) });
    void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "timeline"] });
  };
}

export function useReportApplication(clientId: string) {
  const refresh = useRefresh(clientId);
  return useMutation({
    mutationFn: async (body: ApplicationInput) =>
      (
        await unwrap(
          api.clients.POST("/v1/clients/{client_id}/job-search/applications", { params: { path: { client_id: clientId } }, body }),
        )
      ).data,
    onSuccess: refresh,
  });
}

export function useRecordNeglect(clientId: string) {
  const refresh = useRefresh(clientId);
  return useMutation({
    mutationFn: async (body: { period_starts_on: string; notes: string | null }) =>
      (
        await unwrap(
          api.clients.POST("/v1/clients/{client_id}/job-search/neglects", { params: { path: { client_id: clientId } }, body }),
        )
      ).data,
    onSuccess: refresh,
  });
}
