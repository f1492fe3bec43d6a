import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { Reconciling } from "./get-latest-report";
import { integrationKeys } from "./query-keys";

/**
 * `dead`: the dead letters, after the last try; `pending`: waiting for their first or next attempt; `paused`: not
 * attempted while the subscription is inactive, sent when it is switched on again.
 */
export type DeliveryState = "dead" | "pending" | "paused";

/** The first page of a subscription's deliveries in one state, oldest first (a hundred, and whether there are more). */
export async function getDeliveriesPage(service: Reconciling, subscriptionId: string, state: DeliveryState) {
  const options = { params: { path: { subscription_id: subscriptionId }, query: { status: state, limit: 100 } } };
  const { data } = await unwrap(
    service === "employer"
      ? api.employer.GET("/v1/webhook-subscriptions/{subscription_id}/deliveries", options)
      : api.clients.GET("/v1/webhook-subscriptions/{subscription_id}/deliveries", options),
  );
  return data;
}

/** A subscription's deliveries in one state, oldest first (the first hundred). */
export async function getDeliveries(service: Reconciling, subscriptionId: string, state: DeliveryState) {
  return (await getDeliveriesPage(service, subscriptionId, state)).items;
}

export type Delivery = Awaited<ReturnType<typeof getDeliveries>>[number];

/** The dead letters: failed on every attempt, waiting for an administrator to send them again. */
export const useDeadLetters = (service: Reconciling, subscriptionId: string) =>
  useQuery({
    queryKey: integrationKeys.deliveries(service, subscriptionId, "dead"),
    queryFn: () => getDeliveries(service, subscriptionId, "dead"),
  });

/** The deliveries that failed at least once and are still being retried (a pending one not yet tried is not). */
export const useRetrying = (service: Reconciling, subscriptionId: string) =>
  useQuery({
    queryKey: integrationKeys.deliveries(service, subscriptionId, "pending"),
    queryFn: () => getDeliveries(service, subscriptionId, "pending"),
    select: (deliveries) => deliveries.filter((delivery) => delivery.attempt_count > 0),
  });

/**
 * The deliveries paused while the subscription is inactive, the first hundred (``more``: there are others; a backlog
 * left by a switched-off subscription can be thousands): they are sent in order when it is switched on again.
 */
export const usePaused = (service: Reconciling, subscriptionId: string) =>
  useQuery({
    queryKey: integrationKeys.deliveries(service, subscriptionId, "paused"),
    queryFn: () => getDeliveriesPage(service, subscriptionId, "paused"),
    select: (page) => ({ items: page.items, more: Boolean(page.next_cursor) }),
  });
