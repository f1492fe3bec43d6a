import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";
import type { EpisodeCreate } from "./types";

/** Records an activating-service episode the coach arranged (one from a referral or a pay subsidy comes by event). */
export async function recordEpisode(clientId: string, body: EpisodeCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/episodes", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

// An episode changes the client's status and what the metrics count: the client's reads are fetched again.
export function useRecordEpisode(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EpisodeCreate) => recordEpisode(clientId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) }),
  });
}
