import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

export async function getReferral(referralId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals/{referral_id}", { params: { path: { referral_id: referralId } } }),
  );
  return data;
}

export const useReferral = (referralId: string) =>
  useQuery({ queryKey: referralKeys.detail(referralId), queryFn: () => getReferral(referralId) });
