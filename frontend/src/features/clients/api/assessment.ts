import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { ApiError, unwrap } from "../../../lib/problem";
import type { AssessmentRead, AssessmentWrite, OccupationRead } from "./types";

/** The current assessment and the ETag a save must send back; ``assessment`` is null when there is none yet. */
export interface CurrentAssessment {
  assessment: AssessmentRead | null;
  etag: string | null;
}

export const assessmentQueryKey = (clientId: string) => ["clients", clientId, "assessment"] as const;

export async function getAssessment(clientId: string): Promise<CurrentAssessment> {
  try {
    const { data, response } = await unwrap(
      api.clients.GET("/v1/clients/{client_id}/assessment", { params: { path: { client_id: clientId } } }),
    );
    return { assessment: data, etag: response.headers.get("ETag") };
  } catch (error) {
    if (error instanceof ApiError && error.slug === "assessment-not-found") return { assessment: null, etag: null };
    throw error;
  }
}

export const useAssessment = (clientId: string) =>
  useQuery({ queryKey: assessmentQueryKey(clientId), queryFn: () => getAssessment(clientId) });

export async function getAssessmentVersions(clientId: string) {
  const { data } = await unwrap(
    api.clients.GET("/v1/clients/{client_id}/assessment/versions", { params: { path: { client_id: clientId } } }),
  );
  return data;
}

export const useAssessmentVersions = (clientId: string) =>
  useQuery({ queryKey: [...assessmentQueryKey(clientId), "versions"], queryFn: () => getAssessmentVersions(clientId) });

/**
 * Saves the assessment as a new version with If-Match (none for a first one); if someone saved after the version
 * edited, the service answers 412 and nothing is overwritten.
 */
export async function saveAssessment(clientId: string, body: AssessmentWrite, etag: string | null): Promise<CurrentAssessment> {
  const { data, response } = await unwrap(
    api.clients.PUT("/v1/clients/{client_id}/assessment", {
      params: { path: { client_id: clientId }, header: etag ? { "if-match": etag } : {} },
      body,
    }),
  );
  return { assessment: data, etag: response.headers.get("ETag") };
}

export function useSaveAssessment(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: AssessmentWrite; etag: string | null }) => saveAssessment(clientId, body, etag),
    onSuccess: (saved) => {
      queryClient.setQueryData(assessmentQueryKey(clientId), saved);
      void queryClient.invalidateQueries({ queryKey: [...assessmentQueryKey(clientId), "versions"] });
      void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "timeline"] });
    },
  });
}

export type OccupationLanguage = "fi" | "sv" | "en";

export function occupationLanguage(language: string): OccupationLanguage {
  return language === "sv" || language === "en" ? language : "fi";
}

export async function searchOccupations(q: string, lang: OccupationLanguage | undefined, limit = 20): Promise<OccupationRead[]> {
  const { data } = await unwrap(api.clients.GET("/v1/occupations", { params: { query: { q, lang, limit } } }));
  return data;
}

/** Occupations whose code starts with, or whose label in the UI language contains, what the coach typed. */
export function useOccupationSearch(q: string, language: string) {
  const trimmed = q.trim();
  const byCode = /^\d+$/.test(trimmed);
  return useQuery({
    queryKey: ["occupations", trimmed, byCode ? null : occupationLanguage(language)],
    queryFn: () => searchOccupations(trimmed, byCode ? undefined : occupationLanguage(language)),
    enabled: trimmed.length >= 2,
    staleTime: 60 * 60 * 1000,
  });
}

/** The ISCO-08 entries of the given codes, for their labels (the classification does not change while the page is open). */
export function useOccupations(codes: string[]) {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: ["occupations", "code", code],
      queryFn: async () => (await searchOccupations(code, undefined, 200)).find((entry) => entry.code === code) ?? null,
      staleTime: Infinity,
    })),
  });
  const byCode = new Map<string, OccupationRead>();
  for (const result of results) if (result.data) byCode.set(result.data.code, result.data);
  return byCode;
}
