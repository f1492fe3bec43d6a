import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { IntroductionRead } from "./types";

/**
 * Makes an anonymous introduction named (If-Match: the version the person saw). The service checks at clients-api
 * that the client's consent now covers the name and contact details for the employer; when it does not, the answer
 * is a 409 ``consent-missing`` whose ``missing_categories`` name what is missing.
 */
export async function discloseIntroduction(introduction: IntroductionRead) {
  const { data } = await unwrap(
    api.employer.POST("/v1/introductions/{introduction_id}/disclosure", {
      params: { path: { introduction_id: introduction.id }, header: { "if-match": `"v${introduction.version}"` } },
    }),
  );
  return data;
}

export function useDiscloseIntroduction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (introduction: IntroductionRead) => discloseIntroduction(introduction),
    onSuccess: (introduction) => {
      void queryClient.invalidateQueries({ queryKey: employerKeys.introductionAll });
      void queryClient.invalidateQueries({ queryKey: employerKeys.clientTimeline(introduction.client_id) });
    },
  });
}
