import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { referral } from "../../../testing/referrals";
import { BoardPage } from "./board-page";

const SERVICE = {
  id: "s",
  organisation_name: "Kela",
  name_fi: "Ammatillinen kuntoutus",
  name_sv: "Yrkesinriktad rehabilitering",
  name_en: null,
};

describe("BoardPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows what needs attention overdue first, a section per open status, and the latest closed", async () => {
    const calls = fakeApi((call: Call) => {
      const url = new URL(call.path, "http://localhost");
      if (url.pathname === "/api/referrals/v1/referrals/due") {
        return {
          status: 200,
          body: [
            { referral: referral({ id: "soon", due_on: "2026-11-27" }), overdue: false, working_days_left: 2 },
            { referral: referral({ id: "late", due_on: "2026-11-20" }), overdue: true, working_days_left: -3 },
          ],
        };
      }
      if (url.pathname === "/api/referrals/v1/referrals") {
        const status = url.searchParams.get("status");
        const items =
          status === "requested"
            ? [referral({ id: "soon" }), referral({ id: "late" })]
            : status === "accepted"
              ? [referral({ id: "taken", status: "accepted" })]
              : status === "completed"
                ? [
                    referral({
                      id: "done",
                      status: "completed",
                      outcome: "started_work",
                      closed_at: "2026-11-24T10:00:00Z",
                    }),
                  ]
                : status === "rejected"
                  ? [referral({ id: "refused", status: "rejected", closed_at: "2026-11-25T10:00:00Z" })]
                  : [];
        return { status: 200, body: { items, next_cursor: null } };
      }
      if (url.pathname === "/api/referrals/v1/services/s") return { status: 200, body: SERVICE };
      return undefined;
    });
    renderWithProviders(<BoardPage />);

    const attention = await screen.findByRole("region", { name: "Vaatii huomiota (2)" });
    await vi.waitFor(() => expect(within(attention).getAllByRole("link")).toHaveLength(2));
    const links = within(attention).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual(["/referrals/late", "/referrals/soon"]);
    const first = within(attention).getAllByRole("listitem")[0];
    expect(first).toHaveTextContent("Myöhässä");
    await vi.waitFor(() => expect(first).toHaveTextContent("Ammatillinen kuntoutus"));

    expect(await screen.findByRole("region", { name: "Lähetetyt (2)" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Hyväksytyt (1)" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Käynnissä (0)" })).toHaveTextContent("Ei lähetteitä.");
    const closed = screen.getByRole("region", { name: "Äskettäin päättyneet" });
    await vi.waitFor(() => expect(within(closed).getAllByRole("link")).toHaveLength(2));
    expect(
      within(closed)
        .getAllByRole("link")
        .map((link) => link.getAttribute("href")),
    ).toEqual(["/referrals/refused", "/referrals/done"]);
    expect(closed).toHaveTextContent("Aloitti työn");

    const statuses = calls
      .map((call) => new URL(call.path, "http://localhost").searchParams.get("status"))
      .filter(Boolean);
    expect(new Set(statuses)).toEqual(
      new Set([
        "requested",
        "received",
        "accepted",
        "in_progress",
        "on_hold",
        "completed",
        "rejected",
        "cancelled",
        "expired",
      ]),
    );
    expect(calls.some((call) => call.path === "/api/referrals/v1/referrals/due?mine=true")).toBe(true);
  });

  it("names the clients it may, in one request for the whole board", async () => {
    const calls = fakeApi((call: Call) => {
      const url = new URL(call.path, "http://localhost");
      if (url.pathname === "/api/referrals/v1/referrals/due") return { status: 200, body: [] };
      if (url.pathname === "/api/referrals/v1/referrals") {
        const items =
          url.searchParams.get("status") === "requested"
            ? [referral({ id: "r-mine", client_id: "mine" }), referral({ id: "r-beyond", client_id: "beyond" })]
            : [];
        return { status: 200, body: { items, next_cursor: null } };
      }
      if (url.pathname === "/api/clients/v1/clients") {
        return {
          status: 200,
          body: { items: [{ id: "mine", first_names: "Matti", last_name: "Meikäläinen" }], next_cursor: null },
        };
      }
      if (url.pathname === "/api/referrals/v1/services/s") return { status: 200, body: SERVICE };
      return undefined;
    });
    renderWithProviders(<BoardPage />);

    const sent = await screen.findByRole("region", { name: "Lähetetyt (2)" });
    const named = await within(sent).findByRole("link", { name: "Meikäläinen, Matti" });
    expect(named).toHaveAttribute("href", "/clients/mine");
    const cards = within(sent).getAllByRole("listitem");
    const beyond = cards.find((card) => within(card).queryByRole("link", { name: "Meikäläinen, Matti" }) === null);
    expect(beyond).toBeDefined();
    expect(
      within(beyond!)
        .getAllByRole("link")
        .map((link) => link.getAttribute("href")),
    ).toEqual(["/referrals/r-beyond"]);

    const lookups = calls.filter((call) => call.path.startsWith("/api/clients/v1/clients?"));
    expect(lookups).toHaveLength(1);
    expect(new URL(lookups[0].path, "http://localhost").searchParams.getAll("id")).toEqual(["beyond", "mine"]);
  });

  it("shows on each referral how many of its messages the coach has not read", async () => {
    fakeApi((call: Call) => {
      const url = new URL(call.path, "http://localhost");
      if (url.pathname === "/api/referrals/v1/referrals/due") return { status: 200, body: [] };
      if (url.pathname === "/api/referrals/v1/referrals/unread-messages") {
        return { status: 200, body: [{ referral_id: "talked", unread: 2 }] };
      }
      if (url.pathname === "/api/referrals/v1/referrals") {
        const items =
          url.searchParams.get("status") === "accepted"
            ? [referral({ id: "talked", status: "accepted" }), referral({ id: "quiet", status: "accepted" })]
            : [];
        return { status: 200, body: { items, next_cursor: null } };
      }
      if (url.pathname === "/api/referrals/v1/services/s") return { status: 200, body: SERVICE };
      return undefined;
    });
    renderWithProviders(<BoardPage />);

    const accepted = await screen.findByRole("region", { name: "Hyväksytyt (2)" });
    const [talked, quiet] = within(accepted).getAllByRole("listitem");
    expect(await within(talked).findByText("2 lukematonta")).toBeInTheDocument();
    expect(quiet).not.toHaveTextContent("lukemat");
  });
});
