import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { contact, employer, EMPLOYER_ID, EMPLOYER_SERVICES, support, vacancy } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EmployerPage } from "./employer-page";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };

function renderPage(me?: { subject: string; name: string; roles: string[] }) {
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
    const calls = fakeApi((call) => {
      if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`) return { status: 200, body: employer() };
      if (call.path.startsWith(`/api/employer/v1/employers/${EMPLOYER_ID}/contacts`))
        return { status: 200, body: { items: [contact()], next_cursor: null } };
      if (call.path.startsWith("/api/employer/v1/vacancies"))
        return { status: 200, body: { items: [vacancy()], next_cursor: null } };
      return undefined;
    });
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
    expect(within(table).getByText("Julkaistu")).toBeInTheDocument();
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
    fakeApi((call) => {
      if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`) return { status: 200, body: employer() };
      if (call.path.includes("/contacts")) return { status: 200, body: { items: [], next_cursor: null } };
      return { status: 200, body: { items: [vacancy()], next_cursor: null } };
    });
    renderPage();
    expect(await screen.findByText(/Maskinarbetare/)).toBeInTheDocument();
    expect(screen.getByText("Inga kontakter har registrerats ännu.")).toBeInTheDocument();
  });

  it("says when the role may not read the employer", async () => {
    fakeApi(() => ({
      status: 403,
      body: { type: "https://polku.fi/problems/forbidden", title: "Forbidden", status: 403 },
    }));
    renderPage();
    expect(await screen.findByRole("alert")).toHaveTextContent("Roolisi ei anna oikeutta näihin tietoihin.");
    expect(screen.getByRole("link", { name: "Takaisin työnantajarekisteriin" })).toHaveAttribute("href", "/employers");
  });

  it("lets employer services record a contact with its next step, and shows the supports with the euros and the decider", async () => {
    const calls = fakeApi((call) => {
      if (call.method === "POST" && call.path === `/api/employer/v1/employers/${EMPLOYER_ID}/contacts`)
        return { status: 201, body: contact() };
      if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`)
        return { status: 200, body: employer({ created_by: EMPLOYER_SERVICES }) };
      if (call.path.includes("/contacts")) return { status: 200, body: { items: [], next_cursor: null } };
      if (call.path.startsWith("/api/employer/v1/supports")) return { status: 200, body: [support()] };
      return { status: 200, body: { items: [], next_cursor: null } };
    });
    renderPage(SANNA);
    expect(await screen.findByText(/rekisteröijä Sanna Heikkinen/)).toBeInTheDocument();
    const supports = screen.getByRole("region", { name: "Tuet" });
    const table = await within(supports).findByRole("table", { name: "Työnantajan tukipäätökset" });
    expect(table).toHaveTextContent("3.12.2026, päätti Sanna Heikkinen");
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

  it("offers no forms to a reader who does not run employer services", async () => {
    fakeApi((call) => {
      if (call.path === `/api/employer/v1/employers/${EMPLOYER_ID}`) return { status: 200, body: employer() };
      if (call.path.startsWith("/api/employer/v1/supports")) return { status: 200, body: [] };
      if (call.path.startsWith("/api/clients/v1/teams")) return { status: 200, body: [] };
      return { status: 200, body: { items: [], next_cursor: null } };
    });
    renderPage({ subject: "manager-1", name: "Pekka Nieminen", roles: ["manager"] });
    expect(await screen.findByRole("heading", { level: 1, name: "Lahden Konepaja Oy" })).toBeInTheDocument();
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(await screen.findByText("Tukipäätöksiä ei ole.")).toBeInTheDocument();
  });
});
