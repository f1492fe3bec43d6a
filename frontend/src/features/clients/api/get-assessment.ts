import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { ApiError, unwrap } from "../../../lib/problem";
import type { AssessmentRead } from "./types";
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

export const useAssessment = (clientId: string) =>
  useQuery({ queryKey: clientKeys.assessment(clientId), queryFn: () => getAssessment(clientId) });
