/**
 * The partner network's query keys: a partner's own services, the administrator's partner organisations and the
 * joint referrals. The services nest under the same ``services`` root as the directory's search, so that a service
 * published or changed here is shown anew in the directory too.
 */
export const partnerKeys = {
  services: ["services"] as const,
  ownServices: (organisationId: string | undefined) => [...partnerKeys.services, "own", organisationId ?? ""] as const,
  service: (serviceId: string) => [...partnerKeys.services, serviceId] as const,
  organisations: () => ["organisations"] as const,
  joint: (jointId: string) => ["joint-referrals", jointId] as const,
  // The client's referrals, to find the joint referrals among them (the referrals feature's list of the client).
  clientReferrals: (clientId: string) => ["referrals", "list", { client_id: clientId }, "joint"] as const,
};
