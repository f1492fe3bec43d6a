import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "../../clients";
import type { CancellingParty } from "./types";

/** Cancels a recorded interview: who cancelled it (or that it was recorded in error) and why. */
export async function cancelInterview(
  clientId: string,
  interviewId: string,
  body: { party: CancellingParty; reason: string },
) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/interviews/{interview_id}/cancel", {
      params: { path: { client_id: clientId, interview_id: interviewId } },
      body,
    }),
  );
  return data;
}

export function useCancelInterview(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ interviewId, ...body }: { interviewId: string; party: CancellingParty; reason: string }) =>
      cancelInterview(clientId, interviewId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.schedule(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.interviews(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.dueList() });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
