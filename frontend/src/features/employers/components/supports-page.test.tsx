import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { EMPLOYER_SERVICES, support } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { formatEuros } from "../money";
import { SupportsPage } from "./supports-page";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };

function answers() {
  return fakeApi((call) => {
    if (call.path === "/api/employer/v1/supports/committed?year=2027")
      return {
        status: 200,
        body: {
          year: 2027,
          by_kind: { pay_subsidy: "7200.00", recruitment_bonus: "1500.50" },
          by_month: [
            { month: "2027-01", euros: "2700.50" },
            { month: "2027-02", euros: "1200.00" },
          ],
          total: "8700.50",
        },
      };
    if (call.path.startsWith("/api/employer/v1/supports")) return { status: 200, body: [support()] };
    return undefined;
  });
}

describe("formatEuros", () => {
  it("writes euros the way each language does", async () => {
    await i18n.changeLanguage("fi");
    expect(formatEuros("12345.6")).toBe("12\u00a0345,60\u00a0€");
    await i18n.changeLanguage("sv");
    expect(formatEuros("12345.6")).toBe("12\u00a0345,60\u00a0€");
    await i18n.changeLanguage("en");
    expect(formatEuros("12345.6")).toBe("€12,345.60");
    expect(formatEuros(null)).toBe("");
  });
});

describe("SupportsPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  // Testing Library reads no-break spaces as spaces: the figures below are written with plain ones.
  it("shows the money committed in the year by kind and month in euros, and each decision with its decider", async () => {
    const calls = answers();
    renderWithProviders(<SupportsPage me={SANNA} year={2027} />);
    expect(await screen.findByText("Sidottu yhteensä 8 700,50 €")).toBeInTheDocument();
    const byKind = screen.getByRole("table", { name: "Sidottu vuonna 2027 tuen mukaan" });
    expect(within(byKind).getByRole("row", { name: /^Palkkatuki\s7\s200,00\s€$/ })).toBeInTheDocument();
    expect(within(byKind).getByRole("row", { name: /^Rekrytointipalkkio\s1\s500,50\s€$/ })).toBeInTheDocument();
    const byMonth = screen.getByRole("table", { name: "Sidottu vuonna 2027 kuukausittain" });
    expect(within(byMonth).getByRole("row", { name: /^tammikuu\s2027\s2\s700,50\s€$/ })).toBeInTheDocument();
    const decisions = await screen.findByRole("table", { name: "Tukipäätökset" });
    expect(decisions).toHaveTextContent("Palkkatuki 50 %, Työtön työnhakija");
    expect(decisions).toHaveTextContent("3.12.2026, päätti Eija Työnantajapalvelu");
    expect(decisions).toHaveTextContent("7 200,00 €");
    expect(calls.some((call) => call.path === "/api/employer/v1/supports/committed?year=2027")).toBe(true);
  });

  it("reads in Swedish with Swedish month names", async () => {
    await i18n.changeLanguage("sv");
    answers();
    renderWithProviders(<SupportsPage me={SANNA} year={2027} />);
    expect(await screen.findByText("Bundet sammanlagt 8 700,50 €")).toBeInTheDocument();
    expect(screen.getByRole("row", { name: /^januari 2027/ })).toBeInTheDocument();
    expect(await screen.findByText("Lönesubvention 50 %, Arbetslös arbetssökande")).toBeInTheDocument();
  });
});
