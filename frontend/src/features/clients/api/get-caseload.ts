import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { MorningFilter } from "./types";
import { clientKeys } from "./query-keys";

export async function getCaseload(filters: MorningFilter[]) {
  const { data } = await unwrap(api.clients.GET("/v1/caseload", { params: { query: { filter: filters } } }));
  return data;
}

/** The coach's own caseload narrowed by every morning filter given, with how many clients each filter would show. */
export const useCaseload = (filters: MorningFilter[]) =>
  useQuery({
    queryKey: clientKeys.caseload(filters),
    queryFn: () => getCaseload(filters),
    placeholderData: keepPreviousData,
  });
