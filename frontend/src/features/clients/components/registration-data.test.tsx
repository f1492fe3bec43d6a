import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { CLIENT_ID, clientRead } from "../../../testing/clients";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { useClient } from "../api/get-client";
import { RegistrationData } from "./registration-data";

const URL = `/api/clients/v1/clients/${CLIENT_ID}`;

function Summary() {
  const client = useClient(CLIENT_ID);
  return client.data ? <RegistrationData client={client.data} /> : null;
}

/** The service checks the codes against the ISO lists: ``XX`` is no country. */
function service({ stale = false } = {}) {
  let client = clientRead({ citizenship: "UA", mother_tongue: null, version: 4 });
  return fakeApi((call: Call) => {
    if (call.path === URL) return { status: 200, body: client };
    if (call.path === `${URL}/registration-data`) {
      if (stale) return { status: 412, body: { title: "Changed", status: 412 } };
      const body = call.body as { citizenship: string | null; mother_tongue: string | null };
      if (body.citizenship === "XX")
        return {
          status: 422,
          body: {
            type: "https://polku.fi/problems/validation",
            title: "Invalid",
            status: 422,
            errors: [
              { field: "body.citizenship", message: "not an ISO 3166-1 alpha-2 country code", code: "value_error" },
            ],
          },
        };
      client = { ...client, ...body, version: client.version + 1 };
      return { status: 200, body: client };
    }
    return undefined;
  });
}

describe("RegistrationData", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("names the citizenship and mother tongue in the reader's language and saves them with the version seen", async () => {
    const calls = service();
    renderWithProviders(<Summary />);
    expect(await screen.findByText("Ukraina (UA)")).toBeInTheDocument();
    expect(screen.getByText("ei kirjattu")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Muuta kansalaisuutta tai äidinkieltä" }));
    expect(screen.getByRole("heading", { name: "Muuta kansalaisuutta tai äidinkieltä" })).toHaveFocus();
    await userEvent.type(screen.getByRole("textbox", { name: /^Äidinkieli/ }), "uk");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Tallennettu. Kansalaisuus: Ukraina (UA), äidinkieli: ukraina (uk).",
    );
    const patch = calls.find((call) => call.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"v4"');
    expect(patch.body).toEqual({ citizenship: "UA", mother_tongue: "uk" });
    await vi.waitFor(() => expect(document.getElementById("registration-data-values")).toHaveFocus());
  });

  it("shows the service's refusal of a code next to the field, and a code of the wrong shape before sending", async () => {
    const calls = service();
    renderWithProviders(<Summary />);
    await userEvent.click(await screen.findByRole("button", { name: "Muuta kansalaisuutta tai äidinkieltä" }));
    const citizenship = screen.getByRole("textbox", { name: /^Kansalaisuus/ });
    await userEvent.clear(citizenship);
    await userEvent.type(citizenship, "1");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    await vi.waitFor(() => expect(citizenship).toHaveAttribute("aria-invalid", "true"));
    expect(calls.some((call) => call.method === "PATCH")).toBe(false);

    await userEvent.clear(citizenship);
    await userEvent.type(citizenship, "XX");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findAllByText("Anna maan kaksikirjaiminen ISO-koodi, esimerkiksi FI.")).not.toHaveLength(0);
    expect(calls.some((call) => call.method === "PATCH")).toBe(true);
  });

  it("says so when the client changed meanwhile", async () => {
    service({ stale: true });
    renderWithProviders(<Summary />);
    await userEvent.click(await screen.findByRole("button", { name: "Muuta kansalaisuutta tai äidinkieltä" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByText(/Joku muutti asiakkaan tietoja välillä/)).toBeInTheDocument();
  });
});
