import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getTimeline(clientId: string, source: string | null, cursor: string | null, limit = 20) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/timeline", {
      params: {
        path: { client_id: clientId },
        query: { limit, cursor: cursor ?? undefined, source: source ?? undefined },
      },
    }),
  );
  return data;
}

/** The client's timeline, newest first, a page at a time; ``source`` limits it to one service's events. */
export function useTimeline(clientId: string, source: string | null) {
  return useInfiniteQuery({
    queryKey: clientKeys.timelineFrom(clientId, source),
    queryFn: ({ pageParam }) => getTimeline(clientId, source, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
  });
}
