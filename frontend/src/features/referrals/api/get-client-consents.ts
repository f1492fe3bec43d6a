import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

/**
 * The client's consents (clients-api), for the consent check before sending. The query key is the one the client
 * page's consents section uses, so a consent given there shows here at once.
 */
export async function getClientConsents(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/consents", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useClientConsents = (clientId: string) =>
  useQuery({ queryKey: referralKeys.clientConsents(clientId), queryFn: () => getClientConsents(clientId) });
