import { useQueries } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { metricsKeys } from "./query-keys";
import type { Group, IndicatorCode } from "./types";

export interface FigureSearch {
  indicator: IndicatorCode;
  /** The first month, YYYY-MM. */
  from: string;
  /** The last month, YYYY-MM. */
  to: string;
  group: Group;
  /** Statistics Finland's municipality code; undefined: the whole organisation. */
  municipality?: string;
}

export async function getFigures(search: FigureSearch) {
  const { data } = await unwrap(api.metrics.GET("/v1/figures", { params: { query: { ...search } } }));
  return data;
}

/** Each indicator's figures for the same filters, fetched in parallel, each with its definition. */
export function useFiguresFor(indicators: readonly IndicatorCode[], filters: Omit<FigureSearch, "indicator">) {
  return useQueries({
    queries: indicators.map((indicator) => {
      const search = { ...filters, indicator };
      return { queryKey: metricsKeys.figures(search), queryFn: () => getFigures(search) };
    }),
  });
}
