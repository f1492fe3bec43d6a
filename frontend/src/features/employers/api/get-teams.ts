import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export async function getTeams() {
  const { data } = await unwrap(api.clients.GET("/v1/teams"));
  return data;
}

/**
 * The organisation's teams with their members (coaches by name), to name the coach who made an offer. clients-api
 * answers staff who work with clients (coach, manager, admin); for anyone else the query does not run.
 */
export const useTeams = (enabled: boolean) =>
  useQuery({ queryKey: employerKeys.teams(), queryFn: getTeams, enabled, staleTime: 5 * 60 * 1000, retry: false });
