import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "../../clients";
import { coachworkKeys } from "./query-keys";
import type { AssignmentCreate } from "./types";

/** Assigns the client to a coach (and a team), reassigns, or unassigns with both empty; the reason is required. */
export async function assignClient(clientId: string, body: AssignmentCreate) {
  const { data } = await unwrap(
    api.clients.POST("/v1/clients/{client_id}/assignments", { params: { path: { client_id: clientId } }, body }),
  );
  return data;
}

export function useAssignClient(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignmentCreate) => assignClient(clientId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
      void queryClient.invalidateQueries({ queryKey: coachworkKeys.caseloadBalance() });
      void queryClient.invalidateQueries({ queryKey: ["caseload"] });
    },
  });
}
