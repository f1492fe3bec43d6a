import { useQuery } from "@tanstack/react-query";

import type { components } from "../../../client/generated/referrals";
import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { homeKeys } from "./query-keys";

export type ReferralRead = components["schemas"]["ReferralRead"];

/** The referrals the caller sent that changed since ``since``: accepted, rejected, completed with an outcome. */
export async function getNews(since: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals", { params: { query: { mine: true, changed_since: since, limit: 50 } } }),
  );
  return data;
}

export const useNews = (since: string) => useQuery({ queryKey: homeKeys.news(since), queryFn: () => getNews(since) });
