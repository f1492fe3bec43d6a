import { useMutation } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { FigureSearch } from "./get-figures";
import type { IndicatorCode } from "./types";

export type ExportFormat = "csv" | "xlsx";

export interface ExportSearch extends Omit<FigureSearch, "indicator"> {
  indicators: readonly IndicatorCode[];
  format: ExportFormat;
}

/** The file name the server gives in Content-Disposition, else one made of the search. */
function filenameOf(response: Response, search: ExportSearch): string {
  const header = response.headers.get("Content-Disposition") ?? "";
  const match = /filename="([^"]+)"/.exec(header);
  return match?.[1] ?? `polku-figures-${search.from}-${search.to}.${search.format}`;
}

/** The figures of the indicators shown, as a CSV or XLSX file (fetched with the user's token: a link carries none). */
export async function exportFigures(search: ExportSearch): Promise<{ blob: Blob; filename: string }> {
  const { indicators, format, ...filters } = search;
  const { data, response } = await unwrap(
    api.metrics.GET("/v1/figures/export", {
      params: { query: { ...filters, format, indicator: [...indicators] } },
      parseAs: "blob",
    }),
  );
  return { blob: data, filename: filenameOf(response, search) };
}

/** Saves the file under the server's name through an object URL. */
function save({ blob, filename }: { blob: Blob; filename: string }): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function useExportFigures() {
  return useMutation({ mutationFn: async (search: ExportSearch) => save(await exportFigures(search)) });
}
