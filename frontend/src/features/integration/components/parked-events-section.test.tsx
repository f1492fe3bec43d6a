import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { ParkedEventsSection } from "./parked-events-section";

const EVENT = "0f8e4b9a-2c1d-4e8f-9a7b-6c5d4e3f2a10";

const parkedEvent = {
  id: EVENT,
  type: "fi.tyomarkkinatori.jobseeker.registered.v1",
  source: "https://tyomarkkinatori.fi",
  subject: "job-seekers/77",
  time: "2026-12-03T07:59:00Z",
  received_at: "2026-12-03T08:00:00Z",
  attempts: 5,
  last_error: "ValueError: home municipality 999 is unknown",
  parked_at: "2026-12-03T08:20:00Z",
  last_replay: {
    replayed_at: "2026-12-03T08:10:00Z",
    replayed_by: "admin-ilona",
    replayed_by_name: "Ilona Admin",
  },
};

function service(replay: (call: Call) => { status: number; body: unknown }) {
  let parked = [parkedEvent];
  return fakeApi((call: Call) => {
    if (call.method === "GET" && call.path.startsWith("/api/clients/v1/platform/events/parked")) {
      return { status: 200, body: { items: parked, next_cursor: null } };
    }
    if (call.method === "POST" && call.path === `/api/clients/v1/platform/events/parked/${EVENT}/replay`) {
      const answer = replay(call);
      if (answer.status === 202) parked = [];
      return answer;
    }
    return undefined;
  });
}

describe("ParkedEventsSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists a parked event with its error, attempts and who replayed it last", async () => {
    service(() => ({ status: 202, body: {} }));
    renderWithProviders(<ParkedEventsSection service="clients" />);
    const region = await screen.findByRole("region", { name: "Käsittelemättä jääneet työnhakijatapahtumat" });
    const item = await within(region).findByRole("listitem", { name: parkedEvent.type });
    expect(item).toHaveTextContent("ValueError: home municipality 999 is unknown");
    expect(item).toHaveTextContent("Yrityksiä5");
    expect(item).toHaveTextContent("job-seekers/77");
    expect(item).toHaveTextContent(/Ilona Admin, 3\.12\.2026/);
  });

  it("replays only after confirmation, then announces and focuses the result naming the administrator", async () => {
    const user = userEvent.setup();
    const calls = service(() => ({
      status: 202,
      body: {
        id: EVENT,
        status: "received",
        replayed_at: "2026-12-03T09:00:00Z",
        replayed_by: "admin-ilona",
        replayed_by_name: "Ilona Admin",
      },
    }));
    renderWithProviders(<ParkedEventsSection service="clients" />);
    await user.click(await screen.findByRole("button", { name: "Käsittele uudelleen" }));
    expect(calls.some((call) => call.method === "POST")).toBe(false);
    const question = screen.getByText(/Lähetetäänkö tapahtuma fi\.tyomarkkinatori\.jobseeker\.registered\.v1/);
    expect(question).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Jätä sivuun" }));
    expect(calls.some((call) => call.method === "POST")).toBe(false);
    expect(screen.getByRole("button", { name: "Käsittele uudelleen" })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Käsittele uudelleen" }));
    await user.click(screen.getByRole("button", { name: "Kyllä, käsittele uudelleen" }));
    const status = await screen.findByRole("status");
    expect(status).toHaveTextContent(/Ilona Admin lähetti tapahtuman fi\.tyomarkkinatori\.jobseeker\.registered\.v1/);
    expect(status.parentElement).toHaveFocus();
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(1);
    expect(await screen.findByText("Ei käsittelemättä jääneitä tapahtumia.")).toBeInTheDocument();
  });

  it("says so when the event was no longer parked", async () => {
    const user = userEvent.setup();
    service(() => ({
      status: 409,
      body: {
        type: "https://polku.fi/problems/inbound-event-not-parked",
        title: "The inbound event is not parked",
        status: 409,
      },
    }));
    renderWithProviders(<ParkedEventsSection service="clients" />);
    await user.click(await screen.findByRole("button", { name: "Käsittele uudelleen" }));
    await user.click(screen.getByRole("button", { name: "Kyllä, käsittele uudelleen" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Tapahtuma ei ole enää sivussa");
    expect(alert.parentElement).toHaveFocus();
  });
});
