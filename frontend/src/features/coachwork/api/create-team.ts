import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { coachworkKeys } from "./query-keys";
import type { TeamCreate } from "./types";

/** Creates a team of coaches in the manager's organisation. */
export async function createTeam(body: TeamCreate) {
  const { data } = await unwrap(api.clients.POST("/v1/teams", { body }));
  return data;
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTeam,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: coachworkKeys.teams() });
      void queryClient.invalidateQueries({ queryKey: coachworkKeys.caseloadBalance() });
    },
  });
}
