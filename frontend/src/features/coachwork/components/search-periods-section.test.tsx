import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { SearchPeriodsSection } from "./search-periods-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const URL = `/api/clients/v1/clients/${CLIENT}/job-search-periods`;

// The team names its members; a person of no team is named by the subject.
const TEAMS = [
  {
    id: "7a000000-0000-4000-8000-000000000001",
    name: "Nuorten tiimi",
    created_by: "manager-maija",
    created_at: "2026-09-01T08:00:00Z",
    members: [
      {
        coach_subject: "coach-aino",
        display_name: "Aino Valmentaja",
        added_by: "manager-maija",
        added_at: "2026-09-01T08:00:00Z",
      },
    ],
  },
];

const period = (changes: Record<string, unknown>) => ({
  id: "p1",
  started_on: "2025-03-03",
  initial_interview: true,
  ended_on: null,
  end_reason: null,
  end_notes: null,
  started_by: "coach-aino",
  ended_by: null,
  version: 1,
  ...changes,
});

function service({ stale = false } = {}) {
  let periods = [
    period({
      id: "p0",
      started_on: "2024-01-08",
      ended_on: "2024-08-31",
      end_reason: "employed",
      ended_by: "coach-pekka",
    }),
    period({ version: 2 }),
  ];
  return fakeApi((call: Call) => {
    if (call.path === URL && call.method === "GET") return { status: 200, body: periods };
    if (call.path === "/api/clients/v1/teams") return { status: 200, body: TEAMS };
    if (call.path === `${URL}/p1/end`) {
      if (stale)
        return {
          status: 412,
          body: { type: "https://polku.fi/problems/period-changed", title: "Changed", status: 412 },
        };
      const body = call.body as { ended_on: string; reason: string; notes: string | null };
      const ended = period({
        version: 3,
        ended_on: body.ended_on,
        end_reason: body.reason,
        end_notes: body.notes,
        ended_by: "coach-aino",
      });
      periods = [periods[0], ended];
      return { status: 200, body: ended };
    }
    if (call.path === URL && call.method === "POST") {
      const started = period({
        id: "p2",
        started_on: (call.body as { started_on: string }).started_on,
        initial_interview: false,
        started_by: "coach-aino",
      });
      periods = [...periods, started];
      return { status: 201, body: started };
    }
    return undefined;
  });
}

describe("SearchPeriodsSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the periods latest first with their end, reason and who started and ended them", async () => {
    service();
    renderWithProviders(<SearchPeriodsSection clientId={CLIENT} />);
    const list = await screen.findByRole("list", { name: "Työnhakujaksot" });
    const [latest, earlier] = within(list).getAllByRole("listitem");
    expect(latest).toHaveTextContent("3.3.2025–käynnissä");
    expect(latest).toHaveTextContent("Aloittaja Aino Valmentaja");
    expect(earlier).toHaveTextContent("8.1.2024–31.8.2024 – Työllistynyt");
    expect(earlier).toHaveTextContent("päättäjä coach-pekka");
  });

  it("ends the open period with the reason and the version seen, then offers to start a new one", async () => {
    const calls = service();
    renderWithProviders(<SearchPeriodsSection clientId={CLIENT} />);
    expect(screen.queryByLabelText(/^Viimeinen päivä/)).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole("button", { name: "Päätä työnhakujakso" }));
    const day = await screen.findByLabelText(/^Viimeinen päivä/);
    await userEvent.clear(day);
    await userEvent.type(day, "2026-11-30");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Päättymisen syy/ }), "in_education");
    await userEvent.click(screen.getByRole("button", { name: "Päätä jakso" }));
    expect(
      await screen.findByText("Jakso päättyi 30.11.2026 (Koulutuksessa). Kirjaaja Aino Valmentaja."),
    ).toHaveFocus();
    const end = calls.find((call) => call.path.endsWith("/end"))!;
    expect(end.headers.get("If-Match")).toBe('"period-v2"');
    expect(end.body).toEqual({ ended_on: "2026-11-30", reason: "in_education", notes: null });
    // Saved, the form is closed; the next one is opened on request.
    expect(screen.queryByLabelText(/^Viimeinen päivä/)).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole("button", { name: "Aloita uusi työnhakujakso" }));
    await userEvent.click(await screen.findByRole("button", { name: "Aloita jakso" }));
    expect(
      await screen.findByText(/Uusi jakso alkoi .*, kirjaaja Aino Valmentaja\. Ei uutta alkuhaastattelua/),
    ).toHaveFocus();
  });

  it("asks for the reason before sending, and says so when the period changed meanwhile", async () => {
    const calls = service({ stale: true });
    renderWithProviders(<SearchPeriodsSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Päätä työnhakujakso" }));
    await userEvent.click(screen.getByRole("button", { name: "Päätä jakso" }));
    const reason = screen.getByRole("combobox", { name: /^Päättymisen syy/ });
    await vi.waitFor(() => expect(reason).toHaveAttribute("aria-invalid", "true"));
    expect(calls.some((call) => call.path.endsWith("/end"))).toBe(false);
    await userEvent.selectOptions(reason, "moved");
    await userEvent.click(screen.getByRole("button", { name: "Päätä jakso" }));
    expect(await screen.findByText(/Joku muutti tätä välillä/)).toBeInTheDocument();
  });
});
