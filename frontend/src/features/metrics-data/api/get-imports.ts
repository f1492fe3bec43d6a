import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { metricsDataKeys } from "./query-keys";

/** The organisation's accepted imports, newest first, each naming who imported it and when. */
export async function getImports() {
  const { data } = await unwrap(api.metrics.GET("/v1/imports"));
  return data;
}

export const importsQuery = () => queryOptions({ queryKey: metricsDataKeys.imports(), queryFn: getImports });

export function useImports() {
  return useQuery(importsQuery());
}
