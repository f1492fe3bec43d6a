import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { todayInHelsinki } from "../../../lib/format";
import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { StatementRead, StatementRequestRead } from "../api/types";
import { StatementRequestsSection } from "./statement-requests-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const LIST = `/api/clients/v1/clients/${CLIENT}/statement-requests`;
const DECLINE = "/api/clients/v1/platform/statement-requests/req-1/decline";

const pending: StatementRequestRead = {
  id: "req-1",
  client_id: CLIENT,
  request_id: "LAUSUNTO-1",
  requested_on: "2026-11-23",
  requester: "Kela",
  status: "pending",
  statement_id: null,
  closed_at: null,
  closed_by: null,
  closed_by_name: null,
  decline_reason: null,
  version: 1,
};

const declinedEarlier: StatementRequestRead = {
  ...pending,
  id: "req-0",
  request_id: "LAUSUNTO-0",
  requested_on: "2026-10-01",
  requester: "Työttömyyskassa Raha",
  status: "declined",
  closed_at: "2026-10-02T09:00:00Z",
  closed_by: "coach-mikko",
  closed_by_name: "Mikko Laine",
  decline_reason: "Työnhaku oli päättynyt ennen kysyttyä aikaa.",
  version: 2,
};

const drafted: StatementRead = {
  id: "s1",
  client_id: CLIENT,
  version: 1,
  state: "draft",
  neglect_kind: "missed_interview",
  neglected_on: "2026-11-02",
  description: "Ei saapunut",
  ordinal: 1,
  consequence: "non_compensable_period",
  non_compensable_days: 7,
  rule_set: "reform-2026",
  client_account: null,
  heard_on: null,
  heard_by: null,
  recipient: null,
  fund_name: null,
  issued_on: null,
  issued_by: null,
  drafted_by: "coach-aino",
  drafted_at: "2026-11-03T08:00:00Z",
  updated_by: "coach-aino",
  updated_at: "2026-11-03T08:00:00Z",
  processing_days: 20,
};

function service({ stale = false }: { stale?: boolean } = {}) {
  let current: StatementRequestRead[] = [declinedEarlier, pending];
  return fakeApi((call: Call) => {
    if (call.path === LIST && call.method === "GET") return { status: 200, body: current };
    if (call.path === DECLINE) {
      if (stale) {
        return {
          status: 412,
          body: {
            type: "https://polku.fi/problems/statement-request-changed",
            title: "Changed",
            status: 412,
            current_version: 2,
          },
        };
      }
      const declined: StatementRequestRead = {
        ...pending,
        status: "declined",
        closed_at: "2026-11-25T10:00:00Z",
        closed_by: "coach-aino",
        closed_by_name: "Aino Virtanen",
        decline_reason: "Ei työvoimapoliittista kysymystä.",
        version: 2,
      };
      current = [declinedEarlier, declined];
      return { status: 200, body: declined };
    }
    if (call.path === `/api/clients/v1/clients/${CLIENT}/statements` && call.method === "POST") {
      current = [declinedEarlier, { ...pending, status: "drafted", statement_id: "s1", version: 2 }];
      return { status: 201, body: drafted };
    }
    return undefined;
  });
}

describe("StatementRequestsSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the open request first and opens it with its due day and the way to answer", async () => {
    service();
    renderWithProviders(<StatementRequestsSection clientId={CLIENT} />);
    const headings = await screen.findAllByRole("heading", { level: 3 });
    expect(headings.map((heading) => heading.textContent)).toEqual([
      "Kela, pyydetty 23.11.2026 Odottaa",
      "Työttömyyskassa Raha, pyydetty 1.10.2026 Kieltäydytty",
    ]);
    const [open] = screen.getAllByRole("button", { name: "Avaa pyyntö" });
    expect(open).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(open);
    expect(open).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByText("viipymättä, 23.11.2026 alkaen (hallintolaki 23 §)")).toBeVisible();
    expect(screen.getByRole("button", { name: "Laadi lausunto tästä pyynnöstä" })).toBeVisible();
  });

  it("names who declined a closed request, and why", async () => {
    service();
    renderWithProviders(<StatementRequestsSection clientId={CLIENT} />, { route: "/?request=req-0" });
    expect(await screen.findByText("Mikko Laine, 2.10.2026 klo 12.00")).toBeVisible();
    expect(screen.getByText("Työnhaku oli päättynyt ennen kysyttyä aikaa.")).toBeVisible();
    expect(screen.queryByRole("button", { name: "Kieltäydy antamasta lausuntoa" })).toBeNull();
  });

  it("declines with a reason and the version seen, naming who declined", async () => {
    const calls = service();
    renderWithProviders(<StatementRequestsSection clientId={CLIENT} />, { route: "/?request=req-1" });
    const opener = await screen.findByRole("button", { name: "Kieltäydy antamasta lausuntoa" });
    expect(opener).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(opener);
    expect(opener).toHaveAttribute("aria-expanded", "true");
    const form = screen.getByRole("form", { name: "Kieltäydy antamasta lausuntoa" });
    await vi.waitFor(() => expect(within(form).getByRole("heading")).toHaveFocus());
    await userEvent.click(within(form).getByRole("button", { name: "Kieltäydy antamasta lausuntoa" }));
    expect(await screen.findAllByText("Kirjoita perustelu (vähintään 3 merkkiä).")).not.toHaveLength(0);
    expect(calls.filter((call) => call.path === DECLINE)).toHaveLength(0);
    await userEvent.type(
      within(form).getByRole("textbox", { name: /^Perustelu/ }),
      "Ei työvoimapoliittista kysymystä.",
    );
    await userEvent.click(within(form).getByRole("button", { name: "Kieltäydy antamasta lausuntoa" }));
    expect(
      await screen.findByText("Aino Virtanen kieltäytyi antamasta lausuntoa pyyntöön (Kela)."),
    ).toBeInTheDocument();
    // Declined, the form closes and focus goes to the request, which now says it is declined.
    const heading = await screen.findByRole("heading", { name: "Kela, pyydetty 23.11.2026 Kieltäydytty" });
    expect(form).not.toBeInTheDocument();
    await vi.waitFor(() => expect(heading).toHaveFocus());
    const declined = calls.find((call) => call.path === DECLINE)!;
    expect(declined.headers.get("If-Match")).toBe('"v1"');
    expect(declined.body).toEqual({ reason: "Ei työvoimapoliittista kysymystä." });
  });

  it("says so when someone changed the request meanwhile, and declines nothing", async () => {
    service({ stale: true });
    renderWithProviders(<StatementRequestsSection clientId={CLIENT} />, { route: "/?request=req-1" });
    await userEvent.click(await screen.findByRole("button", { name: "Kieltäydy antamasta lausuntoa" }));
    const form = screen.getByRole("form", { name: "Kieltäydy antamasta lausuntoa" });
    await userEvent.type(within(form).getByRole("textbox", { name: /^Perustelu/ }), "Ei kysymystä.");
    await userEvent.click(within(form).getByRole("button", { name: "Kieltäydy antamasta lausuntoa" }));
    expect(await screen.findByText(/Joku muutti pyyntöä.*nyt versio 2/)).toBeInTheDocument();
  });

  it("drafts the statement for the request, naming the request in the draft", async () => {
    const calls = service();
    renderWithProviders(<StatementRequestsSection clientId={CLIENT} />, { route: "/?request=req-1" });
    await userEvent.click(await screen.findByRole("button", { name: "Laadi lausunto tästä pyynnöstä" }));
    await vi.waitFor(() => expect(screen.getByRole("heading", { name: "Lausunto pyyntöön: Kela" })).toHaveFocus());
    await userEvent.type(screen.getByRole("textbox", { name: /^Mitä tapahtui/ }), "Ei saapunut");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna luonnos" }));
    expect(
      await screen.findByText(
        "Luonnos tallennettu pyyntöön (Kela): 7 päivän korvaukseton määräaika (1. laiminlyönti).",
      ),
    ).toBeInTheDocument();
    expect(calls.find((call) => call.method === "POST")!.body).toEqual({
      neglect_kind: "missed_interview",
      neglected_on: todayInHelsinki(),
      description: "Ei saapunut",
      platform_request_id: "req-1",
    });
    // Drafted, the form closes and focus goes to the request, which now says its statement is drafted.
    const heading = await screen.findByRole("heading", { name: "Kela, pyydetty 23.11.2026 Lausunto luonnoksena" });
    expect(screen.queryByRole("textbox", { name: /^Mitä tapahtui/ })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(heading).toHaveFocus());
  });

  it("refuses in Finnish a draft for a request someone closed meanwhile", async () => {
    fakeApi((call: Call) => {
      if (call.path === LIST && call.method === "GET") return { status: 200, body: [pending] };
      if (call.method === "POST")
        return {
          status: 409,
          body: {
            type: "https://polku.fi/problems/statement-request-closed",
            title: "The statement request is closed",
            status: 409,
            detail: "The request is declined",
          },
        };
      return undefined;
    });
    renderWithProviders(<StatementRequestsSection clientId={CLIENT} />, { route: "/?request=req-1" });
    await userEvent.click(await screen.findByRole("button", { name: "Laadi lausunto tästä pyynnöstä" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Mitä tapahtui/ }), "Ei saapunut");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna luonnos" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Pyyntö on jo käsitelty. Lataa sivu nähdäksesi, kuka sen käsitteli.");
    expect(alert).not.toHaveTextContent("declined");
  });

  it("gives focus back to the button that opened a form when it is cancelled", async () => {
    service();
    renderWithProviders(<StatementRequestsSection clientId={CLIENT} />, { route: "/?request=req-1" });
    const opener = await screen.findByRole("button", { name: "Laadi lausunto tästä pyynnöstä" });
    await userEvent.click(opener);
    await userEvent.click(screen.getByRole("button", { name: "Peruuta" }));
    expect(screen.queryByRole("textbox", { name: /^Mitä tapahtui/ })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(opener).toHaveFocus());
  });
});
