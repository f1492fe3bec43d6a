import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getSchedule(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/schedule", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useSchedule = (clientId: string) =>
  useQuery({ queryKey: clientKeys.schedule(clientId), queryFn: () => getSchedule(clientId) });
