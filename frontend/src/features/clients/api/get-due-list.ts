import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { clientKeys } from "./query-keys";

export async function getDueList() {
  const { data } = await unwrap(api.clients.GET("/v1/due-list", { params: { query: { horizon_days: 7 } } }));
  return data;
}

export const dueListQuery = () => queryOptions({ queryKey: clientKeys.dueList(), queryFn: getDueList });

export const useDueList = () => useQuery(dueListQuery());
