import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getPlanStatus(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/plan/status", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

/** Whether the client's plan is up to date (*ajantasainen suunnitelma*) today, and why not. */
export const usePlanStatus = (clientId: string) =>
  useQuery({ queryKey: clientKeys.planStatus(clientId), queryFn: () => getPlanStatus(clientId) });
