import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { EMPLOYER_SERVICES, introduction, vacancy } from "../../../testing/employers";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EmployerServicesHome } from "./employer-services-home";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };
const OPEN = vacancy();
const ANONYMOUS = introduction({ vacancy_id: OPEN.id, anonymous: true, version: 2 });
const DISCLOSURE = `/api/employer/v1/introductions/${ANONYMOUS.id}/disclosure`;
const CONSENT_MISSING = {
  type: "https://polku.fi/problems/consent-missing",
  title: "The client's consent does not cover the introduction",
  status: 409,
  missing_categories: ["contact_details", "identity"],
  recipient_organisation_id: ANONYMOUS.employer_id,
  anonymous: false,
};

/** The home with one anonymous introduction waiting; ``disclosure`` answers the disclosure calls in turn. */
function serve(disclosure: (call: Call) => { status: number; body?: unknown }) {
  return fakeApi((call) => {
    if (call.method === "POST" && call.path === DISCLOSURE) return disclosure(call);
    if (call.path.startsWith("/api/employer/v1/next-steps-due")) return { status: 200, body: [] };
    if (call.path.startsWith("/api/employer/v1/vacancies"))
      return { status: 200, body: { items: [OPEN], next_cursor: null } };
    if (call.path.startsWith("/api/employer/v1/job-offers")) return { status: 200, body: [] };
    if (call.path === "/api/employer/v1/introductions?status=made&limit=200") return { status: 200, body: [ANONYMOUS] };
    if (call.path.startsWith("/api/employer/v1/introductions")) return { status: 200, body: [] };
    return undefined;
  });
}

describe("DiscloseIntroduction on the employer-services home", () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage("fi");
  });

  it("names what the consent lacks, then discloses with the version seen once the consent covers it", async () => {
    await i18n.changeLanguage("fi");
    const answers = [
      { status: 409, body: CONSENT_MISSING },
      { status: 200, body: { ...ANONYMOUS, anonymous: false, disclosed_by: EMPLOYER_SERVICES, version: 3 } },
    ];
    const calls = serve(() => answers.shift() ?? { status: 500 });
    renderWithProviders(<EmployerServicesHome me={SANNA} />);

    const waiting = screen.getByRole("region", { name: "Esittelyt, joiden tulosta odotetaan" });
    expect(await within(waiting).findByText(/Esitelty \(nimetön\), Esitteli/)).toBeInTheDocument();
    const form = within(waiting).getByRole("form", {
      name: "Nimettömän esittelyn muuttaminen nimelliseksi: Koneistaja",
    });
    await userEvent.click(within(form).getByRole("button", { name: "Muuta nimelliseksi" }));

    expect(await within(form).findByText("Suostumus puuttuu: esittely on yhä nimetön")).toBeInTheDocument();
    expect(within(form).getByText("Yhteystiedot")).toBeInTheDocument();
    expect(within(form).getByText("Henkilötiedot")).toBeInTheDocument();

    await userEvent.click(within(form).getByRole("button", { name: "Muuta nimelliseksi" }));
    expect(await within(form).findByText(/Esittely on nyt nimellinen/)).toBeInTheDocument();
    const posted = calls.filter((call) => call.method === "POST" && call.path === DISCLOSURE);
    expect(posted).toHaveLength(2);
    expect(posted.map((call) => call.headers.get("if-match"))).toEqual(['"v2"', '"v2"']);
  });

  it("offers no disclosure for a named introduction", async () => {
    await i18n.changeLanguage("en");
    fakeApi((call) => {
      if (call.path.startsWith("/api/employer/v1/next-steps-due")) return { status: 200, body: [] };
      if (call.path.startsWith("/api/employer/v1/vacancies"))
        return { status: 200, body: { items: [OPEN], next_cursor: null } };
      if (call.path.startsWith("/api/employer/v1/job-offers")) return { status: 200, body: [] };
      if (call.path === "/api/employer/v1/introductions?status=made&limit=200")
        return { status: 200, body: [introduction({ vacancy_id: OPEN.id })] };
      if (call.path.startsWith("/api/employer/v1/introductions")) return { status: 200, body: [] };
      return undefined;
    });
    renderWithProviders(<EmployerServicesHome me={SANNA} />);
    const waiting = screen.getByRole("region", { name: /Introductions waiting/ });
    expect(await within(waiting).findByText(/Introduced by/)).toBeInTheDocument();
    expect(within(waiting).queryByRole("button", { name: "Disclose the name" })).not.toBeInTheDocument();
  });

  it.each([
    ["sv", "Ändra till namngiven"],
    ["en", "Disclose the name"],
  ])("offers the action in %s", async (language, name) => {
    await i18n.changeLanguage(language);
    serve(() => ({ status: 500 }));
    renderWithProviders(<EmployerServicesHome me={SANNA} />);
    expect(await screen.findByRole("button", { name })).toBeInTheDocument();
  });
});
