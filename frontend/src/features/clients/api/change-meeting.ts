import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";
import type { MeetingRead } from "./types";

/** What can be done to a booked meeting: record it held (which records the interview), or cancel it. */
export type MeetingChange = { meeting: MeetingRead } & (
  { kind: "held"; notes: string | null } | { kind: "cancel"; reason: string }
);

export async function changeMeeting(clientId: string, change: MeetingChange) {
  const path = { client_id: clientId, meeting_id: change.meeting.id };
  const headers = { "if-match": `"v${change.meeting.version}"` };
  if (change.kind === "held") {
    const { data } = await unwrap(
      api.clients.POST("/v1/clients/{client_id}/meetings/{meeting_id}/held", {
        params: { path, header: headers },
        body: { notes: change.notes },
      }),
    );
    return data;
  }
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/meetings/{meeting_id}/cancel", {
      params: { path, header: headers },
      body: { reason: change.reason },
    }),
  );
  return data;
}

export function useChangeMeeting(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: MeetingChange) => changeMeeting(clientId, change),
    onSuccess: () => {
      for (const key of [
        clientKeys.meetings(clientId),
        clientKeys.coachMeetings(),
        clientKeys.schedule(clientId),
        clientKeys.interviews(clientId),
        clientKeys.dueList(),
        clientKeys.timeline(clientId),
      ]) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });
}
