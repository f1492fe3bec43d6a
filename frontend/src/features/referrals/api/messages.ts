import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

export async function getMessages(referralId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals/{referral_id}/messages", { params: { path: { referral_id: referralId } } }),
  );
  return data;
}

/** The referral's messages, oldest first; reading them marks them read for the reader. */
export function useMessages(referralId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: referralKeys.messages(referralId),
    queryFn: async () => {
      const thread = await getMessages(referralId);
      void queryClient.invalidateQueries({ queryKey: referralKeys.unreadMessages() });
      return thread;
    },
  });
}

export async function postMessage(referralId: string, body: string) {
  const { data } = await unwrap(
    api.referrals.POST("/v1/referrals/{referral_id}/messages", {
      params: { path: { referral_id: referralId }, header: { "Idempotency-Key": crypto.randomUUID() } },
      body: { body },
    }),
  );
  return data;
}

export function usePostMessage(referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => postMessage(referralId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: referralKeys.messages(referralId) }),
  });
}

export async function getUnreadMessages() {
  const { data } = await unwrap(api.referrals.GET("/v1/referrals/unread-messages"));
  return data;
}

/** The referrals with messages the user has not read: how many on each. */
export const useUnreadMessages = (enabled = true) =>
  useQuery({ queryKey: referralKeys.unreadMessages(), queryFn: getUnreadMessages, enabled });
