/** Where focus goes after a form is saved or opened: to the saved entry or to the form's heading, never the body. */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { todayInHelsinki } from "../../../lib/format";
import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { ConsentsSection } from "./consents-section";
import { MeetingsSection } from "./meetings-section";
import { PlanSection } from "./plan-section";
import { ScheduleSection } from "./schedule-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000077";
const BASE = `/api/clients/v1/clients/${CLIENT}`;
const COUNTY = "0b0c8f6e-6f1a-4c36-9d55-000000000002";

const schedule = {
  client_id: CLIENT,
  today: "2026-11-25",
  deadlines: [
    {
      kind: "initial_interview",
      number: 1,
      due_on: "2099-12-31",
      status: "due",
      held_on: null,
      rule_set: { key: "reform-2026", name: "2026", valid_from: "2026-01-01", valid_until: null, sources: [] },
    },
  ],
};

describe("focus after saving or opening a form", { timeout: 20_000 }, () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("an interview recorded: the saved entry", async () => {
    const interviews: unknown[] = [];
    const calls = fakeApi((call: Call) => {
      if (call.path === `${BASE}/schedule`) return { status: 200, body: schedule };
      if (call.path === `${BASE}/interviews` && call.method === "GET") return { status: 200, body: interviews };
      if (call.path === `${BASE}/interviews` && call.method === "POST") {
        const saved = {
          id: "i1",
          held_on: "2026-11-25",
          channel: "phone",
          notes: null,
          recorded_by: "me",
          recorded_at: "2026-11-25T08:00:00Z",
        };
        interviews.push(saved);
        return { status: 201, body: saved };
      }
      return undefined;
    });
    renderWithProviders(<ScheduleSection clientId={CLIENT} />);
    const opener = await screen.findByRole("button", { name: "Uusi keskustelu" });
    await userEvent.click(opener);
    const form = screen.getByRole("form", { name: "Kirjaa keskustelu" });
    await waitFor(() => expect(within(form).getByRole("heading", { name: "Kirjaa keskustelu" })).toHaveFocus());
    // The day is shown as written in Finland and sent as ISO 8601.
    const [year, month, day] = todayInHelsinki().split("-").map(Number);
    expect(within(form).getByLabelText(/^Pitopäivä/)).toHaveValue(`${day}.${month}.${year}`);
    await userEvent.selectOptions(within(form).getByLabelText(/^Asiointitapa/), "phone");
    await userEvent.click(within(form).getByRole("button", { name: "Kirjaa keskustelu" }));
    // Saved, the form closes and the interview just recorded has focus.
    const list = await screen.findByRole("list", { name: "Pidetyt keskustelut" });
    await waitFor(() => expect(within(list).getByRole("listitem")).toHaveFocus());
    expect(screen.queryByRole("form", { name: "Kirjaa keskustelu" })).not.toBeInTheDocument();
    expect(opener).toHaveAttribute("aria-expanded", "false");
    expect(await screen.findByText(/on kirjattu/)).toBeInTheDocument();
    expect(calls.find((call) => call.method === "POST")!.body).toMatchObject({ held_on: todayInHelsinki() });
  });

  it("a consent given: the saved consent's row", async () => {
    const consents: unknown[] = [];
    fakeApi((call: Call) => {
      if (call.path === `${BASE}/consents` && call.method === "GET") return { status: 200, body: consents };
      if (call.path === `${BASE}/consents` && call.method === "POST") {
        const saved = {
          id: "c1",
          client_id: CLIENT,
          recipient_organisation_id: COUNTY,
          categories: ["contact_details"],
          purpose: "Arvio",
          valid_from: "2026-11-25",
          valid_until: null,
          recorded_by: "me",
          recorded_at: "2026-11-25T08:00:00Z",
          withdrawn_at: null,
          withdrawn_by: null,
          in_force: true,
        };
        consents.push(saved);
        return { status: 201, body: saved };
      }
      return undefined;
    });
    renderWithProviders(<ConsentsSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Uusi suostumus" }));
    const form = screen.getByRole("form", { name: "Kirjaa suostumus" });
    await userEvent.selectOptions(within(form).getByLabelText(/^Vastaanottava organisaatio/), COUNTY);
    await userEvent.click(within(form).getAllByRole("checkbox")[0]);
    await userEvent.type(within(form).getByLabelText(/^Käyttötarkoitus/), "Arvio");
    await userEvent.click(within(form).getByRole("button", { name: "Kirjaa suostumus" }));
    await waitFor(() => expect(document.getElementById("consent-c1")).toHaveFocus());
    expect(screen.queryByRole("form", { name: "Kirjaa suostumus" })).not.toBeInTheDocument();
  });

  it("the consent form cancelled, by its button or by Escape: focus back on the opening button", async () => {
    fakeApi((call: Call) =>
      call.path === `${BASE}/consents` && call.method === "GET" ? { status: 200, body: [] } : undefined,
    );
    renderWithProviders(<ConsentsSection clientId={CLIENT} />);
    const opener = await screen.findByRole("button", { name: "Uusi suostumus" });
    expect(opener).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("form", { name: "Kirjaa suostumus" })).not.toBeInTheDocument();
    await userEvent.click(opener);
    expect(opener).toHaveAttribute("aria-expanded", "true");
    expect(document.getElementById(opener.getAttribute("aria-controls")!)).toContainElement(
      screen.getByRole("form", { name: "Kirjaa suostumus" }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Peruuta" }));
    expect(screen.queryByRole("form", { name: "Kirjaa suostumus" })).not.toBeInTheDocument();
    await waitFor(() => expect(opener).toHaveFocus());
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByRole("heading", { name: "Kirjaa suostumus" })).toHaveFocus());
    await userEvent.type(screen.getByLabelText(/^Käyttötarkoitus/), "Arvio");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("form", { name: "Kirjaa suostumus" })).not.toBeInTheDocument();
    await waitFor(() => expect(opener).toHaveFocus());
  });

  it("the plan form opened: its heading", async () => {
    fakeApi((call: Call) => {
      if (call.path === `${BASE}/plan/versions`) return { status: 200, body: [] };
      return undefined;
    });
    renderWithProviders(<PlanSection clientId={CLIENT} me="me" />);
    await userEvent.click(await screen.findByRole("button", { name: "Laadi suunnitelma" }));
    await waitFor(() => expect(screen.getByRole("heading", { name: "Uusi suunnitelma" })).toHaveFocus());
    await userEvent.click(screen.getByRole("button", { name: "Peruuta" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Laadi suunnitelma" })).toHaveFocus());
  });

  it("the meeting form opened: its heading; a meeting booked: the booked meeting", async () => {
    const meetings: unknown[] = [];
    const calls = fakeApi((call: Call) => {
      if (call.path === `${BASE}/schedule`) return { status: 200, body: schedule };
      if (call.path === `${BASE}/meetings` && call.method === "GET") return { status: 200, body: meetings };
      if (call.path === `${BASE}/meetings` && call.method === "POST") {
        const body = call.body as Record<string, unknown>;
        const saved = {
          ...body,
          id: "m1",
          client_id: CLIENT,
          version: 1,
          state: "booked",
          deadline_due_on: "2099-12-31",
          coach_subject: "me",
          coach_name: "Aino Virtanen",
          booked_by: "me",
          booked_by_name: "Aino Virtanen",
          booked_at: "2026-11-25T08:00:00Z",
          updated_by: "me",
          updated_by_name: "Aino Virtanen",
          updated_at: "2026-11-25T08:00:00Z",
          interview_id: null,
          cancellation_reason: null,
        };
        meetings.push(saved);
        return { status: 201, body: saved };
      }
      return undefined;
    });
    renderWithProviders(<MeetingsSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Varaa tapaaminen" }));
    await waitFor(() => expect(screen.getByRole("heading", { name: "Varaa seuraava tapaaminen" })).toHaveFocus());
    const date = screen.getByLabelText(/^Päivä/);
    await userEvent.clear(date);
    await userEvent.type(date, "3.12.2098");
    await userEvent.type(screen.getByLabelText(/^Kellonaika/), "9.30");
    await userEvent.selectOptions(screen.getByLabelText(/^Asiointitapa/), "video");
    await userEvent.click(screen.getByRole("button", { name: "Varaa" }));
    expect(screen.queryByRole("form", { name: "Varaa seuraava tapaaminen" })).not.toBeInTheDocument();
    await waitFor(() => expect(document.getElementById("meeting-m1")).toHaveFocus());
    const sent = calls.find((call) => call.method === "POST")!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      deadline_kind: "initial_interview",
      deadline_number: 1,
      starts_at: "2098-12-03T07:30:00.000Z",
      channel: "video",
    });
    expect(screen.getByRole("listitem")).toHaveTextContent("Varannut Aino Virtanen");
  });

  it("a meeting's cancellation asked for: its reason field; Escape gives focus back to the button", async () => {
    const meeting = {
      id: "m2",
      client_id: CLIENT,
      version: 1,
      state: "booked",
      starts_at: "2099-12-01T08:00:00Z",
      duration_minutes: 45,
      channel: "phone",
      location: null,
      deadline_kind: "initial_interview",
      deadline_number: 1,
      deadline_due_on: "2099-12-31",
      coach_subject: "me",
      coach_name: "Aino Virtanen",
      booked_by: "me",
      booked_by_name: "Aino Virtanen",
      booked_at: "2026-11-25T08:00:00Z",
      updated_by: "me",
      updated_by_name: "Aino Virtanen",
      updated_at: "2026-11-25T08:00:00Z",
      interview_id: null,
      cancellation_reason: null,
    };
    fakeApi((call: Call) => {
      if (call.path === `${BASE}/schedule`) return { status: 200, body: schedule };
      if (call.path === `${BASE}/meetings` && call.method === "GET") return { status: 200, body: [meeting] };
      return undefined;
    });
    renderWithProviders(<MeetingsSection clientId={CLIENT} />);
    const cancel = await screen.findByRole("button", { name: "Peru tapaaminen" });
    expect(cancel).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(cancel);
    expect(cancel).toHaveAttribute("aria-expanded", "true");
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Perumisen syy" })).toHaveFocus());
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("textbox", { name: "Perumisen syy" })).not.toBeInTheDocument();
    await waitFor(() => expect(cancel).toHaveFocus());
  });
});
