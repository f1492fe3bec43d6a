import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import type { AcceptedMediaType } from "../documents";
import { referralKeys } from "./query-keys";

export interface Attachment {
  /** The name the document is stored under (already fitted to the service's pattern). */
  filename: string;
  mediaType: AcceptedMediaType;
  content: Blob;
}

/** Sends the file itself as the body, its type as Content-Type and its name in ``?filename=``. */
export async function attachDocument(referralId: string, { filename, mediaType, content }: Attachment) {
  const bytes = new Uint8Array(await content.arrayBuffer());
  const { data } = await unwrap(
    api.referrals.POST("/v1/referrals/{referral_id}/documents", {
      params: {
        path: { referral_id: referralId },
        query: { filename },
        header: { "Content-Type": mediaType, "Idempotency-Key": crypto.randomUUID() },
      },
      // The body is the file's bytes as they are, not JSON.
      body: bytes as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
    }),
  );
  return data;
}

export function useAttachDocument(referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachment: Attachment) => attachDocument(referralId, attachment),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referralKeys.documents(referralId) }),
  });
}
