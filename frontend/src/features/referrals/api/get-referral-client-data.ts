import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

/** The client data the referral carries: 409 when the consent no longer covers it or it was never sent. */
export async function getReferralClientData(referralId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals/{referral_id}/client-data", { params: { path: { referral_id: referralId } } }),
  );
  return data;
}

export const useReferralClientData = (referralId: string, enabled: boolean) =>
  useQuery({
    queryKey: referralKeys.clientData(referralId),
    queryFn: () => getReferralClientData(referralId),
    enabled,
    retry: false,
  });
