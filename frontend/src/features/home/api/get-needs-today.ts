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

/** The due items by client, one entry per client in the order of the list (the most overdue client first). */
export function byClient(items: DueItem[]): { clientId: string; clientName: string; items: DueItem[] }[] {
  const clients = new Map<string, { clientId: string; clientName: string; items: DueItem[] }>();
  for (const item of items) {
    const entry = clients.get(item.client_id) ?? { clientId: item.client_id, clientName: item.client_name, items: [] };
    entry.items.push(item);
    clients.set(item.client_id, entry);
  }
  return [...clients.values()];
}
