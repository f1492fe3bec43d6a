import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { IntroductionStatus } from "./types";

export interface IntroductionSearch {
  client_id?: string;
  vacancy_id?: string;
  status?: IntroductionStatus;
}

export async function listIntroductions(search: IntroductionSearch) {
  const { data } = await unwrap(
    api.employer.GET("/v1/introductions", { params: { query: { ...search, limit: 200 } } }),
  );
  return data;
}

/** Introductions (*esittelyt*) of candidates to employers, by client, vacancy or status. */
export const useIntroductions = (search: IntroductionSearch, enabled = true) =>
  useQuery({ queryKey: employerKeys.introductions(search), queryFn: () => listIntroductions(search), enabled });
