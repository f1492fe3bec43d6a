import { createHmac } from "node:crypto";

import { expect, type APIRequestContext } from "@playwright/test";

// The national platform's demo machine client and the development signing secret (docs/contract.md).
const PLATFORM_CLIENT = "national-platform";
const DEVELOPMENT_EVENTS_SECRET = "whsec_cG9sa3UgZGV2ZWxvcG1lbnQgZXZlbnRzIHNlY3JldA==";

export function isoDay(offsetDays: number): string {
  const helsinki = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date());
  const day = new Date(`${helsinki}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offsetDays);
  return day.toISOString().slice(0, 10);
}

/** Signs and sends one event as the platform does: its own token and a Standard Webhooks signature. */
export async function sendPlatformEvent(request: APIRequestContext, event: Record<string, unknown>): Promise<void> {
  const token = await request.post("/auth/token", {
    form: {
      grant_type: "client_credentials",
      client_id: PLATFORM_CLIENT,
      client_secret: `${PLATFORM_CLIENT}-secret`,
    },
  });
  expect(token.status()).toBe(200);
  const accessToken = ((await token.json()) as { access_token: string }).access_token;
  const body = JSON.stringify(event);
  const id = String(event.id);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(DEVELOPMENT_EVENTS_SECRET.slice("whsec_".length), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  const sent = await request.post("/api/clients/v1/platform/events", {
    data: body,
    headers: {
      authorization: `Bearer ${accessToken}`,
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": timestamp,
      "webhook-signature": `v1,${signature}`,
    },
  });
  expect(sent.status(), await sent.text()).toBe(202);
}

/** A day as the Finnish pages write it (4.12.2026). */
export function finnishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${Number(day)}.${Number(month)}.${year}`;
}
