import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { MorningSection } from "./morning-filters";

const counts = {
  unassigned: 0,
  interviews_today: 1,
  overdue_deadlines: 2,
  waiting_for_client: 0,
  waiting_for_us: 0,
  needs_assessment: 3,
  approaching_unemployment_milestone: 0,
  typ_assessment_due: 0,
  integration_period_ending: 0,
};

const item = (name: string, matches: string[]) => ({
  client_id: `id-${name}`,
  client_name: name,
  status: "unemployed",
  coach_subject: "me",
  team_id: null,
  matches,
  overdue_deadlines: 1,
  next_deadline_on: "2026-11-20",
  unemployed_since: "2026-01-01",
  unemployment_milestone: null,
  typ_assessment_due_on: null,
  waiting_on: null,
  waiting_since: null,
});

function caseloadService() {
  const saved: { id: string; name: string; parameters: { filters: string[] } }[] = [];
  const calls = fakeApi((call: Call) => {
    const url = new URL(call.path, "http://localhost");
    if (url.pathname === "/api/clients/v1/caseload") {
      const filters = url.searchParams.getAll("filter");
      const items = [
        item("Juha Hämäläinen", ["overdue_deadlines", "needs_assessment"]),
        item("Emma Korhonen", ["needs_assessment"]),
      ];
      return {
        status: 200,
        body: {
          today: "2026-11-25",
          coach: "me",
          team_id: null,
          filters,
          counts,
          items: items.filter((i) => filters.every((f) => i.matches.includes(f))),
        },
      };
    }
    if (url.pathname === "/api/clients/v1/saved-filters" && call.method === "GET") return { status: 200, body: saved };
    if (url.pathname === "/api/clients/v1/saved-filters" && call.method === "POST") {
      const body = call.body as { name: string; parameters: { filters: string[] } };
      if (saved.some((entry) => entry.name === body.name)) {
        return {
          status: 409,
          body: { type: "https://polku.fi/problems/saved-filter-exists", title: "Exists", status: 409 },
        };
      }
      const created = {
        id: `f${saved.length}`,
        ...body,
        created_at: "2026-11-25T07:00:00Z",
        updated_at: "2026-11-25T07:00:00Z",
      };
      saved.push(created);
      return { status: 201, body: created };
    }
    return undefined;
  });
  return calls;
}

describe("MorningSection", () => {
  it("starts from the filters in the address", async () => {
    caseloadService();
    renderWithProviders(<MorningSection />, { route: "/?filter=needs_assessment&filter=not_a_filter" });
    const bar = await screen.findByRole("group", { name: "Suodattimet" });
    expect(await within(bar).findByRole("button", { name: "Palvelutarve arvioimatta (3)" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(await screen.findByText("Näytetään 2 asiakasta.")).toBeInTheDocument();
  });

  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows each filter with its count, narrows the caseload by every filter chosen, and saves the combination", async () => {
    const calls = caseloadService();
    renderWithProviders(<MorningSection />);

    const bar = await screen.findByRole("group", { name: "Suodattimet" });
    const overdue = await within(bar).findByRole("button", { name: "Myöhässä olevia määräaikoja (2)" });
    expect(within(bar).getByRole("button", { name: "Palvelutarve arvioimatta (3)" })).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    expect(within(bar).getAllByRole("button")).toHaveLength(9);
    expect(await screen.findByText("Näytetään 2 asiakasta.")).toBeInTheDocument();

    await userEvent.click(within(bar).getByRole("button", { name: "Palvelutarve arvioimatta (3)" }));
    await userEvent.click(overdue);
    expect(overdue).toHaveAttribute("aria-pressed", "true");
    expect(await screen.findByText("Näytetään 1 asiakas.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Juha Hämäläinen" })).toHaveAttribute(
      "href",
      "/clients/id-Juha Hämäläinen",
    );
    const last = calls.filter((call) => call.path.startsWith("/api/clients/v1/caseload")).pop()!;
    // In the API's order, whatever order they were chosen in.
    expect(new URL(last.path, "http://localhost").searchParams.getAll("filter")).toEqual([
      "overdue_deadlines",
      "needs_assessment",
    ]);

    await userEvent.click(screen.getByRole("button", { name: "Tallenna suodatin" }));
    expect(await screen.findByText("Anna suodattimelle nimi")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /^Suodattimen nimi/ })).toHaveFocus();

    await userEvent.type(screen.getByRole("textbox", { name: /^Suodattimen nimi/ }), "Aamun tarkistus");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna suodatin" }));
    expect(await screen.findByText("Suodatin Aamun tarkistus on tallennettu.")).toBeInTheDocument();
    const post = calls.find((call) => call.method === "POST")!;
    expect(post.body).toEqual({
      name: "Aamun tarkistus",
      parameters: { filters: ["overdue_deadlines", "needs_assessment"] },
    });

    // Cleared, then applied again from the saved list.
    await userEvent.click(overdue);
    await userEvent.click(within(bar).getByRole("button", { name: "Palvelutarve arvioimatta (3)" }));
    expect(await screen.findByText("Näytetään 2 asiakasta.")).toBeInTheDocument();
    await userEvent.click(await screen.findByRole("button", { name: "Käytä suodatinta Aamun tarkistus" }));
    expect(overdue).toHaveAttribute("aria-pressed", "true");
    expect(await screen.findByText("Näytetään 1 asiakas.")).toBeInTheDocument();

    // The same name again is refused next to the field.
    await userEvent.type(screen.getByRole("textbox", { name: /^Suodattimen nimi/ }), "Aamun tarkistus");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna suodatin" }));
    expect(await screen.findByText("Sinulla on jo tämän niminen suodatin")).toBeInTheDocument();
  });
});
