/** The statements feature's query keys; queries and the mutations that refresh them name keys only through this. */
export const statementKeys = {
  all: ["statements"] as const,
  ofClient: (clientId: string) => [...statementKeys.all, "client", clientId] as const,
  requestsOfClient: (clientId: string) => [...statementKeys.all, "requests", clientId] as const,
  ofCoach: (coach: string | null, includeIssued: boolean) =>
    [...statementKeys.all, "coach", coach, includeIssued] as const,
};
