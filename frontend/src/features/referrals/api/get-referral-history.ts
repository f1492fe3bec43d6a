import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

export async function getReferralHistory(referralId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals/{referral_id}/history", { params: { path: { referral_id: referralId } } }),
  );
  return data;
}

/** Every transition and progress note: who, when, from and to, why. */
export const useReferralHistory = (referralId: string) =>
  useQuery({ queryKey: referralKeys.history(referralId), queryFn: () => getReferralHistory(referralId) });
