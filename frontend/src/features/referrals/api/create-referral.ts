import { useMutation } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { ReferralCreate } from "./types";

/** Drafts a referral; the idempotency key makes a retry of the same draft safe. */
export async function createReferral(body: ReferralCreate, idempotencyKey: string) {
  const { data } = await unwrap(
    api.referrals.POST("/v1/referrals", { params: { header: { "Idempotency-Key": idempotencyKey } }, body }),
  );
  return data;
}

export function useCreateReferral() {
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ReferralCreate; idempotencyKey: string }) =>
      createReferral(body, idempotencyKey),
  });
}
