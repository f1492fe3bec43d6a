import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { referral } from "../../../testing/referrals";
import type { ConsentRead } from "../api/types";
import { ReferralsSection } from "./referrals-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000021";
const COUNTY = "0b0c8f6e-6f1a-4c36-9d55-000000000002";
const SERVICE = {
  id: "5e7a1c00-0000-4000-8000-000000000001",
  organisation_id: COUNTY,
  organisation_name: "Päijät-Hämeen hyvinvointialue",
  organisation_type: "wellbeing_services_county",
  name_fi: "Työ- ja toimintakyvyn arviointi",
  name_sv: "Bedömning av arbets- och funktionsförmåga",
  name_en: "Work ability assessment",
  description_fi: "Moniammatillinen arvio.",
  description_sv: "Multiprofessionell bedömning.",
  description_en: null,
  status: "active",
};

const consent = (categories: string[]): ConsentRead =>
  ({
    id: "consent-1",
    client_id: CLIENT,
    recipient_organisation_id: COUNTY,
    categories,
    in_force: true,
    withdrawn_at: null,
  }) as never;

function serve({ consents, send }: { consents: ConsentRead[]; send: () => { status: number; body: unknown } }) {
  // The referrals sent, listed once sent (as the service lists them).
  const listed: unknown[] = [];
  return fakeApi((call: Call) => {
    const url = new URL(call.path, "http://localhost");
    if (url.pathname === `/api/clients/v1/clients/${CLIENT}/consents`) return { status: 200, body: consents };
    if (url.pathname === "/api/referrals/v1/referrals" && call.method === "GET")
      return { status: 200, body: { items: listed, next_cursor: null } };
    if (url.pathname === "/api/referrals/v1/services")
      return { status: 200, body: { items: [SERVICE], next_cursor: null } };
    if (url.pathname === "/api/referrals/v1/referrals" && call.method === "POST") {
      return {
        status: 201,
        body: referral({ id: "draft-1", status: "draft", ...(call.body as object), sent_at: null }),
      };
    }
    if (url.pathname === "/api/referrals/v1/referrals/draft-1" && call.method === "PATCH") {
      const body = call.body as object;
      return { status: 200, body: referral({ id: "draft-1", status: "draft", sent_at: null, version: 2, ...body }) };
    }
    if (url.pathname === "/api/referrals/v1/referrals/draft-1/send") {
      const answer = send();
      if (answer.status === 200) listed.push(answer.body);
      return answer;
    }
    return undefined;
  });
}

async function fillForm() {
  await userEvent.click(await screen.findByRole("button", { name: "Tee lähete" }));
  await userEvent.type(screen.getByLabelText(/^Hae palvelua/), "arviointi");
  await userEvent.click(screen.getByRole("button", { name: "Hae" }));
  await userEvent.click(await screen.findByRole("radio", { name: /Työ- ja toimintakyvyn arviointi/ }));
  await userEvent.click(screen.getByRole("checkbox", { name: "Henkilötiedot" }));
  await userEvent.click(screen.getByRole("checkbox", { name: "Palvelutarpeen arvio" }));
}

describe("ReferralsSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows per category, before sending, whether the client's consent covers it", async () => {
    serve({ consents: [consent(["identity"])], send: () => ({ status: 200, body: {} }) });
    renderWithProviders(<ReferralsSection clientId={CLIENT} />);
    await fillForm();
    const check = screen.getByRole("group", { name: "Asiakkaan suostumus: Päijät-Hämeen hyvinvointialue" });
    const items = within(check).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Henkilötiedot: suostumus on voimassa");
    expect(items[1]).toHaveTextContent("Palvelutarpeen arvio: ei suostumusta");
    expect(check).toHaveTextContent("Lähetettä ei voi lähettää ennen kuin asiakas on antanut suostumuksen.");
    expect(within(check).getByRole("link", { name: "Siirry suostumuksiin" })).toHaveAttribute("href", "#consents");
  });

  it("checks the form before sending anything", async () => {
    const calls = serve({ consents: [], send: () => ({ status: 200, body: {} }) });
    renderWithProviders(<ReferralsSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Tee lähete" }));
    await userEvent.click(screen.getByRole("button", { name: "Lähetä lähete" }));
    expect(await screen.findByText("Valitse palvelu")).toBeInTheDocument();
    expect(screen.getByText("Valitse vähintään yksi")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Lähetteen syy/)).toHaveAttribute("aria-invalid", "true");
    expect(calls.some((call) => call.method === "POST")).toBe(false);
  });

  it("on a 409 names the categories no consent covers, keeps the draft, and sends that same draft again", async () => {
    let answer = {
      status: 409,
      body: {
        type: "https://polku.fi/problems/consent-missing",
        title: "The client has not consented",
        status: 409,
        missing_categories: ["assessment"],
      },
    } as { status: number; body: unknown };
    const calls = serve({ consents: [consent(["identity"])], send: () => answer });
    renderWithProviders(<ReferralsSection clientId={CLIENT} />);
    await fillForm();
    await userEvent.type(screen.getByLabelText(/^Lähetteen syy/), "Työkyvyn arviointi");
    await userEvent.click(screen.getByRole("button", { name: "Lähetä lähete" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Lähetettä ei lähetetty: asiakkaan suostumus puuttuu");
    expect(alert).toHaveTextContent("Suostumus ei kata näitä tietoja: Palvelutarpeen arvio.");
    expect(alert).toHaveTextContent("Lähete on tallennettu luonnoksena.");
    expect(within(alert).getByRole("link", { name: "Siirry suostumuksiin" })).toHaveAttribute("href", "#consents");

    answer = { status: 200, body: referral({ id: "draft-1", status: "requested", due_on: "2026-12-02" }) };
    await userEvent.click(screen.getByRole("button", { name: "Lähetä luonnos uudelleen" }));
    expect(
      await screen.findByText("Lähete on lähetetty. Kumppanin on vastattava 2.12.2026 mennessä."),
    ).toBeInTheDocument();
    expect(calls.filter((call) => call.method === "POST" && call.path === "/api/referrals/v1/referrals")).toHaveLength(
      1,
    );
    expect(calls.filter((call) => call.path === "/api/referrals/v1/referrals/draft-1/send")).toHaveLength(2);
    const created = calls.find((call) => call.method === "POST" && call.path === "/api/referrals/v1/referrals");
    expect(created?.body).toEqual({
      client_id: CLIENT,
      service_id: SERVICE.id,
      categories: ["identity", "assessment"],
      reason: "Työkyvyn arviointi",
    });
    // Sent, the form closes and focus goes to the referral's row once the list shows it.
    expect(screen.queryByRole("button", { name: "Lähetä lähete" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Tee lähete" })).toHaveAttribute("aria-expanded", "false");
    await vi.waitFor(() => expect(document.getElementById("referral-draft-1")).toHaveFocus());
  });

  it("changes the kept draft to what the form now says instead of drafting another", async () => {
    let answer = {
      status: 409,
      body: {
        type: "https://polku.fi/problems/consent-missing",
        title: "No consent",
        status: 409,
        missing_categories: ["assessment"],
      },
    } as { status: number; body: unknown };
    const calls = serve({ consents: [consent(["identity"])], send: () => answer });
    renderWithProviders(<ReferralsSection clientId={CLIENT} />);
    await fillForm();
    await userEvent.type(screen.getByLabelText(/^Lähetteen syy/), "Työkyvyn arviointi");
    await userEvent.click(screen.getByRole("button", { name: "Lähetä lähete" }));
    await screen.findByRole("alert");

    // Without the category no consent covers, the same draft goes.
    await userEvent.click(screen.getByRole("checkbox", { name: "Palvelutarpeen arvio" }));
    answer = { status: 200, body: referral({ id: "draft-1", status: "requested", due_on: "2026-12-02" }) };
    await userEvent.click(screen.getByRole("button", { name: "Lähetä luonnos uudelleen" }));
    expect(
      await screen.findByText("Lähete on lähetetty. Kumppanin on vastattava 2.12.2026 mennessä."),
    ).toBeInTheDocument();

    const changes = calls.filter((call) => call.method === "PATCH");
    expect(changes).toHaveLength(1);
    expect(changes[0].path).toBe("/api/referrals/v1/referrals/draft-1");
    expect(changes[0].headers.get("if-match")).toBe('"v1"');
    expect(changes[0].body).toEqual({ service_id: SERVICE.id, categories: ["identity"], reason: "Työkyvyn arviointi" });
    expect(calls.filter((call) => call.method === "POST" && call.path === "/api/referrals/v1/referrals")).toHaveLength(
      1,
    );
    expect(calls.some((call) => call.path.endsWith("/transitions"))).toBe(false);
  });
});
