import { useMutation } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { ReferralRead, ReferralUpdate } from "./types";

/** Changes a draft before it is sent, with the version the form holds (a change made meanwhile is a 412). */
export async function updateDraft(draft: ReferralRead, body: ReferralUpdate) {
  const { data } = await unwrap(
    api.referrals.PATCH("/v1/referrals/{referral_id}", {
      params: { path: { referral_id: draft.id }, header: { "if-match": `"v${draft.version}"` } },
      body,
    }),
  );
  return data;
}

export function useUpdateDraft() {
  return useMutation({
    mutationFn: ({ draft, body }: { draft: ReferralRead; body: ReferralUpdate }) => updateDraft(draft, body),
  });
}
