import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getMeetings(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/meetings", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useMeetings = (clientId: string) =>
  useQuery({ queryKey: clientKeys.meetings(clientId), queryFn: () => getMeetings(clientId) });
