import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { SubscriptionDeliveries } from "./subscription-deliveries";

const SUBSCRIPTION = "5b1c0000-0000-4000-8000-000000000001";
const DELIVERIES = `/api/clients/v1/webhook-subscriptions/${SUBSCRIPTION}/deliveries`;

const delivery = (id: string, fields: Record<string, unknown>) => ({
  id,
  subscription_id: SUBSCRIPTION,
  event_id: `event-${id}`,
  event_type: "fi.polku.client.interview_held.v1",
  status: "pending",
  attempt_count: 0,
  next_attempt_at: "2026-12-03T10:30:00Z",
  last_status_code: null,
  last_error: null,
  delivered_at: null,
  created_at: "2026-12-03T08:00:00Z",
  updated_at: "2026-12-03T08:00:00Z",
  ...fields,
});

const retried = delivery("p1", { attempt_count: 3, last_status_code: 503, last_error: "HTTP 503" });
const notYetTried = delivery("p2", { event_type: "fi.polku.statement.issued.v1" });
const dead = delivery("d1", {
  event_type: "fi.polku.client.job_search_period.ended.v1",
  status: "dead",
  attempt_count: 13,
  last_status_code: 500,
  last_error: "HTTP 500",
});

const paused = [
  delivery("s1", { status: "paused", event_type: "fi.polku.client.registered.v1" }),
  delivery("s2", { status: "paused", attempt_count: 2, last_error: "HTTP 502" }),
];

/**
 * The deliveries by state (``pausedItems`` those of an inactive subscription, none by default); ``replay`` answers
 * the replay (and empties the dead letters once it succeeds).
 */
function service(replay: () => { status: number; body?: unknown }, pausedItems: unknown[] = [], pausedMore = false) {
  let deadLetters = [dead];
  return fakeApi((call: Call) => {
    if (call.method === "GET" && call.path.startsWith(`${DELIVERIES}?`)) {
      const state = new URL(call.path, "http://localhost").searchParams.get("status");
      const items =
        state === "dead"
          ? deadLetters
          : state === "pending"
            ? [retried, notYetTried]
            : state === "paused"
              ? pausedItems
              : [];
      return { status: 200, body: { items, next_cursor: state === "paused" && pausedMore ? "next" : null } };
    }
    if (call.method === "POST" && call.path === "/api/clients/v1/webhook-deliveries/d1/replay") {
      const answer = replay();
      if (answer.status === 200) deadLetters = [];
      return answer;
    }
    return undefined;
  });
}

describe("SubscriptionDeliveries", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the deliveries being retried with their attempts, next attempt and last error, and the dead letters", async () => {
    const calls = service(() => ({ status: 200 }));
    renderWithProviders(<SubscriptionDeliveries service="clients" subscriptionId={SUBSCRIPTION} />);
    const retrying = await screen.findByRole("table", { name: "1 toimitus yritetään uudelleen" });
    const row = within(retrying).getAllByRole("row")[1];
    expect(within(row).getByRole("rowheader")).toHaveTextContent("fi.polku.client.interview_held.v1");
    expect(row).toHaveTextContent("3");
    expect(row).toHaveTextContent("3.12.2026 klo 12.30");
    expect(row).toHaveTextContent("HTTP 503");
    // A pending delivery not yet tried has not failed: it is not listed.
    expect(retrying).not.toHaveTextContent("fi.polku.statement.issued.v1");
    const deadLetters = await screen.findByRole("table", { name: "1 epäonnistunut toimitus" });
    expect(deadLetters).toHaveTextContent("fi.polku.client.job_search_period.ended.v1");
    expect(deadLetters).toHaveTextContent("13");
    expect(deadLetters).toHaveTextContent("HTTP 500");
    const asked = calls.map((call) => new URL(call.path, "http://localhost").searchParams.get("status")).sort();
    expect(asked).toEqual(["dead", "paused", "pending"]);
    // Nothing is paused: no table of paused deliveries.
    expect(screen.queryByRole("table", { name: /Keskeytetty/ })).not.toBeInTheDocument();
  });

  it("lists the deliveries paused while the subscription is inactive, and says they go when it is switched on", async () => {
    service(() => ({ status: 200 }), paused);
    renderWithProviders(<SubscriptionDeliveries service="clients" subscriptionId={SUBSCRIPTION} />);
    const table = await screen.findByRole("table", { name: "Keskeytetty – tilaus ei ole käytössä: 2 toimitusta" });
    expect(table).toHaveAccessibleDescription("Ne lähetetään järjestyksessä, kun tilaus otetaan taas käyttöön.");
    const [first, second] = within(table).getAllByRole("row").slice(1);
    expect(within(first).getByRole("rowheader")).toHaveTextContent("fi.polku.client.registered.v1");
    expect(within(second).getByRole("rowheader")).toHaveTextContent("fi.polku.client.interview_held.v1");
    expect(second).toHaveTextContent("2");
    expect(second).toHaveTextContent("HTTP 502");
    // Paused deliveries are not offered for sending again: they go when the subscription is switched on.
    expect(within(table).queryByRole("button")).not.toBeInTheDocument();
  });

  it("says there are more paused deliveries than the first page it lists", async () => {
    service(() => ({ status: 200 }), paused, true);
    renderWithProviders(<SubscriptionDeliveries service="clients" subscriptionId={SUBSCRIPTION} />);
    const table = await screen.findByRole("table", {
      name: "Keskeytetty – tilaus ei ole käytössä: yli 2 toimitusta, alla ensimmäiset 2",
    });
    expect(within(table).getAllByRole("row")).toHaveLength(3);
  });

  it("sends a dead letter again only after confirmation, then announces and focuses the result", async () => {
    const user = userEvent.setup();
    const calls = service(() => ({ status: 200, body: { ...dead, status: "pending", attempt_count: 0 } }));
    renderWithProviders(<SubscriptionDeliveries service="clients" subscriptionId={SUBSCRIPTION} />);
    await user.click(await screen.findByRole("button", { name: "Lähetä uudelleen" }));
    expect(calls.some((call) => call.method === "POST")).toBe(false);
    expect(screen.getByText(/Lähetetäänkö tapahtuma fi\.polku\.client\.job_search_period\.ended\.v1/)).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Peruuta" }));
    expect(calls.some((call) => call.method === "POST")).toBe(false);
    expect(screen.getByRole("button", { name: "Lähetä uudelleen" })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Lähetä uudelleen" }));
    await user.click(screen.getByRole("button", { name: "Lähetä" }));
    const status = await screen.findByRole("status");
    expect(status).toHaveTextContent("Tapahtuma fi.polku.client.job_search_period.ended.v1 lähetetään uudelleen.");
    expect(status.parentElement).toHaveFocus();
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(1);
    // The lists are read again: the dead letter is gone.
    expect(await screen.findByText("Ei epäonnistuneita toimituksia.")).toBeInTheDocument();
  });

  it("says so when the delivery was pending already", async () => {
    const user = userEvent.setup();
    service(() => ({
      status: 409,
      body: {
        type: "https://polku.fi/problems/webhook-delivery-pending",
        title: "The delivery is pending",
        status: 409,
      },
    }));
    renderWithProviders(<SubscriptionDeliveries service="clients" subscriptionId={SUBSCRIPTION} />);
    await user.click(await screen.findByRole("button", { name: "Lähetä uudelleen" }));
    await user.click(screen.getByRole("button", { name: "Lähetä" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Toimitus on jo jonossa");
    expect(alert.parentElement).toHaveFocus();
  });

  it("speaks Swedish and English too", async () => {
    service(() => ({ status: 200 }), paused.slice(0, 1));
    await i18n.changeLanguage("sv");
    const { unmount } = renderWithProviders(<SubscriptionDeliveries service="clients" subscriptionId={SUBSCRIPTION} />);
    expect(await screen.findByRole("table", { name: "1 leverans försöks igen" })).toBeInTheDocument();
    expect(
      await screen.findByRole("table", { name: "Pausad – prenumerationen är inte aktiv: 1 leverans" }),
    ).toHaveAccessibleDescription("De skickas i ordning när prenumerationen aktiveras igen.");
    expect(await screen.findByRole("button", { name: "Skicka igen" })).toBeInTheDocument();
    unmount();
    await i18n.changeLanguage("en");
    renderWithProviders(<SubscriptionDeliveries service="clients" subscriptionId={SUBSCRIPTION} />);
    expect(await screen.findByRole("table", { name: "1 delivery being retried" })).toBeInTheDocument();
    expect(
      await screen.findByRole("table", { name: "Paused – the subscription is inactive: 1 delivery" }),
    ).toHaveAccessibleDescription("They are sent in order when the subscription is switched on again.");
    expect(await screen.findByRole("button", { name: "Send again" })).toBeInTheDocument();
  });
});
