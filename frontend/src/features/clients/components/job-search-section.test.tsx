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

function service() {
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
});
