import { queryOptions, useQuery } from "@tanstack/react-query";

import type { components } from "../client/generated/clients";
import { api } from "./api";
import { unwrap } from "./problem";

/**
 * The municipalities of Statistics Finland's municipality classification, with their regions and sub-regions, as
 * clients-api serves them (``GET /v1/municipalities``, from the classifications package every service reads).
 * Proper names: English uses the Finnish name.
 */
export type Municipality = components["schemas"]["MunicipalityRead"];

/**
 * Every municipality, sorted by its Finnish name: filled in place when the list arrives (the app shows its pages
 * once it has, see ``MunicipalitiesLoaded``), so that a page may read it, and ``municipalityName``, while it renders.
 */
export const MUNICIPALITIES: Municipality[] = [];
const byCode = new Map<string, Municipality>();

/** Fills the list (kept in place, so every importer sees it) and the index by code. */
export function setMunicipalities(municipalities: readonly Municipality[]): void {
  const sorted = [...municipalities].sort((a, b) => a.fi.localeCompare(b.fi, "fi"));
  MUNICIPALITIES.splice(0, MUNICIPALITIES.length, ...sorted);
  byCode.clear();
  for (const municipality of sorted) byCode.set(municipality.code, municipality);
}

/** A municipality's name in the reader's language (Swedish for ``sv``, Finnish otherwise); an unknown code as is. */
export function municipalityName(code: string, language: string): string {
  const municipality = byCode.get(code);
  if (!municipality) return code;
  return language === "sv" && municipality.sv ? municipality.sv : municipality.fi;
}

/** The list sorted by the names the reader sees: by the Swedish names for Swedish, by the Finnish ones otherwise. */
export function municipalitiesFor(language: string): Municipality[] {
  if (language !== "sv") return MUNICIPALITIES;
  return [...MUNICIPALITIES].sort((a, b) =>
    municipalityName(a.code, "sv").localeCompare(municipalityName(b.code, "sv"), "sv"),
  );
}

export async function getMunicipalities(): Promise<Municipality[]> {
  const { data } = await unwrap(api.clients.GET("/v1/municipalities"));
  setMunicipalities(data);
  return data;
}

/** A classification: fetched once a session (the browser also keeps the answer by its ETag). */
export const municipalitiesQuery = () =>
  queryOptions({ queryKey: ["classifications", "municipalities"], queryFn: getMunicipalities, staleTime: Infinity });

export const useMunicipalities = () => useQuery(municipalitiesQuery());
