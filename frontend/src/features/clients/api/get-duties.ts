import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getDuties(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/duties", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

/** The 2026 duties of the client's job search (the job-search profile, the under-25s' education application). */
export const useDuties = (clientId: string) =>
  useQuery({ queryKey: clientKeys.duties(clientId), queryFn: () => getDuties(clientId) });
