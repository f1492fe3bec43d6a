import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { metricsKeys } from "./query-keys";

/** The definitions of the indicators the signed-in person may read, in the versions in force today. */
export async function getIndicators() {
  const { data } = await unwrap(api.metrics.GET("/v1/indicators"));
  return data;
}

export function useIndicators() {
  return useQuery({ queryKey: metricsKeys.indicators(), queryFn: getIndicators, staleTime: 60 * 60 * 1000 });
}
