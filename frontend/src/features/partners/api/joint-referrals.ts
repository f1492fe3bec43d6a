import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { getService } from "./get-service";
import { partnerKeys } from "./query-keys";
import type { JointReferralCreate } from "./types";

/** The joint referrals among the client's referrals (their ids, newest first); the list holds no team decision. */
export async function getClientJointIds(clientId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/referrals", { params: { query: { client_id: clientId, limit: 200 } } }),
  );
  const ids: string[] = [];
  for (const referral of data.items) {
    if (referral.joint_referral_id && !ids.includes(referral.joint_referral_id)) ids.push(referral.joint_referral_id);
  }
  return ids;
}

export const useClientJointIds = (clientId: string) =>
  useQuery({ queryKey: partnerKeys.clientReferrals(clientId), queryFn: () => getClientJointIds(clientId) });

export async function getJointReferral(jointId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/joint-referrals/{joint_id}", { params: { path: { joint_id: jointId } } }),
  );
  return data;
}

/** Each joint referral with the weekly team's decision and its referrals. */
export const useJointReferrals = (jointIds: readonly string[]) =>
  useQueries({
    queries: jointIds.map((jointId) => ({
      queryKey: partnerKeys.joint(jointId),
      queryFn: () => getJointReferral(jointId),
    })),
  });

/** The services a joint referral names, for their names and providers. */
export const useServicesById = (serviceIds: readonly string[]) =>
  useQueries({
    queries: serviceIds.map((serviceId) => ({
      queryKey: partnerKeys.service(serviceId),
      queryFn: () => getService(serviceId),
      staleTime: 5 * 60 * 1000,
    })),
  });

export async function getActiveServices() {
  const { data } = await unwrap(
    api.referrals.GET("/v1/services", { params: { query: { status: "active", limit: 200 } } }),
  );
  return data.items;
}

/** The network's active services to choose from. */
export const useActiveServices = () =>
  useQuery({ queryKey: [...partnerKeys.services, "active"], queryFn: getActiveServices, staleTime: 60 * 1000 });

export async function createJointReferral(body: JointReferralCreate) {
  const { data } = await unwrap(api.referrals.POST("/v1/joint-referrals", { body }));
  return data;
}

export async function sendJointReferral(jointId: string) {
  const { data } = await unwrap(
    api.referrals.POST("/v1/joint-referrals/{joint_id}/send", { params: { path: { joint_id: jointId } } }),
  );
  return data;
}

function useRefreshClient(clientId: string) {
  const queryClient = useQueryClient();
  return () => {
    // The client's referrals (and the joint ones among them) and timeline show the referrals too.
    void queryClient.invalidateQueries({ queryKey: ["referrals"] });
    void queryClient.invalidateQueries({ queryKey: ["clients", clientId, "timeline"] });
  };
}

/** Drafts a referral to each service with the team's decision; nothing is sent yet. */
export function useCreateJointReferral(clientId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshClient(clientId);
  return useMutation({
    mutationFn: createJointReferral,
    onSuccess: (created) => {
      queryClient.setQueryData(partnerKeys.joint(created.id), created);
      refresh();
    },
  });
}

/** Sends every draft, or none when the client's consent does not cover every partner (409). */
export function useSendJointReferral(clientId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshClient(clientId);
  return useMutation({
    mutationFn: sendJointReferral,
    onSuccess: (sent) => {
      queryClient.setQueryData(partnerKeys.joint(sent.id), sent);
      refresh();
    },
  });
}
