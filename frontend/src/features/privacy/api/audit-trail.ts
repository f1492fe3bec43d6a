import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { type AuditFilters, privacyKeys } from "./query-keys";

export async function getAuditTrail(clientId: string, filters: AuditFilters, cursor: string | null, limit = 100) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/audit-trail", {
      params: { path: { client_id: clientId }, query: { ...filters, limit, cursor: cursor ?? undefined } },
    }),
  );
  return data;
}

/** Who read or changed the client's data, when and why, newest first (the data protection officer only). */
export function useAuditTrail(clientId: string | null, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: privacyKeys.auditTrail(clientId ?? "", filters),
    queryFn: ({ pageParam }) => getAuditTrail(clientId!, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    enabled: Boolean(clientId),
  });
}
