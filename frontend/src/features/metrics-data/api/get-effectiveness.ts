import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { metricsDataKeys } from "./query-keys";
import type { FollowUpBy, Horizon } from "./types";

export interface EffectivenessSearch {
  /** The first cohort month, YYYY-MM. */
  from: string;
  /** The last cohort month, YYYY-MM. */
  to: string;
  by: FollowUpBy;
  horizon: Horizon;
  /** Statistics Finland's municipality code; undefined: the whole organisation. */
  municipality?: string;
}

export async function getEffectiveness(search: EffectivenessSearch) {
  const { data } = await unwrap(api.metrics.GET("/v1/effectiveness", { params: { query: { ...search } } }));
  return data;
}

export const effectivenessQuery = (search: EffectivenessSearch) =>
  queryOptions({ queryKey: metricsDataKeys.effectiveness(search), queryFn: () => getEffectiveness(search) });

export function useEffectiveness(search: EffectivenessSearch, enabled = true) {
  return useQuery({ ...effectivenessQuery(search), enabled });
}
