import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { COACH, EMPLOYER_ID, EMPLOYER_SERVICES, introduction, offer, vacancy } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EmployerServicesHome, vacanciesWithoutCandidates } from "./employer-services-home";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };
const OPEN = vacancy();
const LONELY = vacancy({ id: "c0ffee00-0000-4000-8000-000000000002", title_fi: "Varastotyöntekijä" });

describe("vacanciesWithoutCandidates", () => {
  it("keeps the published vacancies nobody has been offered or introduced for", () => {
    const draft = vacancy({ id: "c0ffee00-0000-4000-8000-000000000003", status: "draft" });
    expect(vacanciesWithoutCandidates([OPEN, LONELY, draft], [offer()], [])).toEqual([LONELY]);
    expect(vacanciesWithoutCandidates([OPEN, LONELY], [], [introduction({ vacancy_id: LONELY.id })])).toEqual([OPEN]);
  });
});

describe("EmployerServicesHome", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the next steps (overdue marked), vacancies without candidates, offers and introductions waiting", async () => {
    const calls = fakeApi((call) => {
      if (call.path.startsWith("/api/employer/v1/next-steps-due"))
        return {
          status: 200,
          body: [
            {
              contact_id: "a1b2c3d4-0000-4000-8000-000000000001",
              employer_id: EMPLOYER_ID,
              employer_name: "Lahden Konepaja Oy",
              next_step: "Soita hakuajasta",
              next_step_due: "2026-11-30",
              overdue: true,
              contacted_on: "2026-11-20",
              staff_subject: "es-2",
              staff_name: "Ville Virtanen",
              staff_organisation_name: "Lahden kaupunki",
              version: 1,
            },
          ],
        };
      if (call.path.startsWith("/api/employer/v1/vacancies"))
        return { status: 200, body: { items: [OPEN, LONELY], next_cursor: null } };
      if (call.path.startsWith("/api/employer/v1/job-offers")) return { status: 200, body: [offer()] };
      if (call.path === "/api/employer/v1/introductions?status=made&limit=200")
        return { status: 200, body: [introduction({ vacancy_id: OPEN.id })] };
      if (call.path.startsWith("/api/employer/v1/introductions")) return { status: 200, body: [] };
      return undefined;
    });
    renderWithProviders(<EmployerServicesHome me={SANNA} />);
    expect(screen.getByRole("heading", { level: 1, name: "Tervetuloa, Sanna Heikkinen" })).toBeInTheDocument();

    const steps = screen.getByRole("region", { name: "Seuraavat askeleet työnantajien kanssa" });
    expect(await within(steps).findByText("Myöhässä")).toBeInTheDocument();
    expect(steps).toHaveTextContent("määräpäivä 30.11.2026");
    expect(steps).toHaveTextContent("sopi Ville Virtanen 20.11.2026");
    expect(within(steps).getByRole("link", { name: "Lahden Konepaja Oy" })).toHaveAttribute(
      "href",
      `/employers/${EMPLOYER_ID}`,
    );

    const without = screen.getByRole("region", { name: "Avoimet työpaikat ilman ehdokkaita" });
    expect(await within(without).findByRole("link", { name: "Varastotyöntekijä" })).toHaveAttribute(
      "href",
      `/vacancies/${LONELY.id}`,
    );
    expect(within(without).queryByRole("link", { name: "Koneistaja" })).not.toBeInTheDocument();

    const offers = screen.getByRole("region", { name: "Työtarjoukset, jotka odottavat vastausta" });
    expect(await within(offers).findByText(/Tarjosi Kaisa Valmentaja/)).toBeInTheDocument();
    expect(offers).not.toHaveTextContent(COACH);
    expect(within(offers).getByRole("link", { name: "Koneistaja" })).toBeInTheDocument();

    const introductions = screen.getByRole("region", { name: "Esittelyt, joiden tulosta odotetaan" });
    expect(await within(introductions).findByText(/Esitelty, Esitteli Eija Työnantajapalvelu/)).toBeInTheDocument();
    expect(calls.some((call) => call.path === "/api/employer/v1/job-offers?status=sent&limit=200")).toBe(true);
    expect(calls.some((call) => call.path === "/api/employer/v1/vacancies?status=published&limit=50")).toBe(true);
  });
});
