import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { InterviewCreate } from "./types";
import { clientKeys } from "./query-keys";

export async function recordInterview(clientId: string, body: InterviewCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/interviews", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

export function useRecordInterview(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InterviewCreate) => recordInterview(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.schedule(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.interviews(clientId) });
      // An interview can bring the plan up to date, or show that it is not.
      void queryClient.invalidateQueries({ queryKey: clientKeys.planStatus(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.dueList() });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
