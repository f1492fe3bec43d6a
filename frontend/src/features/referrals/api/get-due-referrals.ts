import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

export async function getDueReferrals() {
  const { data } = await unwrap(api.referrals.GET("/v1/referrals/due", { params: { query: { mine: true } } }));
  return data;
}

/** The caller's sent referrals the partner has not yet accepted, by due day, overdue first. */
export const useDueReferrals = () => useQuery({ queryKey: referralKeys.due(), queryFn: getDueReferrals });
