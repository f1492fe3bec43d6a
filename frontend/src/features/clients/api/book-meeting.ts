import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";
import type { MeetingCreate } from "./types";

export async function bookMeeting(clientId: string, body: MeetingCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/meetings", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

export function useBookMeeting(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingCreate) => bookMeeting(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.meetings(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.coachMeetings() });
    },
  });
}
