import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";
import type { EpisodeRead } from "./types";

/** Records the last day of an episode (If-Match: the version the coach saw). */
export async function endEpisode(episode: EpisodeRead, endsOn: string) {
  const { data } = await unwrap(
    api.clients.PATCH("/v1/clients/{client_id}/episodes/{episode_id}", {
      params: {
        path: { client_id: episode.client_id, episode_id: episode.id },
        header: { "if-match": `"v${episode.version}"` },
      },
      body: { ends_on: endsOn },
    }),
  );
  return data;
}

export function useEndEpisode(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ episode, endsOn }: { episode: EpisodeRead; endsOn: string }) => endEpisode(episode, endsOn),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) }),
  });
}
