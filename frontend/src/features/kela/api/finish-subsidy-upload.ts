import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

/** Imports every row sent, or none when any part had an error (a 422 naming them by row and column). */
export async function finishSubsidyUpload(uploadId: string) {
  const { data } = await unwrap(
    api.clients.POST("/v1/subsidy-day-uploads/{upload_id}/import", { params: { path: { upload_id: uploadId } } }),
  );
  return data;
}
