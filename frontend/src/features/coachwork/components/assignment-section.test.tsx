import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { AssignmentSection } from "./assignment-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const TEAM = "7a000000-0000-4000-8000-000000000001";
const BASE = `/api/clients/v1/clients/${CLIENT}`;

const member = (coach_subject: string, display_name: string) => ({
  coach_subject,
  display_name,
  added_by: "manager-maija",
  added_at: "2026-09-01T08:00:00Z",
});

const TEAMS = [
  {
    id: TEAM,
    name: "Nuorten tiimi",
    created_by: "manager-maija",
    created_at: "2026-09-01T08:00:00Z",
    members: [
      member("coach-aino", "Aino Valmentaja"),
      member("coach-pekka", "Pekka Ohjaaja"),
      member("manager-maija", "Maija Esihenkilö"),
    ],
  },
];

const HISTORY = [
  {
    id: "a1",
    client_id: CLIENT,
    action: "assigned",
    coach_subject: "coach-aino",
    team_id: TEAM,
    previous_coach_subject: null,
    previous_team_id: null,
    reason: "Uusi asiakas",
    assigned_by: "manager-maija",
    assigned_at: "2026-10-01T09:00:00Z",
  },
];

function service({ forbidden = false } = {}) {
  return fakeApi((call: Call) => {
    if (call.path === BASE) {
      return { status: 200, body: { id: CLIENT, coach_subject: "coach-aino", team_id: TEAM, version: 1 } };
    }
    if (call.path === "/api/clients/v1/teams") return { status: 200, body: TEAMS };
    if (call.path === `${BASE}/assignments` && call.method === "GET") return { status: 200, body: HISTORY };
    if (call.path === `${BASE}/assignments` && call.method === "POST") {
      if (forbidden) return { status: 403, body: { type: "about:blank", title: "Forbidden", status: 403 } };
      const body = call.body as { coach_subject: string; team_id: string; reason: string };
      return {
        status: 201,
        body: {
          ...HISTORY[0],
          id: "a2",
          action: "reassigned",
          ...body,
          previous_coach_subject: "coach-aino",
          previous_team_id: TEAM,
          assigned_by: "manager-maija",
        },
      };
    }
    return undefined;
  });
}

describe("AssignmentSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the history, naming who made each change", async () => {
    service();
    renderWithProviders(<AssignmentSection clientId={CLIENT} />);
    expect(await screen.findByText("Nykyinen valmentaja: Aino Valmentaja")).toBeInTheDocument();
    const history = await screen.findByRole("list", { name: "Osoitushistoria" });
    const [first] = within(history).getAllByRole("listitem");
    expect(first).toHaveTextContent("Osoitettu: ei valmentajaa → Aino Valmentaja (tiimi Nuorten tiimi)");
    expect(first).toHaveTextContent("Uusi asiakas");
    expect(first).toHaveTextContent("Tekijä Maija Esihenkilö");
  });

  it("reassigns the client with a reason and focuses the result naming who saved it", async () => {
    const calls = service();
    renderWithProviders(<AssignmentSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Siirrä asiakas" }));
    const coach = await screen.findByRole("combobox", { name: "Valmentaja" });
    await screen.findByRole("option", { name: "Pekka Ohjaaja" });
    await vi.waitFor(() => expect(coach).toHaveValue("coach-aino"));
    await userEvent.selectOptions(coach, "coach-pekka");
    await userEvent.type(screen.getByRole("textbox", { name: /^Perustelu/ }), "Asiakasmäärien tasaus");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna osoitus" }));
    expect(await screen.findByText("Siirretty: Pekka Ohjaaja. Tallentaja Maija Esihenkilö.")).toHaveFocus();
    expect(calls.find((call) => call.method === "POST")!.body).toEqual({
      coach_subject: "coach-pekka",
      team_id: TEAM,
      reason: "Asiakasmäärien tasaus",
    });
  });

  it("asks for a reason before sending, and says so when the role may not assign", async () => {
    const calls = service({ forbidden: true });
    renderWithProviders(<AssignmentSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Siirrä asiakas" }));
    await screen.findByRole("option", { name: "Pekka Ohjaaja" });
    await userEvent.click(screen.getByRole("button", { name: "Tallenna osoitus" }));
    expect(await screen.findByText("Kirjoita vähintään 3 merkin perustelu.")).toBeInTheDocument();
    expect(calls.some((call) => call.method === "POST")).toBe(false);
    await userEvent.type(screen.getByRole("textbox", { name: /^Perustelu/ }), "Tasaus");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna osoitus" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(i18n.t("errors.forbidden"));
  });
});
