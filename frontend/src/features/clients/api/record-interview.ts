import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { InterviewCreate } from "./types";

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
      void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "schedule"] });
      void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "interviews"] });
      void queryClient.invalidateQueries({ queryKey: ["due-list"] });
      void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "timeline"] });
    },
  });
}
