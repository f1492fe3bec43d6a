import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getEpisodes(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/episodes", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

/** The client's activating-service episodes, latest first. */
export const useEpisodes = (clientId: string) =>
  useQuery({ queryKey: clientKeys.episodes(clientId), queryFn: () => getEpisodes(clientId) });
