import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export async function listNextSteps() {
  const { data } = await unwrap(api.employer.GET("/v1/next-steps-due", { params: { query: { limit: 100 } } }));
  return data;
}

/** The signed-in account manager's open next steps with employers, overdue first (the service orders them). */
export const useNextSteps = () => useQuery({ queryKey: employerKeys.nextSteps(), queryFn: listNextSteps });
