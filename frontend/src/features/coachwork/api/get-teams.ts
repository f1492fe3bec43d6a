import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { coachworkKeys } from "./query-keys";

export async function getTeams() {
  const { data } = await unwrap(api.clients.GET("/v1/teams"));
  return data;
}

/** The organisation's teams with their members (coaches by name). */
export const useTeams = () => useQuery({ queryKey: coachworkKeys.teams(), queryFn: getTeams });
