/**
 * The employers feature's query keys, in one place: queries and the mutations that refresh them name keys through
 * this factory, never by hand. An employer's reads nest under ``detail(employerId)``, a vacancy's under
 * ``vacancy(vacancyId)``.
 */
export const employerKeys = {
  all: ["employers"] as const,
  list: (search: unknown) => [...employerKeys.all, "list", search] as const,
  detail: (employerId: string) => [...employerKeys.all, employerId] as const,
  contacts: (employerId: string) => [...employerKeys.detail(employerId), "contacts"] as const,
  nextSteps: () => [...employerKeys.all, "next-steps-due"] as const,
  // The staff of the organisation employer-api has seen, to pick an account manager from.
  staff: () => ["staff", "employer_services"] as const,
  vacancies: (search: unknown) => ["vacancies", "list", search] as const,
  vacancyAll: ["vacancies"] as const,
  vacancy: (vacancyId: string) => ["vacancies", vacancyId] as const,
  candidates: (vacancyId: string) => [...employerKeys.vacancy(vacancyId), "candidates"] as const,
  // Offers and introductions are read by vacancy, by client or by status: one root, refreshed together.
  offers: (search: unknown) => ["job-offers", search] as const,
  offerAll: ["job-offers"] as const,
  introductions: (search: unknown) => ["introductions", search] as const,
  introductionAll: ["introductions"] as const,
  supports: (search: unknown) => ["supports", search] as const,
  supportAll: ["supports"] as const,
  committed: (year: number) => ["supports", "committed", year] as const,
  vacancyMatches: (clientId: string) => ["clients", clientId, "vacancy-matches"] as const,
  // The client's names and timeline are clients-api's: the same keys as the clients feature's reads of them, so
  // that an offer made here shows on the client's timeline.
  clientTimeline: (clientId: string) => ["clients", clientId, "timeline"] as const,
  clientNames: (ids: readonly string[]) => ["clients", "names", ids] as const,
  // clients-api's teams, under the same key as the coach's work feature reads them.
  teams: () => ["teams"] as const,
};
