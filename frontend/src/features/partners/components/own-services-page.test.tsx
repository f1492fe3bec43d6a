import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { User } from "oidc-client-ts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { COUNTY, organisation, service } from "../testing";
import { OwnServicesPage } from "./own-services-page";

let roles = ["partner"];
vi.mock("../../../lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../../lib/auth")>()),
  useAuth: () => ({
    user: new User({
      access_token: "token",
      token_type: "Bearer",
      profile: { sub: "leena", iss: "x", aud: "polku-spa", exp: 0, iat: 0, name: "Leena Sosiaali", roles },
    }),
    ready: true,
    login: vi.fn(),
    logout: vi.fn(),
    completeLogin: vi.fn(),
  }),
}));

describe("OwnServicesPage", () => {
  beforeEach(async () => {
    roles = ["partner"];
    await i18n.changeLanguage("fi");
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lists the partner's services with who changed each last, and publishes a new one", async () => {
    const own = service({ status: "temporarily_closed" });
    const calls = fakeApi((call) => {
      if (call.method === "GET" && call.path.startsWith("/api/referrals/v1/services"))
        return { status: 200, body: { items: [own], next_cursor: null } };
      if (call.method === "POST" && call.path === "/api/referrals/v1/services")
        return { status: 201, body: service({ name_fi: "Nuorten työpaja", version: 1 }) };
      return undefined;
    });
    renderWithProviders(<OwnServicesPage />);
    expect(screen.getByRole("heading", { level: 1, name: "Omat palvelut" })).toHaveFocus();
    const list = await screen.findByRole("region", { name: "Palvelut" });
    expect(await within(list).findByText(/Viimeksi muuttanut Leena Sosiaali/)).toBeInTheDocument();
    expect(within(list).getByText(/Tilapäisesti suljettu/)).toBeInTheDocument();
    expect(within(list).getByRole("status")).toHaveTextContent("Näytetään 1 palvelu.");
    // A partner lists its own: no organisation is named in the question, so the service answers with its own.
    expect(calls[0].path).not.toContain("organisation_id");

    await userEvent.click(screen.getByRole("button", { name: "Julkaise uusi palvelu" }));
    // Required fields are checked before anything is sent.
    await userEvent.click(screen.getByRole("button", { name: "Julkaise palvelu" }));
    expect(await screen.findAllByText("Kirjoita vähintään 2 merkkiä.")).not.toHaveLength(0);
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(0);

    await userEvent.type(screen.getByRole("textbox", { name: /^Nimi suomeksi/ }), "Nuorten työpaja");
    await userEvent.type(screen.getByRole("textbox", { name: /^Nimi ruotsiksi/ }), "Verkstad för unga");
    await userEvent.type(screen.getByRole("textbox", { name: /^Kuvaus suomeksi/ }), "Työpaja alle 30-vuotiaille.");
    await userEvent.type(screen.getByRole("textbox", { name: /^Kuvaus ruotsiksi/ }), "Verkstad för personer under 30.");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Tuotantotapa/ }), "partnership");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Aktivointipalvelun tyyppi/ }), "coaching");
    await userEvent.click(screen.getByRole("button", { name: "Julkaise palvelu" }));
    expect(await screen.findByText("Palvelu Nuorten työpaja julkaistu. Julkaisija: Leena Sosiaali.")).toHaveFocus();
    const posted = calls.find((call) => call.method === "POST")!.body as Record<string, unknown>;
    expect(posted).toMatchObject({
      organisation_id: null,
      name_fi: "Nuorten työpaja",
      name_en: null,
      production_model: "partnership",
      activating_service_type: "coaching",
      languages: ["fi"],
      response_days: 5,
      capacity_seats: null,
    });
  }, 30_000);

  it("changes a service with the version it was read at, and after a 412 loads the newer version", async () => {
    const own = service({ capacity_seats: 10 });
    const newer = { ...own, capacity_seats: 8, version: 4, changed_by_name: "Ilona Admin" };
    let patches = 0;
    const calls = fakeApi((call) => {
      if (call.method === "GET" && call.path === `/api/referrals/v1/services/${own.id}`)
        return { status: 200, body: newer };
      if (call.method === "GET" && call.path.startsWith("/api/referrals/v1/services"))
        return { status: 200, body: { items: [own], next_cursor: null } };
      if (call.method === "PATCH") {
        patches += 1;
        if (patches === 1)
          return {
            status: 412,
            body: { type: "https://polku.fi/problems/record-changed", title: "Changed", status: 412 },
          };
        return { status: 200, body: { ...newer, capacity_seats: 12, version: 5, changed_by_name: "Leena Sosiaali" } };
      }
      return undefined;
    });
    renderWithProviders(<OwnServicesPage />);
    await userEvent.click(
      await screen.findByRole("button", { name: "Muokkaa palvelua Työ- ja toimintakyvyn arviointi" }),
    );
    const seats = screen.getByRole("textbox", { name: /^Paikkoja/ });
    expect(seats).toHaveValue("10");
    await userEvent.clear(seats);
    await userEvent.type(seats, "12");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Joku muu muutti palvelua sillä välin.");
    const first = calls.find((call) => call.method === "PATCH")!;
    expect(first.headers.get("if-match")).toBe('"v3"');

    await userEvent.click(screen.getByRole("button", { name: "Avaa uudempi versio" }));
    expect(await screen.findByRole("heading", { name: /versio 4/ })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /^Paikkoja/ })).toHaveValue("8");
    await userEvent.clear(screen.getByRole("textbox", { name: /^Paikkoja/ }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Paikkoja/ }), "12");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByText(/muutokset tallennettu. Tallentaja: Leena Sosiaali/)).toBeInTheDocument();
    const second = calls.filter((call) => call.method === "PATCH")[1];
    expect(second.headers.get("if-match")).toBe('"v4"');
    expect(second.body).toMatchObject({ capacity_seats: 12 });
  }, 30_000);

  it("lets an administrator choose the partner whose services are listed and published", async () => {
    roles = ["admin"];
    const calls = fakeApi((call) => {
      if (call.path.startsWith("/api/referrals/v1/organisations"))
        return { status: 200, body: { items: [organisation()], next_cursor: null } };
      if (call.method === "GET" && call.path.startsWith("/api/referrals/v1/services"))
        return { status: 200, body: { items: [service()], next_cursor: null } };
      return undefined;
    });
    renderWithProviders(<OwnServicesPage />);
    expect(screen.getByRole("heading", { level: 1, name: "Kumppanien palvelut" })).toBeInTheDocument();
    expect(screen.getByText("Valitse ensin kumppani.")).toBeInTheDocument();
    await userEvent.selectOptions(
      await screen.findByRole("combobox", { name: "Kumppani" }),
      await screen.findByRole("option", { name: "Päijät-Hämeen hyvinvointialue" }),
    );
    expect(await screen.findByText(/Viimeksi muuttanut Leena Sosiaali/)).toBeInTheDocument();
    expect(calls.some((call) => call.path.includes(`organisation_id=${COUNTY}`))).toBe(true);
  });
});
