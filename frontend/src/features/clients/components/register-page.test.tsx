import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { RegisterPage } from "./register-page";

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/clients/new" element={<RegisterPage />} />
      <Route path="/clients/:clientId" element={<p>client page</p>} />
    </Routes>,
    { route: "/clients/new" },
  );
}

async function fillRequired() {
  await userEvent.type(screen.getByLabelText(/^Henkilötunnus/), "131052-308A");
  await userEvent.type(screen.getByLabelText(/^Etunimet/), "Matti");
  await userEvent.type(screen.getByLabelText(/^Sukunimi/), "Meikäläinen");
  await userEvent.selectOptions(screen.getByLabelText(/^Kotikunta/), "398");
}

describe("RegisterPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks for the required fields and checks the formats before sending anything", async () => {
    const calls = fakeApi(() => undefined);
    renderPage();
    await userEvent.type(screen.getByLabelText(/^Henkilötunnus/), "1310523");
    await userEvent.type(screen.getByLabelText(/^Puhelin/), "12");
    await userEvent.click(screen.getByRole("button", { name: "Rekisteröi" }));
    expect(await screen.findByLabelText(/^Etunimet/)).toHaveAccessibleDescription("Pakollinen tieto");
    expect(screen.getByLabelText(/^Henkilötunnus/)).toHaveAccessibleDescription(
      expect.stringContaining("Henkilötunnus ei ole kelvollinen"),
    );
    expect(screen.getByLabelText(/^Henkilötunnus/)).toHaveFocus();
    expect(screen.getByLabelText(/^Puhelin/)).toHaveAccessibleDescription(
      "Anna puhelinnumero, esimerkiksi +358 40 123 4567",
    );
    expect(screen.getByLabelText(/^Kotikunta/)).toHaveAccessibleDescription("Pakollinen tieto");
    expect(calls).toEqual([]);
  });

  it("shows the service's field errors next to their fields, in Finnish, and the rest above the form", async () => {
    const calls = fakeApi(() => ({
      status: 422,
      body: {
        type: "https://polku.fi/problems/validation-error",
        title: "Invalid request",
        status: 422,
        errors: [
          {
            field: "body.personal_identity_code",
            message: "not a valid personal identity code: checksum",
            code: "value_error",
          },
          { field: "body.last_name", message: "String should have at most 200 characters", code: "string_too_long" },
          { field: "body", message: "Value error, something across fields", code: "value_error" },
        ],
      },
    }));
    renderPage();
    await fillRequired();
    await userEvent.click(screen.getByRole("button", { name: "Rekisteröi" }));

    const code = await screen.findByLabelText(/^Henkilötunnus/);
    await vi.waitFor(() =>
      expect(code).toHaveAccessibleDescription(
        expect.stringContaining("Henkilötunnus ei ole kelvollinen. Tarkista numerot ja tarkistusmerkki."),
      ),
    );
    expect(code).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/^Sukunimi/)).toHaveAccessibleDescription("Teksti on liian pitkä");
    // The error summary above the fields takes focus, names each refused field and leads to it.
    const summary = screen.getByRole("alert");
    expect(summary).toHaveTextContent("Tarkista tieto");
    expect(summary.parentElement).toHaveFocus();
    await userEvent.click(within(summary).getByRole("link", { name: /^Henkilötunnus ei ole kelvollinen/ }));
    expect(code).toHaveFocus();
    expect(calls[0].body).toMatchObject({
      personal_identity_code: "131052-308A",
      home_municipality: "398",
      phone: null,
    });
  });

  it("tells that the person is already a client and links to them", async () => {
    fakeApi(() => ({
      status: 409,
      body: {
        type: "https://polku.fi/problems/client-already-registered",
        title: "The person is already a client",
        status: 409,
        existing: "/v1/clients/6f1c2b8e-0000-4000-8000-000000000001",
      },
    }));
    renderPage();
    await fillRequired();
    await userEvent.click(screen.getByRole("button", { name: "Rekisteröi" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Henkilö on jo asiakas");
    await userEvent.click(screen.getByRole("link", { name: "Avaa asiakkaan tiedot" }));
    expect(screen.getByText("client page")).toBeInTheDocument();
  });

  it("opens the new client's page after a successful registration", async () => {
    fakeApi((call) =>
      call.method === "POST" ? { status: 201, body: { id: "6f1c2b8e-0000-4000-8000-000000000002" } } : undefined,
    );
    renderPage();
    await fillRequired();
    await userEvent.click(screen.getByRole("button", { name: "Rekisteröi" }));
    expect(await screen.findByText("client page")).toBeInTheDocument();
  });
});
