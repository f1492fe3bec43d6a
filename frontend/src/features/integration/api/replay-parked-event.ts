import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { Reconciling } from "./get-latest-report";
import { integrationKeys } from "./query-keys";

/** Sends a parked event back to the service's worker (audited); a 409 when it is no longer parked. */
export async function replayParkedEvent(service: Reconciling, eventId: string) {
  const options = { params: { path: { event_id: eventId } } };
  const { data } = await unwrap(
    service === "employer"
      ? api.employer.POST("/v1/platform/events/parked/{event_id}/replay", options)
      : api.clients.POST("/v1/platform/events/parked/{event_id}/replay", options),
  );
  return data;
}

export function useReplayParkedEvent(service: Reconciling) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) => replayParkedEvent(service, eventId),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: integrationKeys.parked(service) }),
  });
}
