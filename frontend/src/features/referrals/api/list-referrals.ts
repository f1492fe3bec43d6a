import { useQueries, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { ReferralStatus } from "./types";
import { referralKeys } from "./query-keys";

export interface ReferralSearch {
  status?: ReferralStatus;
  client_id?: string;
}

export async function listReferrals(search: ReferralSearch, limit = 20) {
  const { data } = await unwrap(api.referrals.GET("/v1/referrals", { params: { query: { ...search, limit } } }));
  return data;
}

/** The organisation's referrals, newest first (a partner: those sent to it). */
export const useReferrals = (search: ReferralSearch, limit = 20) =>
  useQuery({ queryKey: referralKeys.list(search, limit), queryFn: () => listReferrals(search, limit) });

/** One list per status, fetched in parallel. */
export function useReferralsByStatus(statuses: readonly ReferralStatus[], limit = 20) {
  return useQueries({
    queries: statuses.map((status) => ({
      queryKey: referralKeys.list({ status }, limit),
      queryFn: () => listReferrals({ status }, limit),
    })),
  });
}
