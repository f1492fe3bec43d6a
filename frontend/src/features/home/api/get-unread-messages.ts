import { useQueries, useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { homeKeys } from "./query-keys";

/** The referrals with messages from others the caller has not read, most recent first, with how many on each. */
export async function getUnreadMessages() {
  const { data } = await unwrap(api.referrals.GET("/v1/referrals/unread-messages"));
  return data;
}

async function getReferral(referralId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals/{referral_id}", { params: { path: { referral_id: referralId } } }),
  );
  return data;
}

async function getServiceName(serviceId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/services/{service_id}", { params: { path: { service_id: serviceId } } }),
  );
  return data;
}

async function getClientNames(clientIds: string[]) {
  const { data } = await unwrap(api.clients.GET("/v1/clients", { params: { query: { id: clientIds, limit: 100 } } }));
  return data.items.map((client) => [client.id, `${client.last_name}, ${client.first_names}`] as const);
}

export interface UnreadThread {
  referralId: string;
  unread: number;
  serviceId?: string;
  clientId?: string;
  clientName?: string;
}

/**
 * The threads with messages the coach has not read (partners' messages on the referrals the coach sent), each with
 * the referral's service and client, in as few requests as the answers allow: the unread counts, the referrals, one
 * request for the clients' names. Reading a thread refreshes the counts (the referrals feature shares the key).
 */
export function useUnreadThreads() {
  const unread = useQuery({ queryKey: homeKeys.unreadMessages(), queryFn: getUnreadMessages });
  const counts = (unread.data ?? []).slice(0, 20);
  const referrals = useQueries({
    queries: counts.map((item) => ({
      queryKey: homeKeys.referral(item.referral_id),
      queryFn: () => getReferral(item.referral_id),
    })),
  });
  const clientIds = [...new Set(referrals.flatMap((result) => (result.data ? [result.data.client_id] : [])))].sort();
  const names = useQuery({
    queryKey: homeKeys.clientNames(clientIds),
    queryFn: () => getClientNames(clientIds),
    enabled: clientIds.length > 0 && referrals.every((result) => !result.isPending),
    staleTime: 60 * 1000,
  });
  const nameOf = new Map(names.data ?? []);
  const threads: UnreadThread[] = counts.map((item, index) => {
    const referral = referrals[index]?.data;
    return {
      referralId: item.referral_id,
      unread: item.unread,
      serviceId: referral?.service_id,
      clientId: referral?.client_id,
      clientName: referral ? nameOf.get(referral.client_id) : undefined,
    };
  });
  return { ...unread, threads };
}

/** A service's name in the reader's language (Finnish when it has none in it). */
export function useServiceName(serviceId: string | undefined, language: string): string | undefined {
  const service = useQuery({
    queryKey: homeKeys.service(serviceId),
    queryFn: () => getServiceName(serviceId!),
    enabled: Boolean(serviceId),
    staleTime: 5 * 60 * 1000,
  });
  if (!service.data) return undefined;
  const { name_fi, name_sv, name_en } = service.data;
  return (language === "sv" ? name_sv : language === "en" ? name_en : null) || name_fi;
}
