import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { JobSearchSection } from "./job-search-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";

const neglect = {
  id: "n1",
  period_starts_on: "2026-09-01",
  period_ends_on: "2026-09-30",
  required: 4,
  reported: 1,
  ordinal: 1,
  consequence: "non_compensable_period",
  non_compensable_days: 7,
  rule_set: "reform-2026",
  legal_sources: [],
  notes: null,
  recorded_by: "me",
  recorded_at: "2026-11-25T08:00:00Z",
};

const OFFER_OPEN = "0b7e5a10-0000-4000-8000-0000000000a1";
const OFFER_REPORTED = "0b7e5a10-0000-4000-8000-0000000000a2";
const VACANCY = "0b7e5a10-0000-4000-8000-0000000000b1";
const EMPLOYER = "0b7e5a10-0000-4000-8000-0000000000c1";

const offer = {
  client_id: CLIENT,
  offered_by: "coach-1",
  offered_by_name: "Aino Ohjaaja",
  offered_by_organisation_name: "Lahden työllisyyspalvelut",
  respond_by: "2026-12-02",
  status: "sent",
  reason: null,
  counts_toward_job_search: false,
  created_at: "2026-11-20T08:00:00Z",
  version: 1,
};

const application = {
  id: "a0",
  applied_on: "2026-11-12",
  kind: "assigned_vacancy",
  employer: "Hollolan Logistiikka Oy",
  position: "Varastotyöntekijä",
  occupation: null,
  reported_by: "someone",
  reported_at: "2026-11-12T08:00:00Z",
};

function service({ conflict = false }: { conflict?: boolean } = {}) {
  let recorded = false;
  return fakeApi((call: Call) => {
    if (call.path === `/api/clients/v1/clients/${CLIENT}/job-search` && call.method === "GET") {
      return {
        status: 200,
        body: {
          client_id: CLIENT,
          today: "2026-11-25",
          obligation: { applications_per_period: 4, period_months: 1, reduction_reason: null, plan_version: 1 },
          periods: [
            {
              starts_on: "2026-09-01",
              ends_on: "2026-09-30",
              required: 4,
              reported: 1,
              shortfall: 3,
              closed: true,
              neglect: recorded ? neglect : null,
            },
            {
              starts_on: "2026-10-01",
              ends_on: "2026-10-31",
              required: 4,
              reported: 4,
              shortfall: 0,
              closed: true,
              neglect: null,
            },
            {
              starts_on: "2026-11-01",
              ends_on: "2026-11-30",
              required: 4,
              reported: 0,
              shortfall: 4,
              closed: false,
              neglect: null,
            },
          ],
          total_shortfall: 3,
        },
      };
    }
    if (call.path.endsWith("/job-search/neglects")) {
      recorded = true;
      return { status: 201, body: neglect };
    }
    if (call.path === `/api/clients/v1/clients/${CLIENT}/job-search/applications` && call.method === "GET") {
      // The client's earlier application that answered the offer OFFER_REPORTED: that offer is no choice any more.
      return { status: 200, body: [{ ...application, job_offer_id: OFFER_REPORTED }] };
    }
    if (call.path === `/api/employer/v1/job-offers?client_id=${CLIENT}&status=sent&limit=200`) {
      return {
        status: 200,
        body: [
          { ...offer, id: OFFER_OPEN, vacancy_id: VACANCY },
          { ...offer, id: OFFER_REPORTED, vacancy_id: VACANCY },
        ],
      };
    }
    if (call.path === `/api/employer/v1/vacancies/${VACANCY}`) {
      return {
        status: 200,
        body: {
          id: VACANCY,
          employer_id: EMPLOYER,
          title_fi: "Varastotyöntekijä",
          title_sv: "Lagerarbetare",
          title_en: null,
        },
      };
    }
    if (call.path === `/api/employer/v1/employers/${EMPLOYER}`) {
      return { status: 200, body: { id: EMPLOYER, name: "Hollolan Logistiikka Oy" } };
    }
    if (call.path.endsWith("/job-search/applications") && conflict) {
      return {
        status: 409,
        body: {
          type: "https://polku.fi/problems/application-already-counted",
          title: "The application already counts toward the job-search obligation",
          status: 409,
          existing_application_id: "a0",
          existing_applied_on: "2026-11-12",
          existing_reported_by: "someone",
          existing_job_offer_id: OFFER_OPEN,
        },
      };
    }
    if (call.path.endsWith("/job-search/applications")) {
      return {
        status: 201,
        body: {
          id: "a1",
          ...(call.body as object),
          occupation: null,
          reported_by: "me",
          reported_at: "2026-11-25T08:00:00Z",
        },
      };
    }
    return undefined;
  });
}

describe("JobSearchSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("offers a neglect only for a closed period with a shortfall and shows the consequence the service gives", async () => {
    const calls = service();
    renderWithProviders(<JobSearchSection clientId={CLIENT} />);
    const table = await screen.findByRole("table", { name: "Tarkastelujaksot, uusin ensin" });
    expect(within(table).getAllByRole("button")).toHaveLength(1);
    const row = within(table).getByRole("button", { name: "Kirjaa laiminlyönti jaksolle 1.9.2026–30.9.2026" });
    expect(row).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(row);
    expect(row).toHaveAttribute("aria-expanded", "true");
    await waitFor(() =>
      expect(screen.getByRole("heading", { name: "Laiminlyönti jaksolla 1.9.2026–30.9.2026" })).toHaveFocus(),
    );
    // Cancelled, focus goes back to the row's button; opened again, to the form's heading.
    await userEvent.click(screen.getByRole("button", { name: "Peruuta" }));
    await waitFor(() => expect(row).toHaveFocus());
    await userEvent.click(row);
    await waitFor(() =>
      expect(screen.getByRole("heading", { name: "Laiminlyönti jaksolla 1.9.2026–30.9.2026" })).toHaveFocus(),
    );
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa laiminlyönti" }));
    expect(
      await screen.findByText("Laiminlyönti on kirjattu. Seuraamus: 7 päivän korvaukseton määräaika."),
    ).toBeInTheDocument();
    expect(calls.find((call) => call.path.endsWith("/neglects"))!.body).toEqual({
      period_starts_on: "2026-09-01",
      notes: null,
    });
    await vi.waitFor(() => expect(within(table).queryAllByRole("button")).toHaveLength(0));
    expect(within(table).getByRole("row", { name: /1\.9\.2026/ })).toHaveTextContent("7 päivän korvaukseton määräaika");
    // Recorded, the form is closed and the period's row, now with the consequence, has focus.
    await waitFor(() => expect(within(table).getByRole("rowheader", { name: /1\.9\.2026/ })).toHaveFocus());
  });

  it("records an application the client reports", async () => {
    const calls = service();
    renderWithProviders(<JobSearchSection clientId={CLIENT} />);
    const opener = await screen.findByRole("button", { name: "Kirjaa asiakkaan ilmoittama hakemus" });
    expect(screen.queryByRole("textbox", { name: /^Työnantaja/ })).not.toBeInTheDocument();
    await userEvent.click(opener);
    expect(opener).toHaveAttribute("aria-expanded", "true");
    await waitFor(() =>
      expect(screen.getByRole("heading", { name: "Kirjaa asiakkaan ilmoittama hakemus" })).toHaveFocus(),
    );
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa hakemus" }));
    expect(await screen.findByRole("textbox", { name: /^Työnantaja/ })).toHaveAttribute("aria-invalid", "true");
    expect(calls.some((call) => call.method === "POST")).toBe(false);
    await userEvent.type(screen.getByRole("textbox", { name: /^Työnantaja/ }), "Lahden Kuljetus Oy");
    await userEvent.type(screen.getByRole("textbox", { name: /^Tehtävä/ }), "Kuorma-autonkuljettaja");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Hakemuksen laji/ }), "open_application");
    const day = screen.getByRole("textbox", { name: /^Hakupäivä/ });
    await userEvent.clear(day);
    await userEvent.type(day, "16.11.2026");
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa hakemus" }));
    expect(
      await screen.findByText("Hakemus on kirjattu: Kuorma-autonkuljettaja, Lahden Kuljetus Oy."),
    ).toBeInTheDocument();
    // Saved, the form closes and focus goes to the period the application counts in.
    expect(screen.queryByRole("textbox", { name: /^Työnantaja/ })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("rowheader", { name: /1\.11\.2026/ })).toHaveFocus());
    expect(calls.find((call) => call.method === "POST")!.body).toMatchObject({
      kind: "open_application",
      employer: "Lahden Kuljetus Oy",
      applied_on: "2026-11-16",
    });
  });

  it("names the job offer the application answers, filled in from the offer, in the reader's language", async () => {
    const calls = service();
    await i18n.changeLanguage("sv");
    renderWithProviders(<JobSearchSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Registrera en ansökan som klienten anmält" }));
    const offers = await screen.findByRole("combobox", { name: "Arbetserbjudande som ansökan gäller" });
    // The offer an earlier report already named is no choice: that application counts already.
    expect(
      within(offers)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Inget arbetserbjudande", "Lagerarbetare, Hollolan Logistiikka Oy (svar senast 2.12.2026)"]);
    expect(offers).toHaveAccessibleDescription(/räknas en gång in i jobbsökningsskyldigheten/);
    await userEvent.selectOptions(offers, OFFER_OPEN);
    expect(screen.getByRole("textbox", { name: /^Arbetsgivare/ })).toHaveValue("Hollolan Logistiikka Oy");
    expect(screen.getByRole("textbox", { name: /^Uppgift/ })).toHaveValue("Lagerarbetare");
    expect(screen.getByRole("combobox", { name: /^Typ av ansökan/ })).toHaveValue("assigned_vacancy");
    await userEvent.click(screen.getByRole("button", { name: "Registrera ansökan" }));
    expect(
      await screen.findByText("Ansökan har registrerats: Lagerarbetare, Hollolan Logistiikka Oy."),
    ).toBeInTheDocument();
    const body = calls.find((call) => call.method === "POST")!.body as Record<string, unknown>;
    expect(body.applied_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body).toEqual({
      applied_on: body.applied_on,
      kind: "assigned_vacancy",
      employer: "Hollolan Logistiikka Oy",
      position: "Lagerarbetare",
      job_offer_id: OFFER_OPEN,
    });
  });

  it("says the application already counts when the service finds it counted", async () => {
    service({ conflict: true });
    renderWithProviders(<JobSearchSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Kirjaa asiakkaan ilmoittama hakemus" }));
    await userEvent.selectOptions(
      await screen.findByRole("combobox", { name: "Työtarjous, johon hakemus vastaa" }),
      OFFER_OPEN,
    );
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa hakemus" }));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Hakemus lasketaan jo");
    expect(summary).toHaveTextContent("Sama hakemus (hakupäivä 12.11.2026) on jo kirjattu");
    expect(screen.getByRole("textbox", { name: /^Työnantaja/ })).toHaveValue("Hollolan Logistiikka Oy");
  });
});
