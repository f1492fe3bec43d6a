import { useQueries, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { metricsKeys } from "./query-keys";
import type { Group, IndicatorCode, Region } from "./types";

export interface FigureSearch {
  indicator: IndicatorCode;
  /** The first month, YYYY-MM. */
  from: string;
  /** The last month, YYYY-MM. */
  to: string;
  group: Group;
  /** Statistics Finland's municipality code; undefined: the whole organisation. By employment area: its area. */
  municipality?: string;
  /** Cells by municipality (the default) or by employment area. */
  region?: Region;
}

export async function getFigures(search: FigureSearch) {
  const { data } = await unwrap(api.metrics.GET("/v1/figures", { params: { query: { ...search } } }));
  return data;
}

export function figuresQuery(search: FigureSearch) {
  return { queryKey: metricsKeys.figures(search), queryFn: () => getFigures(search) };
}

/** Each indicator's figures for the same filters, fetched in parallel, each with its definition. */
export function useFiguresFor(indicators: readonly IndicatorCode[], filters: Omit<FigureSearch, "indicator">) {
  return useQueries({ queries: indicators.map((indicator) => figuresQuery({ ...filters, indicator })) });
}

/** One indicator's figures. */
export function useFigures(search: FigureSearch, enabled = true) {
  return useQuery({ ...figuresQuery(search), enabled });
}
