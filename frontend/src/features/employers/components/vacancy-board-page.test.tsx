import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { vacancy } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { VacancyBoardPage, vacancySearchOf } from "./vacancy-board-page";

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.pathname + location.search}</p>;
}

function renderPage(route: string) {
  return renderWithProviders(
    <Routes>
      <Route
        path="/vacancies"
        element={
          <>
            <VacancyBoardPage />
            <Address />
          </>
        }
      />
    </Routes>,
    { route },
  );
}

describe("VacancyBoardPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks for the vacancies the filters in the address name and shows them in the form", async () => {
    const calls = fakeApi(() => ({ status: 200, body: { items: [vacancy()], next_cursor: null } }));
    renderPage("/vacancies?status=published&municipality=398&support=pay_subsidy");
    const table = await screen.findByRole("table", { name: "1 työpaikka" });
    expect(within(table).getByText(/Koneistaja/)).toBeInTheDocument();
    expect(within(table).getByText("Toistaiseksi voimassa oleva")).toBeInTheDocument();
    expect(within(table).getByText("Eija Työnantajapalvelu")).toBeInTheDocument();
    expect(within(table).getByRole("link", { name: "(työnantaja)" })).toHaveAttribute(
      "href",
      "/employers/5b1f0e8c-4c7a-4f5e-9a51-3f1b2c3d4e5f",
    );
    expect(calls[0].path).toBe(
      "/api/employer/v1/vacancies?status=published&municipality=398&support=pay_subsidy&limit=50",
    );
    expect(screen.getByLabelText("Tila")).toHaveValue("published");
    expect(screen.getByLabelText("Sopii tukeen")).toHaveValue("pay_subsidy");
  });

  it("puts a changed filter in the address and asks again", async () => {
    const calls = fakeApi(() => ({ status: 200, body: { items: [], next_cursor: null } }));
    renderPage("/vacancies?status=published");
    expect(await screen.findByText("Suodattimia vastaavia työpaikkoja ei löytynyt.")).toBeInTheDocument();
    expect(screen.getByRole("search", { name: "Avointen työpaikkojen suodattimet" })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText("Työsuhde"), "summer_job");
    await userEvent.type(screen.getByLabelText(/^Ammatti/), "72");
    await userEvent.click(screen.getByRole("button", { name: "Suodata" }));
    expect(await screen.findByTestId("address")).toHaveTextContent(
      "/vacancies?status=published&occupation=72&employment_type=summer_job",
    );
    // The form stays as it is: focus stays on the button, and the fields show the filters applied.
    expect(screen.getByRole("button", { name: "Suodata" })).toHaveFocus();
    expect(screen.getByLabelText("Työsuhde")).toHaveValue("summer_job");
    expect(calls.at(-1)?.path).toBe(
      "/api/employer/v1/vacancies?status=published&occupation=72&employment_type=summer_job&limit=50",
    );
  });

  it("leaves out a filter in the address that the service would refuse", () => {
    expect(
      vacancySearchOf(new URLSearchParams("status=open&municipality=Lahti&occupation=7223&employment_type=gig")),
    ).toEqual({ occupation: "7223" });
  });
});
