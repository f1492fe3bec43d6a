import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getConsents(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/consents", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useConsents = (clientId: string) =>
  useQuery({ queryKey: clientKeys.consents(clientId), queryFn: () => getConsents(clientId) });
