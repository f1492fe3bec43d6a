import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { employer, EMPLOYER_ID } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EmployersPage } from "./employers-page";

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.pathname + location.search}</p>;
}

function renderPage(route = "/employers") {
  return renderWithProviders(
    <Routes>
      <Route
        path="/employers"
        element={
          <>
            <EmployersPage />
            <Address />
          </>
        }
      />
      <Route path="/employers/:employerId" element={<p>employer page</p>} />
    </Routes>,
    { route },
  );
}

describe("EmployersPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the employers the search in the address finds, and keeps a new search in the address", async () => {
    const calls = fakeApi((call) =>
      call.method === "GET" && call.path.startsWith("/api/employer/v1/employers")
        ? {
            status: 200,
            body: {
              items: [
                employer({ changed_by: "es-2", changed_by_name: "Ville Virtanen", changed_by_organisation_name: null }),
              ],
              next_cursor: null,
            },
          }
        : undefined,
    );
    renderPage("/employers?industry=C");
    const table = await screen.findByRole("table", { name: "1 työnantaja" });
    expect(within(table).getByRole("link", { name: "Lahden Konepaja Oy" })).toHaveAttribute(
      "href",
      `/employers/${EMPLOYER_ID}`,
    );
    expect(within(table).getByText("C Teollisuus")).toBeInTheDocument();
    expect(within(table).getByText("Lahti")).toBeInTheDocument();
    // Who registered each employer and who last changed it, by the names recorded.
    expect(within(table).getByText(/^Eija Työnantajapalvelu/)).toHaveTextContent(
      "Eija Työnantajapalvelu muutti Ville Virtanen",
    );
    expect(calls[0].path).toBe("/api/employer/v1/employers?industry=C&limit=50");
    expect(screen.getByLabelText("Toimiala")).toHaveValue("C");

    await userEvent.type(screen.getByLabelText("Nimi sisältää"), "Konepaja");
    await userEvent.click(screen.getByRole("button", { name: "Hae" }));
    expect(await screen.findByTestId("address")).toHaveTextContent("/employers?name=Konepaja&industry=C");
    expect(calls.at(-1)?.path).toBe("/api/employer/v1/employers?name=Konepaja&industry=C&limit=50");
  });

  it("says when no employer matches", async () => {
    fakeApi(() => ({ status: 200, body: { items: [], next_cursor: null } }));
    renderPage();
    expect(await screen.findByText("Hakua vastaavia työnantajia ei löytynyt.")).toBeInTheDocument();
  });

  it("registers an employer and opens its page", async () => {
    const calls = fakeApi((call) => {
      if (call.method === "POST") return { status: 201, body: employer() };
      return { status: 200, body: { items: [], next_cursor: null } };
    });
    renderPage();
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), " 0246246-0 ");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Lahden Konepaja Oy");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.click(within(form).getByRole("checkbox", { name: "Lahti" }));
    await userEvent.click(within(form).getByRole("checkbox", { name: "Suostuu yhteydenottoihin" }));
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    expect(await screen.findByText("employer page")).toBeInTheDocument();
    const post = calls.find((call) => call.method === "POST");
    expect(post?.path).toBe("/api/employer/v1/employers");
    expect(post?.headers.get("Idempotency-Key")).toBeTruthy();
    expect(post?.body).toEqual({
      business_id: "0246246-0",
      name: "Lahden Konepaja Oy",
      industry_code: "25620",
      municipalities: ["398"],
      consents_to_contact: true,
      network_member: false,
    });
  });

  it("asks for the required fields before sending anything", async () => {
    const calls = fakeApi(() => ({ status: 200, body: { items: [], next_cursor: null } }));
    renderPage();
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    expect(await within(form).findByLabelText(/^Y-tunnus/)).toHaveAccessibleDescription(
      expect.stringContaining("Pakollinen tieto"),
    );
    expect(within(form).getByLabelText(/^Toimialakoodi/)).toHaveAccessibleDescription(
      expect.stringContaining("Pakollinen tieto"),
    );
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
  });

  it("shows the service's field errors next to their fields and in the summary", async () => {
    fakeApi((call) =>
      call.method === "POST"
        ? {
            status: 422,
            body: {
              type: "https://polku.fi/problems/validation-error",
              title: "Invalid request",
              status: 422,
              errors: [{ field: "body.business_id", message: "Not a valid business id", code: "value_error" }],
            },
          }
        : { status: 200, body: { items: [], next_cursor: null } },
    );
    renderPage();
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), "0246246-1");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Lahden Konepaja Oy");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    const summary = await within(form).findByRole("alert");
    expect(within(summary).getByText("Tarkista lomakkeen tiedot")).toBeInTheDocument();
    expect(within(summary).getByRole("link", { name: "Tarkista tieto" })).toHaveAttribute("href", "#business_id");
    expect(within(form).getByLabelText(/^Y-tunnus/)).toHaveAttribute("aria-invalid", "true");
  });

  it("names the employer already registered with the Y-tunnus and links to it", async () => {
    const existing = "9e9e9e9e-0000-4000-8000-000000000009";
    fakeApi((call) =>
      call.method === "POST"
        ? {
            status: 409,
            body: {
              type: "https://polku.fi/problems/employer-already-registered",
              title: "Employer already registered",
              status: 409,
              existing: `/v1/employers/${existing}`,
              existing_name: "Lahden Konepaja Oy",
            },
          }
        : { status: 200, body: { items: [], next_cursor: null } },
    );
    renderPage();
    const form = screen.getByRole("form", { name: "Rekisteröi työnantaja" });
    await userEvent.type(within(form).getByLabelText(/^Y-tunnus/), "0246246-0");
    await userEvent.type(within(form).getByLabelText(/^Nimi/), "Konepaja");
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "25620");
    await userEvent.click(within(form).getByRole("button", { name: "Rekisteröi työnantaja" }));
    const summary = await within(form).findByRole("alert");
    expect(within(summary).getByText("Työnantaja on jo rekisterissä")).toBeInTheDocument();
    expect(
      within(summary).getByRole("link", { name: "Avaa rekisteröity työnantaja: Lahden Konepaja Oy" }),
    ).toHaveAttribute("href", `/employers/${existing}`);
  });
});
