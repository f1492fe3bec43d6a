import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

export async function reportProgress(referralId: string, note: string) {
  const { data } = await unwrap(
    api.referrals.POST("/v1/referrals/{referral_id}/progress-reports", {
      params: { path: { referral_id: referralId }, header: { "Idempotency-Key": crypto.randomUUID() } },
      body: { note },
    }),
  );
  return data;
}

export function useReportProgress(referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => reportProgress(referralId, note),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: referralKeys.history(referralId) }),
  });
}
