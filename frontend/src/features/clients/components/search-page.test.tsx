import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation, useNavigate } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { ClientSummary } from "../api/types";
import { SearchPage } from "./search-page";

const CODE = "150398-123L";

function client(number: number): ClientSummary {
  return {
    id: `6f1c2b8e-0000-4000-8000-00000000000${number}`,
    first_names: `Etu${number}`,
    last_name: "Korhonen",
    personal_identity_code_masked: "150398-***L",
    home_municipality: "398",
    status: "unemployed",
    coach_subject: null,
    target_groups: ["under_30"],
    needs_named_coach: false,
  };
}

/** The address bar (what the browser's history keeps) and its back button. */
function AddressBar() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <code data-testid="address">{location.pathname + location.search}</code>
      <button type="button" onClick={() => void navigate(-1)}>
        back
      </button>
    </>
  );
}

function searches(calls: Call[]) {
  return calls.filter((call) => call.path.startsWith("/api/clients/v1/clients"));
}

describe("SearchPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends the criteria in the body, then follows the cursor with 'show more' and moves focus to the first new client", async () => {
    const calls = fakeApi((call) => {
      if (call.path !== "/api/clients/v1/clients/search" || call.method !== "POST") return undefined;
      return (call.body as { cursor?: string }).cursor
        ? { status: 200, body: { items: [client(3)], next_cursor: null } }
        : { status: 200, body: { items: [client(1), client(2)], next_cursor: "next-page" } };
    });
    renderWithProviders(
      <>
        <SearchPage />
        <AddressBar />
      </>,
      { route: "/clients" },
    );
    expect(screen.getByRole("status")).toHaveTextContent("Hae nimellä");

    await userEvent.type(screen.getByRole("textbox", { name: "Nimi" }), "Korhonen");
    await userEvent.type(screen.getByRole("textbox", { name: "Henkilötunnus" }), CODE);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Kotikunta" }), "398");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Tilanne" }), "unemployed");
    await userEvent.click(screen.getByRole("button", { name: "Hae" }));

    expect(await screen.findByText("Näytetään 2 asiakasta.")).toBeInTheDocument();
    const [first] = searches(calls);
    expect(first.method).toBe("POST");
    expect(first.body).toEqual({
      name: "Korhonen",
      personal_identity_code: CODE,
      municipality: "398",
      status: "unemployed",
      limit: 25,
    });
    // Neither the identity code nor the name is in any URL: not the request's, not the address bar's.
    expect(first.path).toBe("/api/clients/v1/clients/search");
    const address = screen.getByTestId("address").textContent ?? "";
    expect(address).toMatch(/municipality=398/);
    expect(address).not.toMatch(/Korhonen|150398|123L/);

    await userEvent.click(screen.getByRole("button", { name: "Näytä lisää" }));
    expect(await screen.findByText("Näytetään 3 asiakasta.")).toBeInTheDocument();
    expect(searches(calls)[1].body).toMatchObject({
      name: "Korhonen",
      personal_identity_code: CODE,
      cursor: "next-page",
    });
    expect(screen.queryByRole("button", { name: "Näytä lisää" })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByRole("link", { name: "Korhonen, Etu3" })).toHaveFocus());
  });

  it("returns to an earlier search with back, its name and code restored from memory", async () => {
    const calls = fakeApi((call) =>
      call.path === "/api/clients/v1/clients/search"
        ? { status: 200, body: { items: [client(1)], next_cursor: null } }
        : undefined,
    );
    renderWithProviders(
      <>
        <SearchPage />
        <AddressBar />
      </>,
      { route: "/clients" },
    );
    const name = screen.getByRole("textbox", { name: "Nimi" });
    await userEvent.type(name, "Korhonen");
    await userEvent.click(screen.getByRole("button", { name: "Hae" }));
    expect(await screen.findByText("Näytetään 1 asiakas.")).toBeInTheDocument();
    await userEvent.clear(name);
    await userEvent.type(name, "Virtanen");
    await userEvent.click(screen.getByRole("button", { name: "Hae" }));
    await vi.waitFor(() => expect(searches(calls).at(-1)?.body).toMatchObject({ name: "Virtanen" }));

    await userEvent.click(screen.getByRole("button", { name: "back" }));
    await vi.waitFor(() => expect(screen.getByRole("textbox", { name: "Nimi" })).toHaveValue("Korhonen"));
    expect(screen.getByTestId("address").textContent).not.toMatch(/Korhonen|Virtanen/);
  });

  it("drops a name and an identity code from an address saved before they left the URL", async () => {
    const calls = fakeApi((call) =>
      call.path === "/api/clients/v1/clients/search"
        ? { status: 200, body: { items: [], next_cursor: null } }
        : undefined,
    );
    renderWithProviders(
      <>
        <SearchPage />
        <AddressBar />
      </>,
      { route: `/clients?name=Korhonen&personal_identity_code=${CODE}&status=unemployed` },
    );
    await vi.waitFor(() => expect(screen.getByTestId("address")).toHaveTextContent(/^\/clients\?status=unemployed$/));
    await vi.waitFor(() => expect(searches(calls).length).toBeGreaterThan(0));
    for (const call of searches(calls)) {
      expect(JSON.stringify(call.body)).not.toMatch(/Korhonen|150398/);
    }
  });
});
