import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { statementKeys } from "./query-keys";

/** A coach's statements (the caller's own without ``coach``): pending ones by days waited, then the issued. */
export async function getCoachStatements(coach: string | null, includeIssued: boolean) {
  const { data } = await unwrap(
    api.clients.GET("/v1/statements", {
      params: { query: { ...(coach ? { coach } : {}), include_issued: includeIssued } },
    }),
  );
  return data;
}

export const useCoachStatements = (coach: string | null, includeIssued: boolean) =>
  useQuery({
    queryKey: statementKeys.ofCoach(coach, includeIssued),
    queryFn: () => getCoachStatements(coach, includeIssued),
  });
