import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getJobSearch(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/job-search", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

/** The review periods of the obligation: required, reported, the shortfall and any neglect recorded. */
export const useJobSearch = (clientId: string) =>
  useQuery({ queryKey: clientKeys.jobSearch(clientId), queryFn: () => getJobSearch(clientId) });
