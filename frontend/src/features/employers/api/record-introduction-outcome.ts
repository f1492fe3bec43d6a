import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { IntroductionRead, IntroductionStatus } from "./types";

/** Records what came of an introduction (If-Match: the version the person saw). */
export async function recordIntroductionOutcome(introduction: IntroductionRead, outcome: IntroductionStatus) {
  const { data } = await unwrap(
    api.employer.POST("/v1/introductions/{introduction_id}/outcome", {
      params: { path: { introduction_id: introduction.id }, header: { "if-match": `"v${introduction.version}"` } },
      body: { outcome },
    }),
  );
  return data;
}

export function useRecordIntroductionOutcome() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ introduction, outcome }: { introduction: IntroductionRead; outcome: IntroductionStatus }) =>
      recordIntroductionOutcome(introduction, outcome),
    onSuccess: (introduction) => {
      void queryClient.invalidateQueries({ queryKey: employerKeys.introductionAll });
      void queryClient.invalidateQueries({ queryKey: employerKeys.clientTimeline(introduction.client_id) });
    },
  });
}
