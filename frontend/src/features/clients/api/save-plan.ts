import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { CurrentPlan } from "./get-plan";
import type { PlanWrite } from "./types";
import { clientKeys } from "./query-keys";

/**
 * Saves the plan as a new version. ``etag`` is the ETag of the version the coach edited (null for a first plan);
 * if someone saved after it, the service answers 412 and nothing is overwritten.
 */
export async function savePlan(clientId: string, body: PlanWrite, etag: string | null): Promise<CurrentPlan> {
  const { data, response } = await unwrap(
    api.clients.PUT("/v1/clients/{client_id}/plan", {
      params: { path: { client_id: clientId }, header: etag ? { "if-match": etag } : {} },
      body,
    }),
  );
  return { plan: data, etag: response.headers.get("ETag") };
}

export function useSavePlan(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: PlanWrite; etag: string | null }) => savePlan(clientId, body, etag),
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKeys.plan(clientId), saved);
      void queryClient.invalidateQueries({ queryKey: clientKeys.planVersions(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.planStatus(clientId) });
      // The obligation of the job search comes from the plan.
      void queryClient.invalidateQueries({ queryKey: clientKeys.jobSearch(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
