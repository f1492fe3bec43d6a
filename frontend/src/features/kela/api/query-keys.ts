/** The Kela feature's query keys; a client's count nests under the clients feature's key of that client. */
export const kelaKeys = {
  subsidyDays: (clientId: string) => ["clients", clientId, "subsidy-days"] as const,
  upload: (uploadId: string) => ["subsidy-day-uploads", uploadId] as const,
};
