import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

export async function getSchedule(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/schedule", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useSchedule = (clientId: string) =>
  useQuery({ queryKey: ["clients", clientId, "schedule"], queryFn: () => getSchedule(clientId) });
