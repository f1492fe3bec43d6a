import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { type CurrentAssessment } from "./get-assessment";
import type { AssessmentWrite } from "./types";
import { clientKeys } from "./query-keys";

/**
 * Saves the assessment as a new version with If-Match (none for a first one); if someone saved after the version
 * edited, the service answers 412 and nothing is overwritten.
 */
export async function saveAssessment(
  clientId: string,
  body: AssessmentWrite,
  etag: string | null,
): Promise<CurrentAssessment> {
  const { data, response } = await unwrap(
    api.clients.PUT("/v1/clients/{client_id}/assessment", {
      params: { path: { client_id: clientId }, header: etag ? { "if-match": etag } : {} },
      body,
    }),
  );
  return { assessment: data, etag: response.headers.get("ETag") };
}

export function useSaveAssessment(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: AssessmentWrite; etag: string | null }) =>
      saveAssessment(clientId, body, etag),
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKeys.assessment(clientId), saved);
      void queryClient.invalidateQueries({ queryKey: clientKeys.assessmentVersions(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.timeline(clientId) });
    },
  });
}
