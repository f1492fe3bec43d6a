import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { CLIENT_ID, EMPLOYER_ID, support } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { eurosOf, SupportForm } from "./support-form";

describe("eurosOf", () => {
  it("reads euros as typed in Finland", () => {
    expect(eurosOf("2 400,50 €")).toBe("2400.50");
    expect(eurosOf("2\u00a0400")).toBe("2400");
    expect(eurosOf("  ")).toBeNull();
  });
});

describe("SupportForm", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("records a pay subsidy for the client with its ground and monthly wage cost, and says what it commits", async () => {
    const calls = fakeApi((call) =>
      call.method === "POST" ? { status: 201, body: support({ total_committed: "7200.00" }) } : undefined,
    );
    renderWithProviders(<SupportForm employerId={EMPLOYER_ID} clientId={CLIENT_ID} label="Tukipäätös" />);
    await userEvent.selectOptions(screen.getByLabelText(/^Tuki( \*)?$/), "pay_subsidy");
    await userEvent.selectOptions(screen.getByLabelText(/^Palkkatuen peruste/), "reduced_productivity");
    await userEvent.type(screen.getByLabelText(/^Palkkakustannus kuukaudessa/), "2 400,00");
    await userEvent.type(screen.getByLabelText(/^Alkaa/), "2027-01-01");
    await userEvent.type(screen.getByLabelText(/^Päättyy/), "2027-06-30");
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa tukipäätös" }));
    expect(await screen.findByText(/Palkkatuki kirjattu, sidottu yhteensä 7\s200,00\s€\./)).toBeInTheDocument();
    expect(calls[0].body).toMatchObject({
      kind: "pay_subsidy",
      employer_id: EMPLOYER_ID,
      client_id: CLIENT_ID,
      ground: "reduced_productivity",
      monthly_wage_cost: "2400.00",
      amount: null,
      starts_on: "2027-01-01",
      ends_on: "2027-06-30",
    });
  });

  it("offers no pay subsidy without a named client, and sends another support's amount", async () => {
    const calls = fakeApi((call) =>
      call.method === "POST"
        ? { status: 201, body: support({ kind: "recruitment_bonus", client_id: null, total_committed: "1500.00" }) }
        : undefined,
    );
    renderWithProviders(<SupportForm employerId={EMPLOYER_ID} label="Tukipäätös" />);
    expect(screen.queryByRole("option", { name: "Palkkatuki" })).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Summa/), "1500");
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa tukipäätös" }));
    expect(await screen.findByText(/Rekrytointipalkkio kirjattu/)).toBeInTheDocument();
    expect(calls[0].body).toMatchObject({ kind: "recruitment_bonus", client_id: null, amount: "1500", ground: null });
  });
});
