import { useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { ApiError, unwrap } from "../../../lib/problem";
import type { AssessmentRead } from "./types";
import { assessmentVersionsQuery } from "./get-assessment-versions";
import { clientKeys } from "./query-keys";

/** The current assessment and the ETag a save must send back; ``assessment`` is null when there is none yet. */
export interface CurrentAssessment {
  assessment: AssessmentRead | null;
  etag: string | null;
}

export async function getAssessment(clientId: string): Promise<CurrentAssessment> {
  try {
    const { data, response } = await unwrap(
      api.clients.GET("/v1/clients/{client_id}/assessment", { params: { path: { client_id: clientId } } }),
    );
    return { assessment: data, etag: response.headers.get("ETag") };
  } catch (error) {
    if (error instanceof ApiError && error.slug === "assessment-not-found") return { assessment: null, etag: null };
    throw error;
  }
}

/**
 * The current assessment, asked for only when the version history has one: a client without one would otherwise cost a
 * 404 on every visit, which the browser reports as a failed request.
 */
export function useAssessment(clientId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: clientKeys.assessment(clientId),
    queryFn: async (): Promise<CurrentAssessment> => {
      const versions = await queryClient.fetchQuery(assessmentVersionsQuery(clientId));
      return versions.length ? getAssessment(clientId) : { assessment: null, etag: null };
    },
  });
}
