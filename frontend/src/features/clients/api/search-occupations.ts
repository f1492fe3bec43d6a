import { useQueries, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { OccupationRead } from "./types";
import { clientKeys } from "./query-keys";

export type OccupationLanguage = "fi" | "sv" | "en";

export function occupationLanguage(language: string): OccupationLanguage {
  return language === "sv" || language === "en" ? language : "fi";
}

export async function searchOccupations(
  q: string,
  lang: OccupationLanguage | undefined,
  limit = 20,
): Promise<OccupationRead[]> {
  const { data } = await unwrap(api.clients.GET("/v1/occupations", { params: { query: { q, lang, limit } } }));
  return data;
}

/** Occupations whose code starts with, or whose label in the UI language contains, what the coach typed. */
export function useOccupationSearch(q: string, language: string) {
  const trimmed = q.trim();
  const byCode = /^\d+$/.test(trimmed);
  return useQuery({
    queryKey: clientKeys.occupations(trimmed, byCode ? null : occupationLanguage(language)),
    queryFn: () => searchOccupations(trimmed, byCode ? undefined : occupationLanguage(language)),
    enabled: trimmed.length >= 2,
    staleTime: 60 * 60 * 1000,
  });
}

/** The ISCO-08 entries of the given codes, for their labels (the classification does not change while the page is open). */
export function useOccupations(codes: string[]) {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: clientKeys.occupation(code),
      queryFn: async () => (await searchOccupations(code, undefined, 200)).find((entry) => entry.code === code) ?? null,
      staleTime: Infinity,
    })),
  });
  const byCode = new Map<string, OccupationRead>();
  for (const result of results) if (result.data) byCode.set(result.data.code, result.data);
  return byCode;
}
