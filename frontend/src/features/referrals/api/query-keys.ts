/**
 * The referrals feature's query keys, in one place: queries and the mutations that refresh them name keys through
 * this factory, never by hand. A referral's reads nest under ``detail(referralId)``.
 */
export const referralKeys = {
  all: ["referrals"] as const,
  list: (search: unknown, limit: number) => [...referralKeys.all, "list", search, limit] as const,
  due: () => [...referralKeys.all, "due"] as const,
  detail: (referralId: string) => [...referralKeys.all, referralId] as const,
  history: (referralId: string) => [...referralKeys.detail(referralId), "history"] as const,
  documents: (referralId: string) => [...referralKeys.detail(referralId), "documents"] as const,
  clientData: (referralId: string) => [...referralKeys.detail(referralId), "client-data"] as const,
  messages: (referralId: string) => [...referralKeys.detail(referralId), "messages"] as const,
  unreadMessages: () => [...referralKeys.all, "unread-messages"] as const,
  services: (search: unknown) => ["services", "search", search] as const,
  service: (serviceId: string | undefined) => ["services", serviceId] as const,
  networkMap: (from: unknown, to: unknown) => ["network-map", from, to] as const,
  // The client's consents, names and timeline are clients-api's: the same keys as the clients feature's reads of
  // them, so that a consent given on the client page refreshes the referral form's check and a referral sent here
  // shows on the client's timeline.
  clientConsents: (clientId: string) => ["clients", clientId, "consents"] as const,
  clientTimeline: (clientId: string) => ["clients", clientId, "timeline"] as const,
  clientNames: (ids: readonly string[]) => ["clients", "names", ids] as const,
};
