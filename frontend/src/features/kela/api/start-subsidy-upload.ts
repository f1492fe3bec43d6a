import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

/** Starts an import of Kela's file sent in parts, naming its data rows so that the progress can be shown. */
export async function startSubsidyUpload(rowsExpected: number) {
  const { data } = await unwrap(api.clients.POST("/v1/subsidy-day-uploads", { body: { rows_expected: rowsExpected } }));
  return data;
}
