import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { Reconciling } from "./get-latest-report";
import { integrationKeys } from "./query-keys";

/** The organisation's webhook subscriptions at one service. */
export async function getSubscriptions(service: Reconciling) {
  const { data } = await unwrap(
    service === "employer"
      ? api.employer.GET("/v1/webhook-subscriptions")
      : api.clients.GET("/v1/webhook-subscriptions"),
  );
  return data.items;
}

export const useSubscriptions = (service: Reconciling) =>
  useQuery({ queryKey: integrationKeys.subscriptions(service), queryFn: () => getSubscriptions(service) });
