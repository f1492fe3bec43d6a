import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getPlanVersions(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/plan/versions", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const planVersionsQuery = (clientId: string) =>
  queryOptions({ queryKey: clientKeys.planVersions(clientId), queryFn: () => getPlanVersions(clientId) });

export const usePlanVersions = (clientId: string) => useQuery(planVersionsQuery(clientId));
