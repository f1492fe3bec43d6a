import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { useLocation } from "react-router";

import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { CellRead, Figures } from "../api/types";
import { DESTINATIONS } from "../api/types";
import { cohortsOf } from "./effectiveness";
import { EffectivenessPage } from "./effectiveness-page";

function cell(
  municipality: string | null,
  breakdown: string,
  persons: number,
  size: number,
  suppressed = false,
): CellRead {
  return {
    month: "2025-01",
    count_date: null,
    municipality,
    group: "all",
    breakdown,
    value: suppressed ? null : (persons / size) * 100,
    persons: suppressed ? null : persons,
    denominator: suppressed ? null : size,
    available: true,
    suppressed,
    vintage: null,
    amounts: null,
  };
}

/** A cohort of 20 clients after work trials in January 2025, 6 months on: 1–4 persons in two destinations withheld. */
const COUNTS: Record<string, number> = {
  open_labour_market: 8,
  subsidised_work: 6,
  education: 0,
  in_other_service: 0,
  unemployed: 0,
  outside_labour_force: 3,
  not_known: 3,
};
const CELLS: CellRead[] = [
  ...DESTINATIONS.map((name) =>
    cell(
      null,
      `6m/service:work_trial/${name}`,
      COUNTS[name],
      20,
      name === "outside_labour_force" || name === "not_known",
    ),
  ),
  ...DESTINATIONS.map((name) => cell("398", `6m/service:work_trial/${name}`, COUNTS[name], 20, true)),
];

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.pathname + location.search}</p>;
}

describe("cohorts of the follow-up", () => {
  it("reads the breakdown {h}m/{origin}:{key}/{destination} of the organisation's cells", () => {
    const [cohort, ...others] = cohortsOf(CELLS);
    expect(others).toHaveLength(0);
    expect(cohort).toMatchObject({ month: "2025-01", horizon: 6, origin: "service", key: "work_trial", size: 20 });
    expect(cohort?.parts.open_labour_market).toEqual({ share: 40, persons: 8, suppressed: false });
    expect(cohort?.parts.not_known).toEqual({ share: null, persons: null, suppressed: true });
  });

  it("keeps a municipality's cells apart", () => {
    const [cohort] = cohortsOf(CELLS, "398");
    expect(cohort?.size).toBeNull();
    expect(DESTINATIONS.every((name) => cohort?.parts[name].suppressed)).toBe(true);
  });
});

describe("EffectivenessPage", () => {
  it("shows the cohorts as a stacked bar and a table with the withheld cells, and keeps the filters in the address", async () => {
    const figures: Figures = {
      indicator: "effectiveness_follow_up",
      definitions: [],
      suppression_threshold: 5,
      cells: CELLS,
    };
    const calls = fakeApi((call: Call) =>
      call.path.startsWith("/api/metrics/v1/effectiveness") ? { status: 200, body: figures } : undefined,
    );
    renderWithProviders(
      <>
        <EffectivenessPage />
        <Address />
      </>,
      { route: "/effectiveness?from=2025-01&to=2025-03" },
    );
    const table = await screen.findByRole("table", {
      name: /Asiakkaiden tilanne 6 kuukauden kuluttua kohorteittain, Kaikki kunnat/,
    });
    const row = within(table).getAllByRole("row")[1];
    expect(row).toHaveTextContent("Palvelu: Työkokeilu");
    expect(row).toHaveTextContent(/40 % \(8 hlö\)/);
    expect(within(row).getAllByText("salattu (alle 5)")).toHaveLength(2);
    expect(screen.getByText(/Solut, joissa on 1–4 henkilöä, on salattu/)).toBeInTheDocument();
    expect(screen.getByRole("img", { name: /pinottuina palkkeina/ })).toBeInTheDocument();
    expect(calls[0]?.path).toBe("/api/metrics/v1/effectiveness?from=2025-01&to=2025-03&by=service_type&horizon=6");

    const u = userEvent.setup();
    await u.selectOptions(screen.getByLabelText("Seuranta-aika"), "12");
    await u.selectOptions(screen.getByLabelText("Kohortit"), "employer_sector");
    expect(screen.getByTestId("address")).toHaveTextContent(
      "/effectiveness?from=2025-01&to=2025-03&horizon=12&by=employer_sector",
    );
    expect(calls.at(-1)?.path).toBe(
      "/api/metrics/v1/effectiveness?from=2025-01&to=2025-03&by=employer_sector&horizon=12",
    );
  });
});
