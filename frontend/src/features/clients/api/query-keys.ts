/**
 * The clients feature's query keys, in one place: queries and the mutations that refresh them name keys through
 * this factory, never by hand. A client's reads nest under ``detail(clientId)``.
 */
export const clientKeys = {
  all: ["clients"] as const,
  search: () => [...clientKeys.all, "search"] as const,
  searchFor: (search: unknown) => [...clientKeys.search(), search] as const,
  detail: (clientId: string) => [...clientKeys.all, clientId] as const,
  consents: (clientId: string) => [...clientKeys.detail(clientId), "consents"] as const,
  timeline: (clientId: string) => [...clientKeys.detail(clientId), "timeline"] as const,
  timelineFrom: (clientId: string, source: unknown) => [...clientKeys.timeline(clientId), source] as const,
  schedule: (clientId: string) => [...clientKeys.detail(clientId), "schedule"] as const,
  interviews: (clientId: string) => [...clientKeys.detail(clientId), "interviews"] as const,
  meetings: (clientId: string) => [...clientKeys.detail(clientId), "meetings"] as const,
  statusHistory: (clientId: string) => [...clientKeys.detail(clientId), "status-history"] as const,
  jobSearch: (clientId: string) => [...clientKeys.detail(clientId), "job-search"] as const,
  offerChoices: (clientId: string) => [...clientKeys.jobSearch(clientId), "offer-choices"] as const,
  episodes: (clientId: string) => [...clientKeys.detail(clientId), "episodes"] as const,
  plan: (clientId: string) => [...clientKeys.detail(clientId), "plan"] as const,
  planVersions: (clientId: string) => [...clientKeys.plan(clientId), "versions"] as const,
  planStatus: (clientId: string) => [...clientKeys.plan(clientId), "status"] as const,
  duties: (clientId: string) => [...clientKeys.detail(clientId), "duties"] as const,
  assessment: (clientId: string) => [...clientKeys.detail(clientId), "assessment"] as const,
  assessmentVersions: (clientId: string) => [...clientKeys.assessment(clientId), "versions"] as const,
  caseload: (filters: unknown) => ["caseload", filters] as const,
  dueList: () => ["due-list"] as const,
  coachMeetings: () => ["meetings"] as const,
  savedFilters: () => ["saved-filters"] as const,
  occupations: (text: string, language: string | null) => ["occupations", text, language] as const,
  occupation: (code: string) => ["occupations", "code", code] as const,
};
