import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export interface EmployerSearch {
  name?: string;
  industry?: string;
  municipality?: string;
}

export async function listEmployers(search: EmployerSearch) {
  const { data } = await unwrap(api.employer.GET("/v1/employers", { params: { query: { ...search, limit: 50 } } }));
  return data;
}

/** The authority's employers matching the search (name contains, TOL main class, a workplace in a municipality). */
export const useEmployers = (search: EmployerSearch) =>
  useQuery({
    queryKey: employerKeys.list(search),
    queryFn: () => listEmployers(search),
    placeholderData: keepPreviousData,
  });
