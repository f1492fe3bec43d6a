import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export async function listCandidates(vacancyId: string) {
  const { data } = await unwrap(
    api.employer.GET("/v1/vacancies/{vacancy_id}/candidates", {
      params: { path: { vacancy_id: vacancyId }, query: { limit: 20 } },
    }),
  );
  return data;
}

/** The candidates for a vacancy within the reader's reach, best first, each score in its parts. */
export const useCandidates = (vacancyId: string, enabled = true) =>
  useQuery({ queryKey: employerKeys.candidates(vacancyId), queryFn: () => listCandidates(vacancyId), enabled });
