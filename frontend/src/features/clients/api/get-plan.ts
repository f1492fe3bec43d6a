import { useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { ApiError, unwrap } from "../../../lib/problem";
import type { PlanRead } from "./types";
import { planVersionsQuery } from "./get-plan-versions";
import { clientKeys } from "./query-keys";

/** The current plan and the ETag a save must send back; ``plan`` is null when the client has none yet. */
export interface CurrentPlan {
  plan: PlanRead | null;
  etag: string | null;
}

export async function getPlan(clientId: string): Promise<CurrentPlan> {
  try {
    const { data, response } = await unwrap(
      api.clients.GET("/v1/clients/{client_id}/plan", { params: { path: { client_id: clientId } } }),
    );
    return { plan: data, etag: response.headers.get("ETag") };
  } catch (error) {
    if (error instanceof ApiError && error.slug === "plan-not-found") return { plan: null, etag: null };
    throw error;
  }
}

/**
 * The current plan, asked for only when the version history has one: a client without one would otherwise cost a
 * 404 on every visit, which the browser reports as a failed request.
 */
export function usePlan(clientId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: clientKeys.plan(clientId),
    queryFn: async (): Promise<CurrentPlan> => {
      const versions = await queryClient.fetchQuery(planVersionsQuery(clientId));
      return versions.length ? getPlan(clientId) : { plan: null, etag: null };
    },
  });
}
