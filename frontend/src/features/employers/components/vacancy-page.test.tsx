import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import {
  candidate,
  CLIENT_ID,
  COACH,
  EMPLOYER_ID,
  EMPLOYER_SERVICES,
  employer,
  introduction,
  offer,
  vacancy,
} from "../../../testing/employers";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { Me } from "./people";
import { VacancyPage } from "./vacancy-page";

const VACANCY_ID = vacancy().id;
const SANNA: Me = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };
const AINO: Me = { subject: COACH, name: "Aino Virtanen", roles: ["coach"] };

function renderPage(me: Me) {
  return renderWithProviders(
    <Routes>
      <Route path="/vacancies/:vacancyId" element={<VacancyPage me={me} />} />
    </Routes>,
    { route: `/vacancies/${VACANCY_ID}` },
  );
}

/** The vacancy's reads; ``more`` answers the rest (a POST). */
function answers(more: (call: Call) => { status: number; body?: unknown } | undefined = () => undefined) {
  return fakeApi((call) => {
    const answer = more(call);
    if (answer) return answer;
    if (call.path === `/api/employer/v1/vacancies/${VACANCY_ID}`) return { status: 200, body: vacancy() };
    if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`) return { status: 200, body: employer() };
    if (call.path.startsWith(`/api/employer/v1/vacancies/${VACANCY_ID}/candidates`))
      return { status: 200, body: [candidate()] };
    if (call.path.startsWith("/api/employer/v1/job-offers")) return { status: 200, body: [] };
    if (call.path.startsWith("/api/employer/v1/introductions")) return { status: 200, body: [] };
    if (call.path.startsWith("/api/clients/v1/client-names"))
      return { status: 200, body: { items: [{ id: CLIENT_ID, last_name: "Laine", first_names: "Sara" }] } };
    return undefined;
  });
}

describe("VacancyPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows each candidate's score in its parts with the reason in words, and the name clients-api gives", async () => {
    const calls = answers();
    renderPage(SANNA);
    expect(await screen.findByRole("heading", { level: 1, name: "Koneistaja" })).toBeInTheDocument();
    const candidates = screen.getByRole("region", { name: "Sopivat ehdokkaat" });
    const item = await within(candidates).findByRole("heading", { level: 3, name: "Laine, Sara" });
    const card = item.closest("li")!;
    expect(card).toHaveTextContent("Yhteensopivuus 85/100");
    const parts = within(card as HTMLElement).getByRole("list", { name: "Pisteiden perusteet" });
    expect(parts).toHaveTextContent("Ammatti: 40/40 pistettä – sama ammatti (ISCO-perusryhmä)");
    expect(parts).toHaveTextContent("Osaaminen ja luvat: 10/20 pistettä – osa vaadituista taidoista puuttuu");
    expect(parts).toHaveTextContent("Sijainti: 15/15 pistettä – sama kunta");
    expect(parts).toHaveTextContent("Saatavuus: 10/10 pistettä – työtön työnhakija, käytettävissä");
    expect(parts).toHaveTextContent("Tuen sopivuus: 0/5 pistettä – ei tukiperustetta");
    // Employer services introduce; the offer is the coach's. The names come in one request to clients-api, which
    // applies its own rules to employer services.
    expect(within(card as HTMLElement).getByRole("button", { name: "Esittele työnantajalle" })).toBeInTheDocument();
    expect(within(card as HTMLElement).queryByRole("button", { name: "Tee työtarjous" })).not.toBeInTheDocument();
    expect(calls.filter((call) => call.path.startsWith("/api/clients/")).map((call) => call.path)).toEqual([
      `/api/clients/v1/client-names?id=${CLIENT_ID}`,
    ]);
    // The lifecycle: a published vacancy may be filled or closed.
    expect(screen.getByRole("button", { name: "Merkitse täytetyksi" })).toBeInTheDocument();
    // Who recorded the vacancy, by name.
    // Who made the vacancy and who last moved it, by the names recorded from their tokens.
    expect(screen.getByText(/rekisteröijä Eija Työnantajapalvelu$/)).toBeInTheDocument();
    expect(screen.getByText("Viimeksi muutettu")).toBeInTheDocument();
    expect(screen.getByText(/muuttaja Eija Työnantajapalvelu$/)).toBeInTheDocument();
  });

  it("names what the client's consent lacks when the introduction is refused (409)", async () => {
    const calls = answers((call) =>
      call.method === "POST" && call.path === "/api/employer/v1/introductions"
        ? {
            status: 409,
            body: {
              type: "https://polku.fi/problems/consent-missing",
              title: "The client's consent does not cover the introduction",
              status: 409,
              missing_categories: ["identity", "contact_details"],
              anonymous: false,
            },
          }
        : undefined,
    );
    renderPage(SANNA);
    const button = await screen.findByRole("button", { name: "Esittele työnantajalle" });
    await userEvent.click(button);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Suostumus puuttuu: esittelyä ei tehty");
    expect(alert).toHaveTextContent("työnantajalle Lahden Konepaja Oy");
    expect(within(alert).getByText("Henkilötiedot")).toBeInTheDocument();
    expect(within(alert).getByText("Yhteystiedot")).toBeInTheDocument();
    expect(alert).toHaveTextContent("esittele nimettömänä");
    const post = calls.find((call) => call.method === "POST")!;
    expect(post.body).toEqual({ vacancy_id: VACANCY_ID, client_id: CLIENT_ID, anonymous: false });
    expect(post.headers.get("Idempotency-Key")).toBeTruthy();
  });

  it("sends an anonymous introduction when asked and says it was made", async () => {
    const calls = answers((call) =>
      call.method === "POST" && call.path === "/api/employer/v1/introductions"
        ? { status: 201, body: introduction({ anonymous: true }) }
        : undefined,
    );
    renderPage(SANNA);
    await userEvent.click(await screen.findByRole("checkbox", { name: /Nimetön esittely/ }));
    await userEvent.click(screen.getByRole("button", { name: "Esittele työnantajalle" }));
    expect(await screen.findByText("Asiakas esitelty työnantajalle nimettömänä.")).toBeInTheDocument();
    expect(calls.find((call) => call.method === "POST")!.body).toMatchObject({ anonymous: true });
  });

  it("lets a coach offer the vacancy to a named candidate with the day to answer by", async () => {
    const calls = answers((call) =>
      call.method === "POST" && call.path === "/api/employer/v1/job-offers"
        ? { status: 201, body: offer({ respond_by: "2026-12-24" }) }
        : undefined,
    );
    renderPage(AINO);
    // The form opens when asked for, with focus on the day to answer by.
    const opener = await screen.findByRole("button", { name: "Tarjoa työpaikka asiakkaalle Laine, Sara" });
    expect(opener).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("form", { name: "Tarjoa työpaikka asiakkaalle Laine, Sara" })).not.toBeInTheDocument();
    await userEvent.click(opener);
    const form = screen.getByRole("form", { name: "Tarjoa työpaikka asiakkaalle Laine, Sara" });
    expect(screen.getByRole("link", { name: "Laine, Sara" })).toHaveAttribute("href", `/clients/${CLIENT_ID}`);
    expect(within(form).queryByRole("button", { name: "Esittele työnantajalle" })).not.toBeInTheDocument();
    const date = within(form).getByLabelText(/Vastattava viimeistään/);
    await vi.waitFor(() => expect(date).toHaveFocus());
    await userEvent.clear(date);
    await userEvent.type(date, "24.12.2026");
    await userEvent.click(within(form).getByRole("button", { name: "Tee työtarjous" }));
    // Sent, the form closes and focus goes to the message saying until when the client answers.
    const sent = await screen.findByText("Työtarjous tehty. Asiakas vastaa viimeistään 24.12.2026.");
    expect(form).not.toBeInTheDocument();
    await vi.waitFor(() => expect(sent).toHaveFocus());
    expect(opener).toHaveAttribute("aria-expanded", "false");
    expect(calls.find((call) => call.method === "POST")!.body).toEqual({
      vacancy_id: VACANCY_ID,
      client_id: CLIENT_ID,
      respond_by: "2026-12-24",
    });
    // No lifecycle buttons for a coach.
    expect(screen.queryByRole("button", { name: "Merkitse täytetyksi" })).not.toBeInTheDocument();
  });

  it("lists the offers and introductions with who acted, and records an introduction's outcome with If-Match", async () => {
    const calls = answers((call) => {
      if (call.method === "GET" && call.path.startsWith("/api/employer/v1/job-offers"))
        return {
          status: 200,
          body: [
            offer({
              status: "applied",
              outcome_by: COACH,
              outcome_by_name: "Kaisa Valmentaja",
              outcome_by_organisation_name: "Lahden kaupunki",
              outcome_at: "2026-12-04T09:00:00Z",
            }),
            // An outcome recorded before names were kept, by a coach this reader cannot name.
            offer({
              id: "0ffe0000-0000-4000-8000-000000000002",
              status: "did_not_apply",
              reason: "Muutti pois",
              outcome_by: COACH,
              outcome_at: "2026-12-02T09:00:00Z",
            }),
          ],
        };
      if (call.method === "GET" && call.path.startsWith("/api/employer/v1/introductions"))
        return { status: 200, body: [introduction()] };
      if (call.method === "POST" && call.path.endsWith("/outcome"))
        return { status: 200, body: introduction({ status: "hired", version: 2 }) };
      return undefined;
    });
    renderPage(SANNA);
    const offers = await screen.findByRole("region", { name: "Työtarjoukset" });
    expect(await within(offers).findByText(/Haki/)).toBeInTheDocument();
    expect(offers).toHaveTextContent("Tarjosi Kaisa Valmentaja 3.12.2026");
    expect(offers).toHaveTextContent("tuloksen kirjasi Kaisa Valmentaja 4.12.2026");
    expect(offers).toHaveTextContent("tuloksen kirjasi tekijä ei tallentunut 2.12.2026");
    expect(offers).not.toHaveTextContent(COACH);
    const introductions = screen.getByRole("region", { name: "Esittelyt" });
    expect(await within(introductions).findByText(/Esitteli Eija Työnantajapalvelu/)).toBeInTheDocument();
    const form = within(introductions).getByRole("form", { name: /Kirjaa esittelyn tulos/ });
    await userEvent.selectOptions(within(form).getByLabelText("Tulos"), "hired");
    await userEvent.click(within(form).getByRole("button", { name: "Kirjaa tulos" }));
    await vi.waitFor(() => expect(calls.some((call) => call.path.endsWith("/outcome"))).toBe(true));
    const post = calls.find((call) => call.path.endsWith("/outcome"))!;
    expect(post.path).toBe(`/api/employer/v1/introductions/${introduction().id}/outcome`);
    expect(post.headers.get("if-match")).toBe('"v1"');
    expect(post.body).toEqual({ outcome: "hired" });
  });

  it("names the coach who made an offer before names were recorded from the teams, for a manager who may read them", async () => {
    answers((call) => {
      if (call.path === "/api/clients/v1/teams")
        return {
          status: 200,
          body: [
            {
              id: "7ea70000-0000-4000-8000-000000000001",
              name: "Lahti 1",
              members: [{ coach_subject: COACH, display_name: "Aino Virtanen" }],
            },
          ],
        };
      if (call.method === "GET" && call.path.startsWith("/api/employer/v1/job-offers"))
        return { status: 200, body: [offer({ offered_by_name: null, offered_by_organisation_name: null })] };
      return undefined;
    });
    renderPage({ subject: "manager-1", name: "Pekka Nieminen", roles: ["manager"] });
    const offers = await screen.findByRole("region", { name: "Työtarjoukset" });
    expect(await within(offers).findByText(/Tarjosi Aino Virtanen/)).toBeInTheDocument();
    expect(await within(offers).findByText(/Laine, Sara/)).toBeInTheDocument();
  });
});
