import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { Reconciling } from "./get-latest-report";
import { integrationKeys } from "./query-keys";

/** Sends a dead-lettered delivery again, its attempts counted from zero (audited); a 409 when it is pending already. */
export async function replayDelivery(service: Reconciling, deliveryId: string) {
  const options = { params: { path: { delivery_id: deliveryId } } };
  const { data } = await unwrap(
    service === "employer"
      ? api.employer.POST("/v1/webhook-deliveries/{delivery_id}/replay", options)
      : api.clients.POST("/v1/webhook-deliveries/{delivery_id}/replay", options),
  );
  return data;
}

export function useReplayDelivery(service: Reconciling, subscriptionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => replayDelivery(service, deliveryId),
    onSettled: () =>
      void queryClient.invalidateQueries({ queryKey: integrationKeys.deliveries(service, subscriptionId) }),
  });
}
