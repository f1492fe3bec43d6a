import { clientKeys } from "../../clients";

/** The coach's work feature's query keys; a client's reads nest under the clients feature's key of that client. */
export const coachworkKeys = {
  assignments: (clientId: string) => [...clientKeys.detail(clientId), "assignments"] as const,
  searchPeriods: (clientId: string) => [...clientKeys.detail(clientId), "job-search-periods"] as const,
  teams: () => ["teams"] as const,
  coaches: () => ["coaches"] as const,
  caseloadBalance: () => ["caseloads"] as const,
};
