import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { SupportRead, SupportStatus } from "./types";

/**
 * Marks a support paid, or cancels it with a reason (If-Match: the version the person saw). A move its status does
 * not allow is a 409 naming the moves allowed; someone else's change in between is a 412.
 */
export async function changeSupportStatus(support: SupportRead, status: SupportStatus, reason: string | null) {
  const { data } = await unwrap(
    api.employer.POST("/v1/supports/{support_id}/status", {
      params: { path: { support_id: support.id }, header: { "if-match": `"v${support.version}"` } },
      body: { status, reason },
    }),
  );
  return data;
}

export function useChangeSupportStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ support, status, reason }: { support: SupportRead; status: SupportStatus; reason: string | null }) =>
      changeSupportStatus(support, status, reason),
    onSuccess: (support) => {
      // The lists and the euros committed (a cancelled support commits nothing).
      void queryClient.invalidateQueries({ queryKey: employerKeys.supportAll });
      if (support.client_id)
        void queryClient.invalidateQueries({ queryKey: employerKeys.clientTimeline(support.client_id) });
    },
  });
}
