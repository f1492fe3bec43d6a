import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { ScheduleChangesSection } from "./schedule-changes-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const BASE = `/api/clients/v1/clients/${CLIENT}`;
const ME = { subject: "5e0f2a4c-0000-4000-8000-000000000001", name: "Aino Valmentaja" };
const RULES = { key: "reform-2026", name: "2026", valid_from: "2026-01-01", valid_to: null, source: "HE 108/2025" };

const deadline = (
  kind: string,
  number: number,
  due_on: string,
  status: string,
  waiver_reason: string | null = null,
) => ({
  kind,
  number,
  due_on,
  status,
  held_on: null,
  rule_set: RULES,
  waiver_reason,
});

const interview = (id: string, held_on: string, cancelled = false) => ({
  id,
  held_on,
  channel: "phone",
  notes: null,
  recorded_by: "coach-aino",
  recorded_at: `${held_on}T09:00:00Z`,
  cancelled_at: cancelled ? "2026-11-20T10:00:00Z" : null,
  cancelled_by: cancelled ? "coach-aino" : null,
  cancelled_by_party: cancelled ? "client" : null,
  cancellation_reason: cancelled ? "Asiakas oli sairaana" : null,
});

const assessment = (supplementary: number | null, version = 1) => ({
  client_id: CLIENT,
  version,
  assessed_on: "2026-11-02",
  education: [{ level: "upper_secondary", field: "0713", qualification: null, completed_year: 2010 }],
  work_history: [],
  occupations: ["8344"],
  competences: [{ label: "Trukkikortti", code: null }],
  languages: [{ language: "fi", level: "native" }],
  driving_licences: ["B"],
  service_needs: ["coaching"],
  more_support_needed: true,
  supplementary_interviews: supplementary,
  work_ability: "full",
  work_ability_description: null,
  integration_period: null,
  special_category: {
    health: "Selkävaiva",
    social: null,
    recorded_by: "coach-aino",
    recorded_at: "2026-11-02T10:00:00Z",
  },
  special_category_hidden: false,
  created_by: "coach-aino",
  created_at: "2026-11-02T10:00:00Z",
});

function service({ invalidReason = false, stale = false } = {}) {
  let current = assessment(null);
  return fakeApi((call: Call) => {
    if (call.path === `${BASE}/schedule`) {
      return {
        status: 200,
        body: {
          client_id: CLIENT,
          today: "2026-12-03",
          deadlines: [
            deadline("initial_interview", 1, "2026-10-15", "waived", "Aloitti työssä"),
            deadline("supplementary_interview", 1, "2026-11-16", "overdue"),
            deadline("periodic_interview", 1, "2027-01-15", "due"),
          ],
        },
      };
    }
    if (call.path === `${BASE}/interviews`) {
      return {
        status: 200,
        body: [interview("i1", "2026-11-10"), interview("i2", "2026-10-12", true)],
      };
    }
    if (call.path === `${BASE}/schedule/waivers`) {
      if (invalidReason) {
        return {
          status: 422,
          body: {
            type: "https://polku.fi/problems/validation",
            title: "Invalid",
            status: 422,
            errors: [
              { field: "body.reason", message: "String should have at least 3 characters", code: "string_too_short" },
            ],
          },
        };
      }
      const body = call.body as { kind: string; number: number; reason: string };
      return {
        status: 201,
        body: {
          id: "w1",
          ...body,
          due_on: "2026-11-16",
          waived_by: ME.subject,
          waived_at: "2026-12-03T10:00:00Z",
        },
      };
    }
    if (call.path === `${BASE}/interviews/i1/cancel`) {
      return {
        status: 200,
        body: { ...interview("i1", "2026-11-10", true), cancelled_by: ME.subject },
      };
    }
    if (call.path === `${BASE}/assessment/versions`) return { status: 200, body: [{ version: 1 }] };
    if (call.path === `${BASE}/assessment` && call.method === "GET") {
      return { status: 200, body: current, headers: { ETag: `"v${current.version}"` } };
    }
    if (call.path === `${BASE}/assessment` && call.method === "PUT") {
      if (stale)
        return {
          status: 412,
          body: { type: "https://polku.fi/problems/assessment-changed", title: "Changed", status: 412 },
        };
      const body = call.body as { supplementary_interviews: number | null };
      current = assessment(body.supplementary_interviews, 2);
      return { status: 200, body: current, headers: { ETag: '"v2"' } };
    }
    return undefined;
  });
}

describe("ScheduleChangesSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("waives an open deadline with the reason and names who waived it, focusing the result", async () => {
    const calls = service();
    renderWithProviders(<ScheduleChangesSection clientId={CLIENT} me={ME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Valitse poistettava määräaika" }));
    const deadlines = await screen.findByRole("combobox", { name: /^Määräaika/ });
    // Only the deadlines still open are offered; a waived one is listed with its reason.
    await vi.waitFor(() => expect(within(deadlines).getAllByRole("option")).toHaveLength(3));
    expect(screen.getByRole("list", { name: "Poistetut määräajat" })).toHaveTextContent("Aloitti työssä");
    await userEvent.selectOptions(deadlines, "supplementary_interview:1");
    await userEvent.type(
      screen.getByRole("textbox", { name: /^Poistamisen perustelu/ }),
      "Aloitti kokoaikatyössä 1.12.",
    );
    await userEvent.click(screen.getByRole("button", { name: "Poista määräaika" }));
    const result = await screen.findByText(/poistettu, poistaja Aino Valmentaja/);
    expect(result).toHaveFocus();
    expect(calls.find((call) => call.path.endsWith("/waivers"))!.body).toEqual({
      kind: "supplementary_interview",
      number: 1,
      reason: "Aloitti kokoaikatyössä 1.12.",
    });
  });

  it("checks the reason before sending, and shows the service's field error next to it", async () => {
    const calls = service({ invalidReason: true });
    renderWithProviders(<ScheduleChangesSection clientId={CLIENT} me={ME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Valitse poistettava määräaika" }));
    const deadlines = await screen.findByRole("combobox", { name: /^Määräaika/ });
    await vi.waitFor(() => expect(within(deadlines).getAllByRole("option")).toHaveLength(3));
    await userEvent.selectOptions(deadlines, "periodic_interview:1");
    await userEvent.type(screen.getByRole("textbox", { name: /^Poistamisen perustelu/ }), "x");
    await userEvent.click(screen.getByRole("button", { name: "Poista määräaika" }));
    expect(await screen.findByText("Kirjoita vähintään 3 merkin perustelu.")).toBeInTheDocument();
    expect(calls.some((call) => call.path.endsWith("/waivers"))).toBe(false);

    await userEvent.type(screen.getByRole("textbox", { name: /^Poistamisen perustelu/ }), "yz");
    await userEvent.click(screen.getByRole("button", { name: "Poista määräaika" }));
    const reason = screen.getByRole("textbox", { name: /^Poistamisen perustelu/ });
    await vi.waitFor(() => expect(reason).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByRole("alert")).toBeInTheDocument();
  });

  it("cancels a held interview with who cancelled it and why", async () => {
    const calls = service();
    renderWithProviders(<ScheduleChangesSection clientId={CLIENT} me={ME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Valitse peruttava keskustelu" }));
    const interviews = await screen.findByRole("combobox", { name: /^Keskustelu/ });
    // The cancelled interview is listed with the person who recorded the cancellation, and is not offered again.
    expect(await screen.findByRole("list", { name: "Perutut keskustelut" })).toHaveTextContent(
      "Perumisen kirjasi coach-aino",
    );
    expect(within(interviews).getAllByRole("option")).toHaveLength(2);
    await userEvent.selectOptions(interviews, "i1");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Perujana/ }), "authority");
    await userEvent.type(screen.getByRole("textbox", { name: /^Perumisen perustelu/ }), "Virkailija sairastui");
    await userEvent.click(screen.getByRole("button", { name: "Peru keskustelu" }));
    expect(await screen.findByText("Keskustelu 10.11.2026 peruttu, kirjaaja Aino Valmentaja.")).toHaveFocus();
    expect(calls.find((call) => call.path.endsWith("/cancel"))!.body).toEqual({
      party: "authority",
      reason: "Virkailija sairastui",
    });
  });

  it("sets the need-based supplementary interviews in a new assessment version, keeping the rest as it was", async () => {
    const calls = service();
    renderWithProviders(<ScheduleChangesSection clientId={CLIENT} me={ME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Muuta keskustelujen määrää" }));
    const count = await screen.findByRole("spinbutton", { name: /^Täydentävien keskustelujen määrä/ });
    await userEvent.type(count, "4");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna määrä" }));
    expect(await screen.findByText(/Tallennettu: 4 tarveharkintaista/)).toHaveFocus();
    const put = calls.find((call) => call.method === "PUT")!;
    expect(put.headers.get("If-Match")).toBe('"v1"');
    const { supplementary_interviews, competences, education, service_needs, assessed_on, ...rest } =
      put.body as Record<string, unknown>;
    expect(supplementary_interviews).toBe(4);
    expect(competences).toEqual([{ label: "Trukkikortti", code: null }]);
    expect(education).toEqual(assessment(null).education);
    expect(service_needs).toEqual(["coaching"]);
    expect(assessed_on).toBe("2026-11-02");
    // The health and social notes are left out, so that they stay as they are.
    expect(rest).not.toHaveProperty("special_category");
  });

  it("refuses a number out of range before sending, and says so when the assessment changed meanwhile", async () => {
    const calls = service({ stale: true });
    renderWithProviders(<ScheduleChangesSection clientId={CLIENT} me={ME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Muuta keskustelujen määrää" }));
    const count = await screen.findByRole("spinbutton", { name: /^Täydentävien keskustelujen määrä/ });
    await userEvent.type(count, "13");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna määrä" }));
    expect(await screen.findByText("Anna kokonaisluku väliltä 0–12 tai jätä kenttä tyhjäksi.")).toBeInTheDocument();
    expect(calls.some((call) => call.method === "PUT")).toBe(false);
    await userEvent.clear(count);
    await userEvent.type(count, "2");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna määrä" }));
    expect(await screen.findByText(/Joku muutti tätä välillä/)).toBeInTheDocument();
  });

  it("opens each form on request with focus on its title, and Cancel closes it and gives focus back", async () => {
    service();
    renderWithProviders(<ScheduleChangesSection clientId={CLIENT} me={ME} />);
    // Each form's title repeats what its button says.
    for (const title of [
      "Valitse poistettava määräaika",
      "Valitse peruttava keskustelu",
      "Muuta keskustelujen määrää",
    ]) {
      const button = await screen.findByRole("button", { name: title });
      expect(button).toHaveAttribute("aria-expanded", "false");
      await userEvent.click(button);
      expect(button).toHaveAttribute("aria-expanded", "true");
      const form = screen.getByRole("form", { name: title });
      expect(document.getElementById(button.getAttribute("aria-controls")!)).toContainElement(form);
      await vi.waitFor(() => expect(within(form).getByRole("heading", { level: 4, name: title })).toHaveFocus());
      await userEvent.click(within(form).getByRole("button", { name: "Peruuta" }));
      expect(form).not.toBeInTheDocument();
      await vi.waitFor(() => expect(button).toHaveFocus());
    }
  });
});
