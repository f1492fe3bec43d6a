import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

export async function getNetworkMap(from: string, to: string) {
  const { data } = await unwrap(api.referrals.GET("/v1/network-map", { params: { query: { from, to } } }));
  return data;
}

/** Who refers to which services over the period, and what came of it. */
export const useNetworkMap = (from: string, to: string) =>
  useQuery({
    queryKey: referralKeys.networkMap(from, to),
    queryFn: () => getNetworkMap(from, to),
    enabled: Boolean(from && to),
  });
