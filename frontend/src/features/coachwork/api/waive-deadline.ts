import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "../../clients";
import type { WaiverCreate } from "./types";

/** Waives one deadline of the schedule (kind and number as the schedule names it) with the coach's reason. */
export async function waiveDeadline(clientId: string, body: WaiverCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/schedule/waivers", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

export function useWaiveDeadline(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WaiverCreate) => waiveDeadline(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.schedule(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.dueList() });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
