import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export async function listVacancyMatches(clientId: string) {
  const { data } = await unwrap(
    api.employer.GET("/v1/clients/{client_id}/vacancy-matches", {
      params: { path: { client_id: clientId }, query: { limit: 10 } },
    }),
  );
  return data;
}

/** The open vacancies that match a client best, each score in its parts. */
export const useVacancyMatches = (clientId: string) =>
  useQuery({ queryKey: employerKeys.vacancyMatches(clientId), queryFn: () => listVacancyMatches(clientId) });
