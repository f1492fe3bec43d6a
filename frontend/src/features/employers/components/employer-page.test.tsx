import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import {
  contact,
  employer,
  EMPLOYER_ID,
  EMPLOYER_SERVICES,
  support,
  vacancy,
  withStaff,
} from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EmployerPage } from "./employer-page";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };

function renderPage(me?: { subject: string; name: string; roles: string[]; organisationName?: string }) {
  return renderWithProviders(
    <Routes>
      <Route path="/employers/:employerId" element={<EmployerPage me={me} />} />
    </Routes>,
    { route: `/employers/${EMPLOYER_ID}` },
  );
}

describe("EmployerPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the employer's details, who registered it, its contacts log with who made each, and its vacancies", async () => {
    const calls = fakeApi(
      withStaff((call) => {
        if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`) return { status: 200, body: employer() };
        if (call.path.startsWith(`/api/employer/v1/employers/${EMPLOYER_ID}/contacts`))
          return { status: 200, body: { items: [contact()], next_cursor: null } };
        if (call.path.startsWith("/api/employer/v1/vacancies"))
          return { status: 200, body: { items: [vacancy()], next_cursor: null } };
        return undefined;
      }),
    );
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Lahden Konepaja Oy" })).toBeInTheDocument();
    expect(screen.getByText("0246246-0")).toBeInTheDocument();
    expect(screen.getByText("25620 (C Teollisuus)")).toBeInTheDocument();
    expect(screen.getByText(/rekisteröijä Eija Työnantajapalvelu/)).toBeInTheDocument();
    expect(screen.getByText("Riikka Rekrytoija, HR-päällikkö")).toBeInTheDocument();

    const contacts = screen.getByRole("region", { name: "Yhteydenotot" });
    expect(await within(contacts).findByText(/Yrityskäynti: Kesätyöpaikat/)).toBeInTheDocument();
    expect(within(contacts).getByText("Yhteydenoton teki Eija Työnantajapalvelu")).toBeInTheDocument();
    expect(within(contacts).getByText(/Seuraava askel: Soita hakuajasta/)).toBeInTheDocument();

    const vacancies = screen.getByRole("region", { name: "Työpaikat" });
    const table = await within(vacancies).findByRole("table", { name: "Työnantajan työpaikat" });
    expect(within(table).getByText(/Koneistaja/)).toBeInTheDocument();
    expect(within(table).getByText(/Julkaistu/)).toHaveTextContent("Julkaistu muutti Eija Työnantajapalvelu");
    // The vacancy links to its own page, not back to its employer's.
    expect(
      within(table)
        .getAllByRole("link")
        .map((link) => link.getAttribute("href")),
    ).toEqual(["/vacancies/c0ffee00-0000-4000-8000-000000000001"]);
    expect(calls.some((call) => call.path === `/api/employer/v1/vacancies?employer_id=${EMPLOYER_ID}&limit=50`)).toBe(
      true,
    );
  });

  it("shows the vacancy title in Swedish to a Swedish reader", async () => {
    await i18n.changeLanguage("sv");
    fakeApi(
      withStaff((call) => {
        if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`) return { status: 200, body: employer() };
        if (call.path.includes("/contacts")) return { status: 200, body: { items: [], next_cursor: null } };
        return { status: 200, body: { items: [vacancy()], next_cursor: null } };
      }),
    );
    renderPage();
    expect(await screen.findByText(/Maskinarbetare/)).toBeInTheDocument();
    expect(screen.getByText("Inga kontakter har registrerats ännu.")).toBeInTheDocument();
  });

  it("says when the role may not read the employer", async () => {
    fakeApi(
      withStaff(() => ({
        status: 403,
        body: { type: "https://polku.fi/problems/forbidden", title: "Forbidden", status: 403 },
      })),
    );
    renderPage();
    expect(await screen.findByRole("alert")).toHaveTextContent("Roolisi ei anna oikeutta näihin tietoihin.");
    expect(screen.getByRole("link", { name: "Takaisin työnantajarekisteriin" })).toHaveAttribute("href", "/employers");
  });

  it("lets employer services record a contact with its next step, and shows the supports with the euros and the decider", async () => {
    const calls = fakeApi(
      withStaff((call) => {
        if (call.method === "POST" && call.path === `/api/employer/v1/employers/${EMPLOYER_ID}/contacts`)
          return { status: 201, body: contact() };
        if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`)
          // Registered before names were recorded: the subject is the signed-in person's, so they are named.
          return { status: 200, body: employer({ created_by_name: null, created_by_organisation_name: null }) };
        if (call.path.includes("/contacts")) return { status: 200, body: { items: [], next_cursor: null } };
        if (call.path.startsWith("/api/employer/v1/supports")) return { status: 200, body: [support()] };
        return { status: 200, body: { items: [], next_cursor: null } };
      }),
    );
    renderPage(SANNA);
    expect(await screen.findByText(/rekisteröijä Sanna Heikkinen/)).toBeInTheDocument();
    const supports = screen.getByRole("region", { name: "Tuet" });
    const table = await within(supports).findByRole("table", { name: "Työnantajan tukipäätökset" });
    expect(table).toHaveTextContent("3.12.2026, päätti Eija Työnantajapalvelu");
    expect(table).toHaveTextContent("7 200,00 €");
    // Without a named client, the employer page's support form has no pay subsidy.
    expect(within(supports).queryByRole("option", { name: "Palkkatuki" })).not.toBeInTheDocument();
    expect(screen.getByRole("form", { name: "Uusi työpaikka" })).toBeInTheDocument();

    const form = screen.getByRole("form", { name: "Kirjaa yhteydenotto" });
    await userEvent.selectOptions(within(form).getByLabelText(/^Yhteydenoton tapa/), "call");
    await userEvent.type(within(form).getByLabelText(/^Aihe/), "Kesätyöpaikat");
    await userEvent.type(within(form).getByLabelText(/^Seuraava askel( \*)?$/), "Soita hakuajasta");
    await userEvent.type(within(form).getByLabelText(/^Seuraavan askeleen määräpäivä/), "2026-12-10");
    await userEvent.click(within(form).getByRole("button", { name: "Kirjaa yhteydenotto" }));
    expect(await within(form).findByText("Yhteydenotto kirjattu.")).toBeInTheDocument();
    const post = calls.find((call) => call.method === "POST")!;
    expect(post.body).toMatchObject({
      kind: "call",
      topic: "Kesätyöpaikat",
      outcome: null,
      next_step: "Soita hakuajasta",
      next_step_due: "2026-12-10",
    });
    expect(post.headers.get("Idempotency-Key")).toBeTruthy();
  });

  it("names who changed the employer, a contact and a next step from the names recorded, another organisation's person with it, and says when who acted was not recorded", async () => {
    await i18n.changeLanguage("en");
    fakeApi(
      withStaff((call) => {
        if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`)
          return {
            status: 200,
            body: employer({
              changed_by: "kela-1",
              changed_by_name: "Kalle Kelalainen",
              changed_by_organisation_name: "Kela",
              updated_at: "2026-11-25T09:30:00Z",
            }),
          };
        if (call.path.includes("/contacts"))
          return {
            status: 200,
            body: {
              items: [
                contact({
                  next_step_done_at: "2026-11-22T08:00:00Z",
                  next_step_done_by: "es-2",
                  next_step_done_by_name: "Ville Virtanen",
                  next_step_done_by_organisation_name: "Lahden kaupunki",
                  changed_by: "es-2",
                  changed_by_name: "Ville Virtanen",
                  changed_by_organisation_name: "Lahden kaupunki",
                  updated_at: "2026-11-22T08:00:00Z",
                }),
                // Recorded before names were kept, by someone the reader cannot name.
                contact({
                  id: "a1b2c3d4-0000-4000-8000-000000000002",
                  topic: "Rekrytointitapahtuma",
                  staff_subject: "es-9",
                  staff_name: null,
                  staff_organisation_name: null,
                }),
              ],
              next_cursor: null,
            },
          };
        if (call.path.startsWith("/api/employer/v1/supports"))
          return {
            status: 200,
            body: [
              support({
                status: "cancelled",
                changed_by: "es-2",
                changed_by_name: "Ville Virtanen",
                changed_by_organisation_name: "Lahden kaupunki",
              }),
            ],
          };
        return { status: 200, body: { items: [], next_cursor: null } };
      }),
    );
    renderPage({ ...SANNA, organisationName: "Lahden kaupunki" });
    expect(await screen.findByText(/Eija Työnantajapalvelu/, { selector: "dd" })).toBeInTheDocument();
    expect(screen.getByText("Last changed")).toBeInTheDocument();
    expect(screen.getByText(/by Kalle Kelalainen, Kela$/)).toBeInTheDocument();

    const contacts = screen.getByRole("region", { name: "Contacts" });
    expect(await within(contacts).findByText(/Done: Ville Virtanen,/)).toBeInTheDocument();
    expect(within(contacts).getByText(/^Last changed by Ville Virtanen,/)).toBeInTheDocument();
    expect(within(contacts).getByText("Contact made by who acted was not recorded")).toBeInTheDocument();
    // The reader's own organisation is not repeated beside a name.
    expect(contacts).not.toHaveTextContent("Lahden kaupunki");

    const supports = screen.getByRole("region", { name: "Supports" });
    expect(await within(supports).findByText(/Last changed by Ville Virtanen/)).toBeInTheDocument();
  });

  it("offers no forms to a reader who does not run employer services", async () => {
    fakeApi(
      withStaff((call) => {
        if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`) return { status: 200, body: employer() };
        if (call.path.startsWith("/api/employer/v1/supports")) return { status: 200, body: [] };
        if (call.path.startsWith("/api/clients/v1/teams")) return { status: 200, body: [] };
        return { status: 200, body: { items: [], next_cursor: null } };
      }),
    );
    renderPage({ subject: "manager-1", name: "Pekka Nieminen", roles: ["manager"] });
    expect(await screen.findByRole("heading", { level: 1, name: "Lahden Konepaja Oy" })).toBeInTheDocument();
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(await screen.findByText("Tukipäätöksiä ei ole.")).toBeInTheDocument();
  });

  it("names the account manager by the name the service knows, to a coach too", async () => {
    fakeApi((call) => {
      if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`)
        return {
          status: 200,
          body: employer({ account_manager_subject: "es-aino", account_manager_name: "Aino Aalto" }),
        };
      if (call.path.startsWith("/api/clients/v1/teams")) return { status: 200, body: [] };
      return { status: 200, body: { items: [], next_cursor: null } };
    });
    renderPage({ subject: "coach-1", name: "Kalle Koski", roles: ["coach"] });
    expect(await screen.findByRole("heading", { level: 1, name: "Lahden Konepaja Oy" })).toBeInTheDocument();
    const manager = screen.getByText("Vastuuhenkilö");
    expect(manager.nextElementSibling).toHaveTextContent(/^Aino Aalto$/);
  });
});
