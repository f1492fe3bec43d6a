import { useQuery } from "@tanstack/react-query";

import type { components } from "../../../client/generated/clients";
import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { homeKeys } from "./query-keys";

export type DueItem = components["schemas"]["DueItem"];

/** Everything due today or overdue in the caller's caseload (the due list with no horizon). */
export async function getNeedsToday() {
  const { data } = await unwrap(api.clients.GET("/v1/due-list", { params: { query: { horizon_days: 0 } } }));
  return data;
}

export const useNeedsToday = () => useQuery({ queryKey: homeKeys.needsToday(), queryFn: getNeedsToday });

export type DueStatementRequest = components["schemas"]["DueStatementRequest"];

export interface ClientNeeds {
  clientId: string;
  clientName: string;
  items: DueItem[];
  requests: DueStatementRequest[];
}

/**
 * The due items by client, one entry per client in the order of the list (the most overdue client first), then the
 * clients with only a statement request waiting (the longest waiting first); each with its requests.
 */
export function byClient(items: DueItem[], requests: DueStatementRequest[] = []): ClientNeeds[] {
  const clients = new Map<string, ClientNeeds>();
  const entry = (clientId: string, clientName: string) => {
    const found = clients.get(clientId) ?? { clientId, clientName, items: [], requests: [] };
    clients.set(clientId, found);
    return found;
  };
  for (const item of items) entry(item.client_id, item.client_name).items.push(item);
  for (const request of requests) entry(request.client_id, request.client_name).requests.push(request);
  return [...clients.values()];
}
