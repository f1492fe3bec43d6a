import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { coachworkKeys } from "./query-keys";

export async function getSearchPeriods(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/job-search-periods", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

/** The client's job-search periods, each with its start, its end and the reason it ended. */
export const useSearchPeriods = (clientId: string) =>
  useQuery({ queryKey: coachworkKeys.searchPeriods(clientId), queryFn: () => getSearchPeriods(clientId) });
