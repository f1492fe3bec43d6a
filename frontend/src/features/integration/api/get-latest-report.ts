import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { integrationKeys } from "./query-keys";

/** The services that reconcile with the national platform: employer-api its vacancies, clients-api job seekers. */
export const RECONCILING = ["employer", "clients"] as const;
export type Reconciling = (typeof RECONCILING)[number];

/** The last reconciliation report of one service, or null when none has run (a 404). */
export async function getLatestReport(service: Reconciling) {
  if (service === "employer") {
    const answer = await api.employer.GET("/v1/reconciliation-reports/latest");
    return answer.response.status === 404 ? null : (await unwrap(Promise.resolve(answer))).data;
  }
  const answer = await api.clients.GET("/v1/reconciliation-reports/latest");
  return answer.response.status === 404 ? null : (await unwrap(Promise.resolve(answer))).data;
}

export const useLatestReport = (service: Reconciling) =>
  useQuery({ queryKey: integrationKeys.report(service), queryFn: () => getLatestReport(service) });
