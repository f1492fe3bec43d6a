import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

export async function getReferralDocuments(referralId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals/{referral_id}/documents", { params: { path: { referral_id: referralId } } }),
  );
  return data;
}

export const useReferralDocuments = (referralId: string) =>
  useQuery({
    queryKey: referralKeys.documents(referralId),
    queryFn: () => getReferralDocuments(referralId),
  });
