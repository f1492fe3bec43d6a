import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { coachworkKeys } from "./query-keys";

/** Removes a coach from a team; the clients assigned to them stay theirs. */
export async function removeTeamMember(teamId: string, coachSubject: string) {
  await unwrap(
    api.clients.DELETE("/v1/teams/{team_id}/members/{coach_subject}", {
      params: { path: { team_id: teamId, coach_subject: coachSubject } },
    }),
  );
}

export function useRemoveTeamMember(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (coachSubject: string) => removeTeamMember(teamId, coachSubject),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: coachworkKeys.teams() });
      void queryClient.invalidateQueries({ queryKey: coachworkKeys.caseloadBalance() });
    },
  });
}
