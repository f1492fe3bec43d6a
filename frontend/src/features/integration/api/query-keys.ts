/** The integration feature's query keys. */
export const integrationKeys = {
  all: ["integration"] as const,
  report: (service: string) => [...integrationKeys.all, "report", service] as const,
  subscriptions: (service: string) => [...integrationKeys.all, "subscriptions", service] as const,
  parked: (service: string) => [...integrationKeys.all, "parked", service] as const,
  failures: (service: string, subscriptionId: string) =>
    [...integrationKeys.all, "failures", service, subscriptionId] as const,
};
