/** The integration feature's query keys. */
export const integrationKeys = {
  all: ["integration"] as const,
  report: (service: string) => [...integrationKeys.all, "report", service] as const,
  subscriptions: (service: string) => [...integrationKeys.all, "subscriptions", service] as const,
  parked: (service: string) => [...integrationKeys.all, "parked", service] as const,
  /** A subscription's deliveries; with a state, only those (dead letters, or pending ones). */
  deliveries: (service: string, subscriptionId: string, state?: string) =>
    state === undefined
      ? ([...integrationKeys.all, "deliveries", service, subscriptionId] as const)
      : ([...integrationKeys.all, "deliveries", service, subscriptionId, state] as const),
};
