import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { CaseloadBalancePage } from "./caseload-balance-page";

const BALANCE = {
  today: "2026-12-03",
  unassigned_clients: 4,
  under_25_without_named_coach: 1,
  up_to_date_plans: 30,
  plan_debt: 12,
  // The service's own words are English: the page shows the definition in the reader's language instead.
  plan_definition: "Up-to-date plan (Polku's definition; there is no official one): a plan exists…",
  coaches: [
    {
      coach_subject: "coach-aino",
      display_name: "Aino Valmentaja",
      active_clients: 42,
      overdue_deadlines: 5,
      clients_with_overdue_deadlines: 3,
      up_to_date_plans: 35,
      plan_debt: 7,
    },
    {
      coach_subject: "coach-x",
      display_name: null,
      active_clients: 0,
      overdue_deadlines: 0,
      clients_with_overdue_deadlines: 0,
    },
  ],
  teams: [
    {
      team_id: "7a000000-0000-4000-8000-000000000001",
      name: "Nuorten tiimi",
      members: 3,
      active_clients: 60,
      overdue_deadlines: 8,
      up_to_date_plans: 48,
      plan_debt: 12,
    },
  ],
};

describe("CaseloadBalancePage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows caseload size, overdue deadlines and plan debt per coach and team, with the plan's definition", async () => {
    fakeApi((call) => (call.path === "/api/clients/v1/caseloads" ? { status: 200, body: BALANCE } : undefined));
    renderWithProviders(<CaseloadBalancePage />);
    expect(screen.getByRole("heading", { level: 1, name: "Asiakasmäärien tasapaino" })).toHaveFocus();
    const coaches = await screen.findByRole("table", { name: "Valmentajittain" });
    const aino = within(coaches).getByRole("row", { name: /Aino Valmentaja/ });
    expect(
      within(aino)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["42", "5", "3", "35", "7"]);
    // A coach without a name is shown by the subject; figures an older service leaves out are zero.
    const other = within(coaches).getByRole("row", { name: /coach-x/ });
    expect(
      within(other)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["0", "0", "0", "0", "0"]);
    const teams = screen.getByRole("table", { name: "Tiimeittäin" });
    const team = within(teams).getByRole("row", { name: /Nuorten tiimi/ });
    expect(
      within(team)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["3", "60", "8", "48", "12"]);
    const definition = screen.getByText(/^Virallista määritelmää ei ole\./);
    expect(definition).toHaveTextContent("tarkistettu viimeisimmässä lakisääteisessä työnhakukeskustelussa");
    expect(screen.queryByText(/Polku's definition/)).not.toBeInTheDocument();
    expect(screen.getByText("Tilanne 3.12.2026")).toBeInTheDocument();
  });

  it("gives the definition of an up-to-date plan in Swedish to a Swedish reader", async () => {
    await i18n.changeLanguage("sv");
    fakeApi((call) => (call.path === "/api/clients/v1/caseloads" ? { status: 200, body: BALANCE } : undefined));
    renderWithProviders(<CaseloadBalancePage />);
    expect(await screen.findByText("Aktuell plan:")).toBeInTheDocument();
    expect(screen.getByText(/^Det finns ingen officiell definition\./)).toBeInTheDocument();
  });

  it("says when the role gives no access", async () => {
    fakeApi(() => ({ status: 403, body: { type: "about:blank", title: "Forbidden", status: 403 } }));
    renderWithProviders(<CaseloadBalancePage />);
    expect(await screen.findByRole("alert")).toHaveTextContent(i18n.t("errors.forbidden"));
  });
});
