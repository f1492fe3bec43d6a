import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { Reconciling } from "./get-latest-report";
import { integrationKeys } from "./query-keys";

/** The services that receive the national platform's events: each keeps the ones it could not handle (parked). */
export const RECEIVING = ["clients", "employer"] as const satisfies readonly Reconciling[];

/** The organisation's parked inbound events at one service, oldest first (administrators only). */
export async function getParkedEvents(service: Reconciling) {
  const { data } = await unwrap(
    service === "employer"
      ? api.employer.GET("/v1/platform/events/parked")
      : api.clients.GET("/v1/platform/events/parked"),
  );
  return data.items;
}

export type ParkedEvent = Awaited<ReturnType<typeof getParkedEvents>>[number];

export const useParkedEvents = (service: Reconciling) =>
  useQuery({ queryKey: integrationKeys.parked(service), queryFn: () => getParkedEvents(service) });
