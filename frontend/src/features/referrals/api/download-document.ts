import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

/** The document's bytes; fetched with the user's token (a plain link would carry none). */
export async function downloadDocument(referralId: string, documentId: string): Promise<Blob> {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals/{referral_id}/documents/{document_id}", {
      params: { path: { referral_id: referralId, document_id: documentId } },
      parseAs: "blob",
    }),
  );
  return data;
}
