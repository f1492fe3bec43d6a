import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { coachworkKeys } from "./query-keys";

export async function getCoaches() {
  const { data } = await unwrap(api.clients.GET("/v1/coaches"));
  return data;
}

/** The organisation's coaches by name (those who have used Polku and the teams' members), for a manager to pick. */
export const useCoaches = () => useQuery({ queryKey: coachworkKeys.coaches(), queryFn: getCoaches });
