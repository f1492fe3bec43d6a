import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { IndicatorCode } from "../api/types";
import { ACTIVATION_RATE, cell, definition, figures } from "./fixtures";
import { ManagerHome, headlinePeriod } from "./manager-home";
import { monthsBetween } from "./trend";

const period = headlinePeriod();
const months = monthsBetween(period.from, period.to);

/** The organisation's total for every month: 20 job seekers a year ago, growing by one a month; the activation rate
 * 30 % then 25 % in the last month; the long-term unemployed withheld in the last month. */
function figuresOf(indicator: IndicatorCode) {
  const total = { municipality: null, group: "all" as const };
  if (indicator === "activation_rate") {
    return figures(
      indicator,
      months.map((month, index) =>
        cell({ ...total, month, value: index === months.length - 1 ? 25 : 30, persons: 30, denominator: 100 }),
      ),
    );
  }
  if (indicator === "long_term_unemployed") {
    return figures(
      indicator,
      months.map((month, index) =>
        index === months.length - 1
          ? cell({ ...total, month, value: null, persons: null, suppressed: true })
          : cell({ ...total, month, value: 6, persons: 6 }),
      ),
    );
  }
  return figures(
    indicator,
    months.flatMap((month, index) => [
      cell({ ...total, month, value: 20 + index, persons: 20 + index }),
      cell({ month, value: 10, persons: 10 }), // Lahti's own cell: not the organisation's headline
    ]),
  );
}

function service(readable: IndicatorCode[]) {
  return fakeApi((call: Call) => {
    const url = new URL(call.path, "http://localhost");
    if (url.pathname === "/api/metrics/v1/indicators") {
      return {
        status: 200,
        body: readable.map((code) => (code === "activation_rate" ? ACTIVATION_RATE : definition(code))),
      };
    }
    if (url.pathname === "/api/metrics/v1/figures") {
      return { status: 200, body: figuresOf(url.searchParams.get("indicator") as IndicatorCode) };
    }
    return undefined;
  });
}

describe("ManagerHome", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the last whole month's headline figures of the whole organisation with their twelve-month trend", async () => {
    const calls = service(["job_seekers", "activation_rate", "long_term_unemployed", "caseload_per_coach"]);
    renderWithProviders(<ManagerHome />);
    const seekers = (await screen.findByRole("heading", { name: "Työnhakijat laskentapäivänä" })).closest("li")!;
    await within(seekers).findByText(/Nousua/);
    expect(seekers.querySelector(".metrics-headline__value")).toHaveTextContent(`31 (${period.to})`);
    expect(seekers).toHaveTextContent(`Nousua 11 kuukaudesta ${period.from} (20 → 31).`);
    expect(within(seekers).getByRole("img")).toHaveAccessibleName(
      `Työnhakijat laskentapäivänä, Koko työllisyysalue, ${period.from}–${period.to}. Nousua 11 kuukaudesta ${period.from} (20 → 31).`,
    );
    expect(within(seekers).getByRole("link", { name: "Kaikki luvut: Työnhakijat laskentapäivänä" })).toHaveAttribute(
      "href",
      "/metrics/labour-market#job_seekers",
    );
    const rate = screen.getByRole("heading", { name: "Aktivointiaste laskentapäivänä" }).closest("li")!;
    expect(rate).toHaveTextContent(`Laskua 5 prosenttiyksikköä kuukaudesta ${period.from} (30 % → 25 %).`);
    const longTerm = screen.getByRole("heading", { name: "Pitkäaikaistyöttömät" }).closest("li")!;
    expect(longTerm).toHaveTextContent("Salattu");
    expect(longTerm).toHaveTextContent("Viimeisin luku on salattu, joten muutosta ei näytetä.");
    expect(longTerm).toHaveTextContent(/koskee alle 5 henkilöä/);
    expect(within(longTerm).getByRole("link")).toHaveAttribute(
      "href",
      "/metrics/long-term-unemployment#long_term_unemployed",
    );
    // Only what the reader may read is asked for, for the whole organisation and twelve months.
    const asked = calls
      .map((call) => new URL(call.path, "http://localhost"))
      .filter((url) => url.pathname === "/api/metrics/v1/figures");
    expect(asked.map((url) => url.searchParams.get("indicator")).sort()).toEqual(
      ["activation_rate", "caseload_per_coach", "job_seekers", "long_term_unemployed"].sort(),
    );
    for (const url of asked) {
      expect([url.searchParams.get("from"), url.searchParams.get("to")]).toEqual([period.from, period.to]);
      expect(url.searchParams.has("municipality")).toBe(false);
    }
    expect(months).toHaveLength(12);
  });

  it("speaks English", async () => {
    service(["job_seekers"]);
    await i18n.changeLanguage("en");
    renderWithProviders(<ManagerHome />);
    const seekers = (await screen.findByRole("heading", { name: "Job seekers on the count date" })).closest("li")!;
    expect(await within(seekers).findByText(/Up 11 since/)).toHaveTextContent(`Up 11 since ${period.from} (20 → 31).`);
    expect(screen.getByRole("heading", { name: "Headline indicators" })).toBeInTheDocument();
  });
});
