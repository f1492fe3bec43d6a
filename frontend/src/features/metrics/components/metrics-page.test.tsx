import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useLocation } from "react-router";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { CellRead, DefinitionRead, Figures, IndicatorCode } from "../api/types";
import { MetricsPage } from "./metrics-page";

function definition(code: IndicatorCode, overrides: Partial<DefinitionRead> = {}): DefinitionRead {
  return {
    code,
    version: 1,
    valid_from: "2025-01-01",
    name_fi: code,
    name_en: code,
    formula: `Kaava: ${code}`,
    unit: "persons",
    kind: "stock",
    count_date_rule: "kuukauden viimeinen arkipäivä",
    source: `Lähde: ${code}`,
    audience: "area",
    statuses: [],
    service_types: [],
    activating_services: [],
    groups: ["all", "under_25"],
    breakdown: null,
    awaiting: [],
    ...overrides,
  };
}

function cell(overrides: Partial<CellRead>): CellRead {
  return {
    month: "2025-01",
    count_date: "2025-01-31",
    municipality: "398",
    group: "under_25",
    breakdown: null,
    value: 120,
    persons: 120,
    denominator: null,
    available: true,
    suppressed: false,
    vintage: null,
    amounts: null,
    ...overrides,
  };
}

function figuresOf(indicator: IndicatorCode): Figures {
  if (indicator === "activation_rate") {
    return {
      indicator,
      definitions: [
        definition(indicator, {
          unit: "percent",
          formula: "Aktivoivissa palveluissa olevat / (työttömät + aktivoivissa palveluissa olevat) × 100",
          source: "Työllisyyskatsaus, aktivointiaste",
          activating_services: [
            {
              service_type: "pay_subsidised_work",
              name_fi: "palkkatuettu työ",
              valid_from: "2025-01-01",
              valid_to: null,
              note: null,
            },
          ],
        }),
      ],
      suppression_threshold: 5,
      cells: [
        cell({ value: 31.25, persons: 10, denominator: 32 }),
        cell({ month: "2025-02", count_date: "2025-02-28", value: null, persons: null, suppressed: true }),
      ],
    };
  }
  return { indicator, definitions: [definition(indicator)], suppression_threshold: 5, cells: [cell({})] };
}

function service() {
  return fakeApi((call: Call) => {
    const url = new URL(call.path, "http://localhost");
    if (call.method === "GET" && url.pathname === "/api/metrics/v1/figures") {
      return { status: 200, body: figuresOf(url.searchParams.get("indicator") as IndicatorCode) };
    }
    return undefined;
  });
}

function figureCalls(calls: Call[]) {
  return calls
    .map((call) => new URL(call.path, "http://localhost"))
    .filter((url) => url.pathname === "/api/metrics/v1/figures");
}

function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.pathname + location.search}</output>;
}

const ROUTE = "/metrics?municipality=398&group=under_25&from=2025-01&to=2025-02";

describe("MetricsPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks for the headline indicators with the filters the address holds", async () => {
    const calls = service();
    renderWithProviders(<MetricsPage />, { route: ROUTE });
    expect(await screen.findByRole("heading", { level: 1, name: "Mittarit" })).toBeInTheDocument();
    await screen.findByRole("table", { name: /Aktivointiaste laskentapäivänä kuukausittain/ });
    const requested = figureCalls(calls);
    expect(requested.map((url) => url.searchParams.get("indicator")).sort()).toEqual(
      [
        "activation_rate",
        "job_seekers",
        "long_term_unemployed",
        "unemployed_job_seekers",
        "unemployed_share_of_labour_force",
      ].sort(),
    );
    for (const url of requested) {
      expect(url.searchParams.get("municipality")).toBe("398");
      expect(url.searchParams.get("group")).toBe("under_25");
      expect(url.searchParams.get("from")).toBe("2025-01");
      expect(url.searchParams.get("to")).toBe("2025-02");
    }
    expect(screen.getByLabelText("Kunta")).toHaveValue("398");
    expect(screen.getByLabelText("Ryhmä")).toHaveValue("under_25");
    expect(screen.getByLabelText("Alkaen (kuukausi)")).toHaveValue("2025-01");
    expect(screen.getByLabelText("Päättyen (kuukausi)")).toHaveValue("2025-02");
  });

  it("shows each figure with its definition beside it and withholds small cells with the reason", async () => {
    service();
    renderWithProviders(<MetricsPage />, { route: ROUTE });
    const table = await screen.findByRole("table", { name: /Aktivointiaste laskentapäivänä kuukausittain/ });
    const section = screen.getByRole("region", { name: "Aktivointiaste laskentapäivänä" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((header) => header.textContent),
    ).toEqual(["Kuukausi", "Kunta", "Luku", "Henkilöitä", "Määritelmä"]);
    const [january, february] = within(table).getAllByRole("row").slice(1);
    expect(within(january).getByRole("rowheader")).toHaveTextContent("2025-01");
    expect(january).toHaveTextContent("Lahti");
    expect(january).toHaveTextContent("31,3 %");
    expect(january).toHaveTextContent("versio 1");
    // The suppressed month shows no number, only that it is withheld, and why.
    expect(within(february).getAllByText("Salattu")).toHaveLength(2);
    expect(february).not.toHaveTextContent(/\d+ %/);
    const note = within(section).getByText(/koskee alle 5 henkilöä/);
    expect(within(february).getAllByText("Salattu")[0]).toHaveAttribute("aria-describedby", note.id);
    // The definition the figures were computed by, beside them.
    const aside = within(section).getByRole("complementary", { name: /Määritelmä, versio 1/ });
    expect(aside).toHaveTextContent("Aktivoivissa palveluissa olevat / (työttömät + aktivoivissa palveluissa olevat)");
    expect(aside).toHaveTextContent("Työllisyyskatsaus, aktivointiaste");
    expect(aside).toHaveTextContent("kuukauden viimeinen arkipäivä");
    expect(aside).toHaveTextContent("palkkatuettu työ");
  });

  it("keeps a changed filter in the address and asks again", async () => {
    const calls = service();
    renderWithProviders(
      <>
        <MetricsPage />
        <Address />
      </>,
      { route: ROUTE },
    );
    await screen.findByRole("table", { name: /Aktivointiaste/ });
    await userEvent.selectOptions(screen.getByLabelText("Ryhmä"), "long_term_unemployed");
    expect(screen.getByTestId("address")).toHaveTextContent("group=long_term_unemployed");
    expect(screen.getByTestId("address")).toHaveTextContent("municipality=398");
    await waitFor(() =>
      expect(figureCalls(calls).filter((url) => url.searchParams.get("group") === "long_term_unemployed")).toHaveLength(
        5,
      ),
    );
    await userEvent.selectOptions(screen.getByLabelText("Kunta"), "");
    expect(screen.getByTestId("address")).not.toHaveTextContent("municipality");
    await waitFor(() =>
      expect(
        figureCalls(calls).filter(
          (url) => url.searchParams.get("group") === "long_term_unemployed" && !url.searchParams.has("municipality"),
        ),
      ).toHaveLength(5),
    );
  });

  it("names a period that ends before it starts and asks for nothing", async () => {
    const calls = service();
    renderWithProviders(<MetricsPage />, { route: "/metrics?from=2025-06&to=2025-01" });
    expect(await screen.findByRole("alert")).toHaveTextContent("Alkukuukauden on oltava");
    expect(screen.getByLabelText("Alkaen (kuukausi)")).toHaveAttribute("aria-invalid", "true");
    expect(figureCalls(calls)).toHaveLength(0);
  });

  it("says which indicator could not be read and still shows the others", async () => {
    fakeApi((call: Call) => {
      const url = new URL(call.path, "http://localhost");
      const indicator = url.searchParams.get("indicator") as IndicatorCode;
      if (indicator === "activation_rate") {
        return { status: 403, body: { type: "about:blank", title: "Forbidden", status: 403 } };
      }
      return { status: 200, body: figuresOf(indicator) };
    });
    renderWithProviders(<MetricsPage />, { route: ROUTE });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Mittarin Aktivointiaste laskentapäivänä haku epäonnistui",
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Roolisi ei anna oikeutta näihin tietoihin.");
    expect(await screen.findByRole("table", { name: /Työttömät työnhakijat kuukausittain/ })).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: /Aktivointiaste/ })).not.toBeInTheDocument();
  });

  it("speaks Swedish", async () => {
    service();
    await i18n.changeLanguage("sv");
    renderWithProviders(<MetricsPage />, { route: ROUTE });
    const table = await screen.findByRole("table", { name: /Aktiveringsgrad på räknedagen per månad/ });
    expect(table).toHaveTextContent("Lahtis");
    expect(within(table).getAllByText("Skyddad")).toHaveLength(2);
    expect(screen.getByLabelText("Kommun")).toHaveValue("398");
  });
});
