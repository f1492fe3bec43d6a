import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { metricsKeys } from "./query-keys";

/** The names of the organisation's coaches by their subject, from clients-api's caseload sizes: the figures by coach
 * (caseload per coach) name the coach, not their identifier. */
export async function getCoachNames(): Promise<Record<string, string>> {
  const { data } = await unwrap(api.clients.GET("/v1/caseloads"));
  return Object.fromEntries(
    data.coaches.flatMap((coach) => (coach.display_name ? [[coach.coach_subject, coach.display_name]] : [])),
  );
}

export function useCoachNames(enabled: boolean) {
  return useQuery({
    queryKey: metricsKeys.coachNames(),
    queryFn: getCoachNames,
    enabled,
    staleTime: 5 * 60 * 1000,
  });
}
