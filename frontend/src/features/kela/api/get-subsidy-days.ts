import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { ApiError, unwrap } from "../../../lib/problem";
import { kelaKeys } from "./query-keys";

/** The client's count with its ETag, or null when none has been recorded (the service's 404). */
export async function getSubsidyDays(clientId: string) {
  try {
    const { data, response } = await unwrap(
      api.clients.GET("/v1/clients/{client_id}/subsidy-days", { params: { path: { client_id: clientId } } }),
    );
    return { count: data, etag: response.headers.get("ETag") };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.slug === "subsidy-days-not-recorded") return null;
    throw error;
  }
}

/** Kela's count of the client's labour-market subsidy days, and when it reaches the TYP threshold. */
export const useSubsidyDays = (clientId: string) =>
  useQuery({ queryKey: kelaKeys.subsidyDays(clientId), queryFn: () => getSubsidyDays(clientId) });
