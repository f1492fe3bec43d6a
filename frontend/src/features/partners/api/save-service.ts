import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { partnerKeys } from "./query-keys";
import type { ServiceCreate, ServiceRead, ServiceUpdate } from "./types";

/** Publishes a service (a partner its own; an administrator one of a partner of the network). */
export async function publishService(body: ServiceCreate) {
  const { data } = await unwrap(api.referrals.POST("/v1/services", { body }));
  return data;
}

/** Changes a service with the version the form was filled from; someone else's change meanwhile is a 412. */
export async function updateService(service: ServiceRead, body: ServiceUpdate) {
  const { data } = await unwrap(
    api.referrals.PATCH("/v1/services/{service_id}", {
      params: { path: { service_id: service.id }, header: { "if-match": `"v${service.version}"` } },
      body,
    }),
  );
  return data;
}

export function usePublishService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishService,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: partnerKeys.services }),
  });
}

export function useUpdateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ service, body }: { service: ServiceRead; body: ServiceUpdate }) => updateService(service, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: partnerKeys.services }),
  });
}
