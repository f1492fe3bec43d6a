import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { metricsDataKeys } from "./query-keys";

export interface BudgetSearch {
  /** The budget year, e.g. 2025: its twelve months are fetched (the forecast is the year's). */
  year: number;
}

export async function getBudget({ year }: BudgetSearch) {
  const { data } = await unwrap(
    api.metrics.GET("/v1/figures", {
      params: { query: { indicator: "budget", from: `${year}-01`, to: `${year}-12` } },
    }),
  );
  return data;
}

export const budgetQuery = (search: BudgetSearch) =>
  queryOptions({ queryKey: metricsDataKeys.budget(search), queryFn: () => getBudget(search) });

export function useBudget(search: BudgetSearch) {
  return useQuery(budgetQuery(search));
}
