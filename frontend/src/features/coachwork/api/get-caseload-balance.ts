import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { coachworkKeys } from "./query-keys";

export async function getCaseloadBalance() {
  const { data } = await unwrap(api.clients.GET("/v1/caseloads"));
  return data;
}

/** Caseload size, overdue deadlines and plan debt per coach and per team, for a manager balancing caseloads. */
export const useCaseloadBalance = () =>
  useQuery({ queryKey: coachworkKeys.caseloadBalance(), queryFn: getCaseloadBalance });
