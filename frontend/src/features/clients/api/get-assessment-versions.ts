import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getAssessmentVersions(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/assessment/versions", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const assessmentVersionsQuery = (clientId: string) =>
  queryOptions({ queryKey: clientKeys.assessmentVersions(clientId), queryFn: () => getAssessmentVersions(clientId) });

export const useAssessmentVersions = (clientId: string) => useQuery(assessmentVersionsQuery(clientId));
