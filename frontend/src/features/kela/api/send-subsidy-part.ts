import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

/**
 * Sends one part of the file (CSV with the header; ``firstRow`` is its first data row's number in the whole file).
 * Its rows are checked and kept; the answer is the import's progress and the errors found so far.
 */
export async function sendSubsidyPart(uploadId: string, part: string, firstRow: number) {
  const { data } = await unwrap(
    api.clients.POST("/v1/subsidy-day-uploads/{upload_id}/parts", {
      params: { path: { upload_id: uploadId }, query: { first_row: firstRow } },
      headers: { "Content-Type": "text/csv" },
      body: part,
      bodySerializer: (body: unknown) => body as BodyInit,
    }),
  );
  return data;
}
