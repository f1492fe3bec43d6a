/** The home's query keys. The clients feature refreshes the due list and the meetings by the same names. */
export const homeKeys = {
  dueList: () => ["due-list"] as const,
  needsToday: () => [...homeKeys.dueList(), "today"] as const,
  meetings: () => ["meetings"] as const,
  days: (since: string, days: number) => [...homeKeys.meetings(), since, days] as const,
  news: (since: string) => ["referrals", "news", since] as const,
  // The referrals feature's keys for the same reads: reading a thread there refreshes the unread counts here.
  unreadMessages: () => ["referrals", "unread-messages"] as const,
  referral: (referralId: string) => ["referrals", referralId] as const,
  service: (serviceId: string | undefined) => ["services", serviceId] as const,
  clientNames: (ids: readonly string[]) => ["clients", "names", ids] as const,
};
