import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export interface SupportSearch {
  employer_id?: string;
  client_id?: string;
}

export async function listSupports(search: SupportSearch) {
  const { data } = await unwrap(api.employer.GET("/v1/supports", { params: { query: { ...search, limit: 200 } } }));
  return data;
}

/** Support decisions (pay subsidy, recruitment bonus, summer-job voucher, grants) with the euros they commit. */
export const useSupports = (search: SupportSearch) =>
  useQuery({ queryKey: employerKeys.supports(search), queryFn: () => listSupports(search) });
