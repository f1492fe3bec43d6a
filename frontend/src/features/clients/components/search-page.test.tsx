import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { ClientSummary } from "../api/types";
import { SearchPage } from "./search-page";

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

describe("SearchPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends the criteria, then follows the cursor with 'show more' and moves focus to the first new client", async () => {
    const calls = fakeApi((call) => {
      if (!call.path.startsWith("/api/clients/v1/clients?")) return undefined;
      return call.path.includes("cursor=")
        ? { status: 200, body: { items: [client(3)], next_cursor: null } }
        : { status: 200, body: { items: [client(1), client(2)], next_cursor: "next-page" } };
    });
    renderWithProviders(<SearchPage />, { route: "/clients" });
    expect(screen.getByRole("status")).toHaveTextContent("Hae nimellä");

    await userEvent.type(screen.getByRole("textbox", { name: "Nimi" }), "Korhonen");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Kotikunta" }), "398");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Tilanne" }), "unemployed");
    await userEvent.click(screen.getByRole("button", { name: "Hae" }));

    expect(await screen.findByText("Näytetään 2 asiakasta.")).toBeInTheDocument();
    const first = new URL(calls[0].path, "http://localhost").searchParams;
    expect(Object.fromEntries(first)).toMatchObject({ name: "Korhonen", municipality: "398", status: "unemployed" });
    expect(first.has("cursor")).toBe(false);

    await userEvent.click(screen.getByRole("button", { name: "Näytä lisää" }));
    expect(await screen.findByText("Näytetään 3 asiakasta.")).toBeInTheDocument();
    expect(new URL(calls[1].path, "http://localhost").searchParams.get("cursor")).toBe("next-page");
    expect(screen.queryByRole("button", { name: "Näytä lisää" })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByRole("link", { name: "Korhonen, Etu3" })).toHaveFocus());
  });
});
