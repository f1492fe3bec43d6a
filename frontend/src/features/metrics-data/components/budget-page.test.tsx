import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { useLocation } from "react-router";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { CellRead, DefinitionRead, Figures } from "../api/types";
import { budgetCells, byClassAndMonth, classSummaries } from "./budget";
import { BudgetPage } from "./budget-page";

const DEFINITION: DefinitionRead = {
  code: "budget",
  version: 1,
  valid_from: "2025-01-01",
  name_fi: "Talousarvion toteuma, sitoumukset ja ennuste",
  name_en: "Budget, actuals, commitments and forecast",
  formula: "By budget category and class and month … the run rate",
  unit: "euros",
  kind: "flow",
  count_date_rule: "The calendar month",
  source: "The authority's own budget lines",
  audience: "area",
  statuses: [],
  service_types: [],
  activating_services: [],
  groups: ["all"],
  breakdown: "category/budget_class",
  awaiting: [],
};

/** A cell as metrics-api's budget figure gives it (``indicator/imported.py``'s ``budget``). */
function cell(month: string, breakdown: string, amounts: Record<string, number>, actual: number | null): CellRead {
  return {
    month,
    count_date: null,
    municipality: null,
    group: "all",
    breakdown,
    value: actual,
    persons: null,
    denominator: null,
    available: true,
    suppressed: false,
    vintage: null,
    amounts,
  };
}

// Two lines of the need-based class (operating costs, purchased services) and one appropriation-bound line,
// January and February 2025 with actuals, March without. The run rate (the definition's formula): the year's
// actuals so far plus their monthly mean times the months left.
const CELLS: CellRead[] = [
  cell(
    "2025-01",
    "operating_costs/need_based",
    {
      budgeted: 1000,
      actual: 900,
      committed: 100,
      year_budget: 12000,
      year_actual_to_date: 900,
      year_end_forecast: 10800,
    },
    900,
  ),
  cell(
    "2025-01",
    "purchased_services/need_based",
    { budgeted: 500, actual: 400, committed: 50, year_budget: 6000, year_actual_to_date: 400, year_end_forecast: 4800 },
    400,
  ),
  cell(
    "2025-01",
    "operating_costs/appropriation_bound",
    { budgeted: 2000, actual: 0, committed: 0, year_budget: 24000, year_actual_to_date: 0 },
    null,
  ),
  cell(
    "2025-02",
    "operating_costs/need_based",
    {
      budgeted: 1000,
      actual: 1100,
      committed: 0,
      year_budget: 12000,
      year_actual_to_date: 2000,
      year_end_forecast: 12000,
    },
    1100,
  ),
  cell(
    "2025-02",
    "purchased_services/need_based",
    { budgeted: 500, actual: 0, committed: 20, year_budget: 6000, year_actual_to_date: 400, year_end_forecast: 2400 },
    null,
  ),
  cell(
    "2025-02",
    "operating_costs/appropriation_bound",
    { budgeted: 2000, actual: 0, committed: 0, year_budget: 24000, year_actual_to_date: 0 },
    null,
  ),
  cell(
    "2025-03",
    "operating_costs/need_based",
    {
      budgeted: 1000,
      actual: 0,
      committed: 0,
      year_budget: 12000,
      year_actual_to_date: 2000,
      year_end_forecast: 12000,
    },
    null,
  ),
  cell(
    "2025-03",
    "purchased_services/need_based",
    { budgeted: 500, actual: 0, committed: 0, year_budget: 6000, year_actual_to_date: 400, year_end_forecast: 2400 },
    null,
  ),
  cell(
    "2025-03",
    "operating_costs/appropriation_bound",
    { budgeted: 2000, actual: 0, committed: 0, year_budget: 24000, year_actual_to_date: 0 },
    null,
  ),
];

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.pathname + location.search}</p>;
}

describe("budget by class and month", () => {
  it("sums the categories of a class by month, keeping a month without actuals apart from a zero", () => {
    const rows = byClassAndMonth(budgetCells(CELLS), { budgetClass: "need_based" });
    expect(rows.map((row) => [row.month, row.budgeted, row.actual, row.committed, row.forecast])).toEqual([
      ["2025-01", 1500, 1300, 150, 15600],
      ["2025-02", 1500, 1100, 20, 14400],
      ["2025-03", 1500, null, 0, 14400],
    ]);
  });

  it("gives the year by class with the forecast as of the last month of actuals", () => {
    const summaries = classSummaries(budgetCells(CELLS));
    expect(summaries.find((s) => s.budgetClass === "need_based")).toEqual({
      budgetClass: "need_based",
      yearBudget: 18000,
      actualToDate: 2400,
      committed: 170,
      committedFromDecisions: 0,
      forecast: 14400,
      asOf: "2025-02",
    });
    // A class with no actuals yet has no forecast.
    expect(summaries.find((s) => s.budgetClass === "appropriation_bound")).toMatchObject({
      forecast: null,
      asOf: null,
    });
  });

  it("keeps only the category chosen", () => {
    const rows = byClassAndMonth(budgetCells(CELLS), { category: "purchased_services" });
    expect(rows.map((row) => [row.month, row.budgetClass, row.budgeted])).toEqual([
      ["2025-01", "need_based", 500],
      ["2025-02", "need_based", 500],
      ["2025-03", "need_based", 500],
    ]);
  });
});

describe("BudgetPage", () => {
  it("shows the forecast with its method in words, a chart and its table, and keeps the filters in the address", async () => {
    const figures: Figures = { indicator: "budget", definitions: [DEFINITION], suppression_threshold: 5, cells: CELLS };
    const calls = fakeApi((call: Call) =>
      call.path.startsWith("/api/metrics/v1/figures") ? { status: 200, body: figures } : undefined,
    );
    renderWithProviders(
      <>
        <BudgetPage />
        <Address />
      </>,
      { route: "/budget?year=2025" },
    );
    const summary = await screen.findByRole("table", {
      name: /Vuoden 2025 talousarvio, toteuma, sitoumukset ja ennuste/,
    });
    const needBased = within(summary).getByRole("row", { name: /Tarveharkintainen/ });
    expect(needBased).toHaveTextContent(/14\s400 € \(toteuma 2\/2025 asti\)/);
    expect(within(summary).getByRole("row", { name: /Määrärahasidonnainen/ })).toHaveTextContent("ei vielä ennustetta");
    expect(screen.getByTestId("forecast-method")).toHaveTextContent(
      "Ennusteen menetelmä: toteumavauhti ja sitoumukset: vuoden toteuma tähän mennessä",
    );
    expect(
      screen.getByRole("img", { name: /Talousarvio, toteuma ja sidotut eurot kuukausittain vuonna 2025/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("complementary", { name: /Määritelmä: Talousarvion toteuma, sitoumukset ja ennuste/ }),
    ).toBeInTheDocument();
    expect(calls[0]?.path).toBe("/api/metrics/v1/figures?indicator=budget&from=2025-01&to=2025-12");

    await userEvent.setup().selectOptions(screen.getByLabelText("Sitovuusluokka"), "need_based");
    expect(screen.getByTestId("address")).toHaveTextContent("/budget?year=2025&class=need_based");
    const months = screen.getByRole("table", {
      name: /kuukausittain ja sitovuusluokittain vuonna 2025: Tarveharkintainen/,
    });
    const rows = within(months).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveTextContent("ei toteumaa");
  });
});

// The pay subsidies' commitments from employer-api's decisions (category supports, appropriation-bound) beside an
// imported line of the same class, and a summer-job voucher (voluntary) known only from its decision: no actuals,
// its forecast is the commitments' (metrics-api's ``budget``: the larger of the run rate and the known commitments).
const WITH_DECISIONS: CellRead[] = [
  cell(
    "2025-01",
    "operating_costs/appropriation_bound",
    { budgeted: 2000, actual: 1800, committed: 300, year_budget: 24000, year_actual_to_date: 1800 },
    1800,
  ),
  cell(
    "2025-01",
    "supports/appropriation_bound",
    { budgeted: 0, actual: 0, committed: 0, committed_from_decisions: 774.19, year_budget: 0, year_actual_to_date: 0 },
    null,
  ),
  cell(
    "2025-02",
    "supports/appropriation_bound",
    {
      budgeted: 0,
      actual: 0,
      committed: 0,
      committed_from_decisions: 1500,
      year_budget: 0,
      year_actual_to_date: 0,
      year_end_forecast: 17225.81,
    },
    null,
  ),
  cell(
    "2025-02",
    "supports/voluntary",
    {
      budgeted: 0,
      actual: 0,
      committed: 0,
      committed_from_decisions: 0,
      year_budget: 0,
      year_actual_to_date: 0,
      year_end_forecast: 400,
    },
    null,
  ),
];

describe("commitments by source", () => {
  afterEach(async () => {
    await i18n.changeLanguage("fi");
  });

  it("keeps the imported commitments and the decisions' apart, and forecasts from commitments without actuals", () => {
    const rows = byClassAndMonth(budgetCells(WITH_DECISIONS), { budgetClass: "appropriation_bound" });
    expect(rows.map((row) => [row.month, row.committed, row.committedFromDecisions])).toEqual([
      ["2025-01", 300, 774.19],
      ["2025-02", 0, 1500],
    ]);
    expect(classSummaries(budgetCells(WITH_DECISIONS), { category: "supports" })).toEqual([
      {
        budgetClass: "appropriation_bound",
        yearBudget: 0,
        actualToDate: 0,
        committed: 0,
        committedFromDecisions: 2274.19,
        forecast: 17225.81,
        asOf: null,
      },
      {
        budgetClass: "voluntary",
        yearBudget: 0,
        actualToDate: 0,
        committed: 0,
        committedFromDecisions: 0,
        forecast: 400,
        asOf: null,
      },
    ]);
  });

  it.each([
    [
      "fi",
      "Sidottu: tuotu tiedosto",
      "Sidottu: tukipäätökset",
      "2 274 €",
      "17 226 € (sitoumuksista, ei vielä toteumaa)",
      "Tuet ja avustukset",
    ],
    [
      "sv",
      "Bundet: importerad fil",
      "Bundet: stödbeslut",
      "2 274 €",
      "17 226 € (av förbindelserna, inget utfall ännu)",
      "Stöd och bidrag",
    ],
    [
      "en",
      "Committed: imported file",
      "Committed: support decisions",
      "2,274 €",
      "17,226 € (from the commitments, no actuals yet)",
      "Supports and grants",
    ],
  ])(
    "names each commitment's source in %s",
    async (language, imported, decisions, fromDecisions, forecast, category) => {
      await i18n.changeLanguage(language);
      const figures: Figures = {
        indicator: "budget",
        definitions: [DEFINITION],
        suppression_threshold: 5,
        cells: WITH_DECISIONS,
      };
      fakeApi((call: Call) =>
        call.path.startsWith("/api/metrics/v1/figures") ? { status: 200, body: figures } : undefined,
      );
      renderWithProviders(<BudgetPage />, { route: "/budget?year=2025&category=supports" });
      const [summary, months] = await screen.findAllByRole("table");
      const text = (element: HTMLElement) => (element.textContent ?? "").replace(/\s/g, " ");
      const headers = within(summary).getAllByRole("columnheader").map(text);
      expect(headers.slice(3, 5)).toEqual([imported, decisions]);
      // voluntary first, then appropriation-bound: nothing imported, 774.19 + 1 500 from decisions, and the forecast
      // from the commitments alone
      const bound = within(summary).getAllByRole("row")[2];
      expect(within(bound).getAllByRole("cell").map(text).slice(2)).toEqual(["0 €", fromDecisions, forecast]);
      expect(within(months).getAllByRole("columnheader").map(text).slice(4, 6)).toEqual([imported, decisions]);
      expect(screen.getByTestId("commitment-sources")).toHaveTextContent(category);
    },
  );
});
