import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export async function getCommitted(year: number) {
  const { data } = await unwrap(api.employer.GET("/v1/supports/committed", { params: { query: { year } } }));
  return data;
}

/** The euros the supports commit in a year, by kind and by month (cancelled ones left out). */
export const useCommitted = (year: number) =>
  useQuery({ queryKey: employerKeys.committed(year), queryFn: () => getCommitted(year) });
