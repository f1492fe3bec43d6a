import { queryOptions, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

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
 * Every municipality, sorted by its Finnish name: filled in place when the list arrives, so that ``municipalityName``
 * may read it while a page renders. The pages do not wait for it: a component that names or offers municipalities
 * reads them through ``useMunicipalityNames``, which renders it again once the list is there.
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

/** A classification: fetched once a session (the browser also keeps the answer by its ETag); a list already filled
 * in (as the tests do) is not asked for again. */
export const municipalitiesQuery = () =>
  queryOptions({
    queryKey: ["classifications", "municipalities"],
    queryFn: getMunicipalities,
    staleTime: Infinity,
    initialData: () => (MUNICIPALITIES.length ? [...MUNICIPALITIES] : undefined),
  });

export const useMunicipalities = () => useQuery(municipalitiesQuery());

const WELL_FORMED = /^[0-9]{3}$/;

/** The municipalities as a component that names or offers them reads them. */
export interface MunicipalityNames {
  /** True once the list is there; false while it loads, and when it cannot be had. */
  ready: boolean;
  /** True while the list is on its way: a field that picks from it waits (``MunicipalitiesLoaded``). */
  loading: boolean;
  /** A code's name in the reader's language; the code itself until the list is there. */
  name: (code: string) => string;
  /** Every municipality, sorted by the names the reader sees; empty until the list is there. */
  list: Municipality[];
  /** Whether a code (from the address, say) names a municipality: one of the list, or any well-formed code while the
   * list is not there, so that the page asks for it at once. */
  known: (code: string | null | undefined) => code is string;
}

/**
 * The municipalities for a component that names them or offers them: it renders at once, with codes, and again with
 * the names once the list has arrived.
 */
export function useMunicipalityNames(): MunicipalityNames {
  const { i18n } = useTranslation();
  const query = useMunicipalities();
  const language = i18n.language;
  const ready = query.isSuccess && byCode.size > 0;
  return {
    ready,
    loading: query.isPending,
    name: (code) => municipalityName(code, language),
    list: ready ? municipalitiesFor(language) : [],
    known: (code): code is string => typeof code === "string" && (ready ? byCode.has(code) : WELL_FORMED.test(code)),
  };
}
