import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { coachworkKeys } from "./query-keys";
import type { MemberCreate } from "./types";

/** Adds a coach (the subject of their sign-in, with the name the team shows) to a team. */
export async function addTeamMember(teamId: string, body: MemberCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/teams/{team_id}/members", { params: { path: { team_id: teamId } }, body }),
  );
  return data;
}

export function useAddTeamMember(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MemberCreate) => addTeamMember(teamId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: coachworkKeys.teams() });
      void queryClient.invalidateQueries({ queryKey: coachworkKeys.coaches() });
      void queryClient.invalidateQueries({ queryKey: coachworkKeys.caseloadBalance() });
    },
  });
}
