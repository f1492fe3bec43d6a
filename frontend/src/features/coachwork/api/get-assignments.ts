import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { coachworkKeys } from "./query-keys";

export async function getAssignments(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/assignments", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

/** The client's assignment history: each assignment, reassignment and unassignment with who made it and why. */
export const useAssignments = (clientId: string) =>
  useQuery({ queryKey: coachworkKeys.assignments(clientId), queryFn: () => getAssignments(clientId) });
