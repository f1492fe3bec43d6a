import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { organisation } from "../testing";
import { OrganisationsPage } from "./organisations-page";

const NEW_ORG = "0b0c8f6e-6f1a-4c36-9d55-0000000000aa";

describe("OrganisationsPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lists the network's partners with who changed each, registers one and explains a duplicate", async () => {
    let posts = 0;
    const calls = fakeApi((call) => {
      if (call.method === "GET") return { status: 200, body: { items: [organisation()], next_cursor: null } };
      posts += 1;
      if (posts === 1)
        return {
          status: 409,
          body: { type: "https://polku.fi/problems/organisation-already-registered", title: "Exists", status: 409 },
        };
      return {
        status: 201,
        body: organisation({ id: NEW_ORG, name: "Lahden Diakonialaitos", changed_by_name: "Ilona Admin" }),
      };
    });
    renderWithProviders(<OrganisationsPage />);
    expect(screen.getByRole("heading", { level: 1, name: "Kumppanit" })).toHaveFocus();
    const table = await screen.findByRole("table", { name: "Kumppaniorganisaatiot" });
    const row = within(table).getByRole("row", { name: /Päijät-Hämeen hyvinvointialue/ });
    expect(row).toHaveTextContent("Viimeksi muuttanut Ilona Admin");
    expect(row).toHaveTextContent("Lahti");

    await userEvent.click(screen.getByRole("button", { name: "Rekisteröi kumppani" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Organisaation tunniste/ }), "not-a-uuid");
    await userEvent.click(screen.getByRole("button", { name: "Rekisteröi" }));
    expect(await screen.findByText(/Anna organisaation tunniste \(UUID\)/)).toBeInTheDocument();
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(0);

    await userEvent.clear(screen.getByRole("textbox", { name: /^Organisaation tunniste/ }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Organisaation tunniste/ }), NEW_ORG);
    await userEvent.type(screen.getByRole("textbox", { name: /^Nimi/ }), "Lahden Diakonialaitos");
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: /^Organisaation tyyppi/ }),
      "third_sector_workshop",
    );
    await userEvent.type(screen.getByRole("textbox", { name: /^Y-tunnus/ }), "0246246-0");
    await userEvent.click(screen.getByRole("checkbox", { name: "Lahti" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Yhteyshenkilö$/ }), "Ville Valmentaja");
    await userEvent.click(screen.getByRole("button", { name: "Rekisteröi" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("on jo rekisteröity verkostoosi");

    await userEvent.click(screen.getByRole("button", { name: "Rekisteröi" }));
    expect(
      await screen.findByText("Lahden Diakonialaitos on rekisteröity kumppaniksi. Rekisteröijä: Ilona Admin."),
    ).toHaveFocus();
    expect(calls.filter((call) => call.method === "POST")[1].body).toEqual({
      id: NEW_ORG,
      name: "Lahden Diakonialaitos",
      type: "third_sector_workshop",
      business_id: "0246246-0",
      email: null,
      website: null,
      municipalities: ["398"],
      contacts: [{ name: "Ville Valmentaja", email: null }],
    });
  }, 30_000);
});
