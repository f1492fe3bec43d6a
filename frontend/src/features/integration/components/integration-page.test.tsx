import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { IntegrationPage } from "./integration-page";

const SUBSCRIPTION = "5b1c0000-0000-4000-8000-000000000001";

const vacancyReport = {
  id: "r1",
  authority_id: "0b0c8f6e-6f1a-4c36-9d55-000000000001",
  started_at: "2026-12-03T08:00:00Z",
  finished_at: "2026-12-03T08:00:05Z",
  counts: { platform_postings: 12, missing_here: 1, missing_there: 1 },
  differences: [
    { kind: "missing_here", vacancy_id: null, national_id: "p-77" },
    { kind: "missing_there", vacancy_id: "v-5", national_id: null },
  ],
  repaired: [{ kind: "missing_here", vacancy_id: null, national_id: "p-77" }],
  error: null,
};

function service() {
  return fakeApi((call: Call) => {
    if (call.path === "/api/employer/v1/reconciliation-reports/latest") return { status: 200, body: vacancyReport };
    if (call.path === "/api/clients/v1/reconciliation-reports/latest") {
      return {
        status: 404,
        body: { type: "https://polku.fi/problems/reconciliation-report-not-found", title: "No report", status: 404 },
      };
    }
    if (call.path === "/api/employer/v1/webhook-subscriptions") {
      return {
        status: 200,
        body: {
          items: [
            {
              id: SUBSCRIPTION,
              organisation_id: "0b0c8f6e-6f1a-4c36-9d55-000000000001",
              url: "https://platform.example.fi/hooks",
              event_types: ["fi.polku.job_offer.*"],
              description: "Työmarkkinatori",
              active: true,
              created_by: "admin-lahti",
              created_at: "2026-12-01T08:00:00Z",
              updated_at: "2026-12-01T08:00:00Z",
              payload: "thin",
            },
          ],
          next_cursor: null,
        },
      };
    }
    if (call.path === "/api/clients/v1/webhook-subscriptions")
      return { status: 200, body: { items: [], next_cursor: null } };
    if (call.path.startsWith(`/api/employer/v1/webhook-subscriptions/${SUBSCRIPTION}/deliveries?status=pending`)) {
      return { status: 200, body: { items: [], next_cursor: null } };
    }
    if (call.path.startsWith(`/api/employer/v1/webhook-subscriptions/${SUBSCRIPTION}/deliveries?status=dead`)) {
      return {
        status: 200,
        body: {
          items: [
            {
              id: "d1",
              subscription_id: SUBSCRIPTION,
              event_id: "e1",
              event_type: "fi.polku.job_offer.made.v1",
              status: "dead",
              attempt_count: 12,
              next_attempt_at: "2026-12-03T08:00:00Z",
              last_status_code: 503,
              last_error: "Service Unavailable",
              delivered_at: null,
              created_at: "2026-12-01T08:00:00Z",
            },
          ],
          next_cursor: null,
        },
      };
    }
    return undefined;
  });
}

describe("IntegrationPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the last reconciliation with what it repaired, and the subscriptions with their deliveries", async () => {
    const calls = service();
    renderWithProviders(<IntegrationPage />);
    const vacancies = await screen.findByRole("region", { name: "Avoimet työpaikat: viimeisin täsmäytys" });
    const differences = await within(vacancies).findByRole("table", { name: "2 eroa" });
    const rows = within(differences).getAllByRole("row");
    expect(within(rows[1]).getByRole("rowheader")).toHaveTextContent("Palvelualustalla, puuttuu täältä");
    expect(rows[1]).toHaveTextContent("p-77");
    expect(rows[1]).toHaveTextContent("Kyllä");
    expect(rows[2]).toHaveTextContent("Puuttuu palvelualustalta");
    expect(rows[2]).toHaveTextContent("Ei");
    expect(within(vacancies).getByText(/ajastettu täsmäytystyö/)).toBeInTheDocument();
    const seekers = screen.getByRole("region", { name: "Työnhakijat: viimeisin täsmäytys" });
    expect(await within(seekers).findByText("Täsmäytystä ei ole vielä ajettu.")).toBeInTheDocument();
    const failures = await screen.findByRole("table", { name: "1 epäonnistunut toimitus" });
    expect(failures).toHaveTextContent("fi.polku.job_offer.made.v1");
    expect(failures).toHaveTextContent("503");
    expect(screen.getByText("admin-lahti")).toBeInTheDocument();
    expect(screen.getByText("Vain tunnisteet (tiedot haetaan erikseen)")).toBeInTheDocument();
    expect(await screen.findByText("Ei uudelleen yritettäviä toimituksia.")).toBeInTheDocument();
    const deliveries = calls.filter((call) => call.path.includes("/deliveries")).map((call) => call.path);
    expect(deliveries.some((path) => path.includes("status=dead"))).toBe(true);
    expect(deliveries.some((path) => path.includes("status=pending"))).toBe(true);
  });
});
