import createClient, { type Middleware } from "openapi-fetch";

import type { paths as ClientsPaths } from "../client/generated/clients";
import type { paths as EmployerPaths } from "../client/generated/employer";
import type { paths as MetricsPaths } from "../client/generated/metrics";
import type { paths as ReferralsPaths } from "../client/generated/referrals";

export const SERVICES = ["clients", "referrals", "employer", "metrics"] as const;
export type ServiceName = (typeof SERVICES)[number];

let accessToken: string | null = null;

/** The SPA's auth provider keeps this current; every API call carries it. */
export function setAccessToken(token: string | null): void {
  accessToken = token;
}

const authentication: Middleware = {
  onRequest({ request }) {
    if (accessToken) request.headers.set("Authorization", `Bearer ${accessToken}`);
    request.headers.set("X-Request-Id", crypto.randomUUID());
    return request;
  },
};

function client<Paths extends object>(service: ServiceName) {
  const api = createClient<Paths>({
    // Absolute, so that requests resolve the same in the browser and under test (jsdom, Node's fetch).
    baseUrl: `${window.location.origin}/api/${service}`,
    // Looked up on each call rather than captured once, so that tests can fake the network boundary.
    fetch: (request) => globalThis.fetch(request),
  });
  api.use(authentication);
  return api;
}

export const api = {
  clients: client<ClientsPaths>("clients"),
  referrals: client<ReferralsPaths>("referrals"),
  employer: client<EmployerPaths>("employer"),
  metrics: client<MetricsPaths>("metrics"),
};
