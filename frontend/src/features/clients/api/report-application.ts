import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { ApplicationKind } from "./types";
import { clientKeys } from "./query-keys";

export interface ApplicationInput {
  applied_on: string;
  kind: ApplicationKind;
  employer: string;
  position: string;
  /** The job offer the application answers (then an `assigned_vacancy`, counted once with the offer's outcome). */
  job_offer_id?: string | null;
}

export async function reportApplication(clientId: string, body: ApplicationInput) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/job-search/applications", {
      params: { path: { client_id: clientId } },
      body,
    }),
  );
  return data;
}

export function useReportApplication(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationInput) => reportApplication(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.jobSearch(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
