import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralQueryKey } from "./get-referral";

export async function getReferralDocuments(referralId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals/{referral_id}/documents", { params: { path: { referral_id: referralId } } }),
  );
  return data;
}

export const useReferralDocuments = (referralId: string) =>
  useQuery({
    queryKey: [...referralQueryKey(referralId), "documents"],
    queryFn: () => getReferralDocuments(referralId),
  });
