import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getInterviews(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/interviews", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useInterviews = (clientId: string) =>
  useQuery({ queryKey: clientKeys.interviews(clientId), queryFn: () => getInterviews(clientId) });
