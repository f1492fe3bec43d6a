import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

/** Sends a draft; referrals-api checks the client's consent first (409 ``consent-missing`` naming the categories). */
export async function sendReferral(referralId: string, idempotencyKey: string) {
  const { data } = await unwrap(
    api.referrals.POST("/v1/referrals/{referral_id}/send", {
      params: { path: { referral_id: referralId }, header: { "Idempotency-Key": idempotencyKey } },
    }),
  );
  return data;
}
