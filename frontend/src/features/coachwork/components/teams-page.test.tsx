import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { CoachRead, MemberCreate, TeamRead } from "../api/types";
import { TeamsPage } from "./teams-page";

const TEAMS = "/api/clients/v1/teams";
const YOUTH = "7a000000-0000-4000-8000-000000000001";
const ME = { subject: "manager-maija", name: "Maija Esihenkilö" };

const member = (coach_subject: string, display_name: string) => ({
  coach_subject,
  display_name,
  added_by: "manager-maija",
  added_at: "2026-09-01T08:00:00Z",
});

function service() {
  let teams: TeamRead[] = [
    {
      id: YOUTH,
      name: "Nuorten tiimi",
      created_by: "manager-maija",
      created_at: "2026-09-01T08:00:00Z",
      members: [member("coach-aino", "Aino Valmentaja")],
      initial_service: true,
    },
  ];
  const coaches: CoachRead[] = [
    { coach_subject: "coach-aino", name: "Aino Valmentaja", last_seen_at: "2026-12-01T08:00:00Z", team_ids: [YOUTH] },
    { coach_subject: "coach-pekka", name: "Pekka Ohjaaja", last_seen_at: "2026-12-02T08:00:00Z", team_ids: [] },
    { coach_subject: "coach-ville", name: "Ville Heinonen", last_seen_at: null, team_ids: [] },
  ];
  return fakeApi((call: Call) => {
    if (call.path === TEAMS && call.method === "GET") return { status: 200, body: teams };
    if (call.path === "/api/clients/v1/coaches" && call.method === "GET") return { status: 200, body: coaches };
    if (call.path === TEAMS && call.method === "POST") {
      const { name } = call.body as { name: string };
      if (teams.some((team) => team.name === name))
        return { status: 409, body: { type: "about:blank", title: "Taken", status: 409, detail: "A team exists" } };
      const team = {
        id: "7a000000-0000-4000-8000-000000000002",
        name,
        created_by: "manager-maija",
        created_at: "2026-12-03T08:00:00Z",
        members: [],
        initial_service: false,
      };
      teams = [...teams, team];
      return { status: 201, body: team };
    }
    if (call.path === `${TEAMS}/${YOUTH}/members`) {
      const body = call.body as MemberCreate;
      teams = teams.map((team) =>
        team.id === YOUTH
          ? { ...team, members: [...team.members, member(body.coach_subject, body.display_name)] }
          : team,
      );
      return { status: 201, body: teams[0] };
    }
    if (call.path === `${TEAMS}/${YOUTH}/members/coach-aino` && call.method === "DELETE") {
      teams = teams.map((team) => (team.id === YOUTH ? { ...team, members: [] } : team));
      return { status: 204 };
    }
    return undefined;
  });
}

describe("TeamsPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("creates a team, naming who created it; a name taken is refused with the service's words", async () => {
    const calls = service();
    renderWithProviders(<TeamsPage me={ME} />);
    expect(await screen.findByRole("heading", { level: 3, name: "Nuorten tiimi" })).toBeInTheDocument();
    const open = screen.getByRole("button", { name: "Perusta tiimi" });
    await userEvent.click(open);
    expect(screen.getByRole("heading", { name: "Perusta tiimi" })).toHaveFocus();
    await userEvent.click(screen.getByRole("button", { name: "Perusta" }));
    const name = screen.getByRole("textbox", { name: /^Tiimin nimi/ });
    await vi.waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));

    await userEvent.type(name, "Nuorten tiimi");
    await userEvent.click(screen.getByRole("button", { name: "Perusta" }));
    expect(await screen.findByText("Samanniminen tiimi on jo olemassa.")).toBeInTheDocument();

    await userEvent.clear(name);
    await userEvent.type(name, "Maahanmuuttajien tiimi");
    await userEvent.click(screen.getByRole("button", { name: "Perusta" }));
    const done = await screen.findByText("Tiimi Maahanmuuttajien tiimi perustettu, perustaja Maija Esihenkilö.");
    await vi.waitFor(() => expect(done).toHaveFocus());
    expect(await screen.findByRole("heading", { level: 3, name: "Maahanmuuttajien tiimi" })).toBeInTheDocument();
    expect(calls.filter((call) => call.path === TEAMS && call.method === "POST")).toHaveLength(2);
  });

  it("adds a coach to a team and removes one, each change said where focus lands", async () => {
    const calls = service();
    renderWithProviders(<TeamsPage me={ME} />);
    const team = await screen.findByRole("region", { name: "Nuorten tiimi" });
    await userEvent.click(within(team).getByRole("button", { name: "Lisää valmentaja tiimiin Nuorten tiimi" }));
    expect(within(team).getByRole("heading", { name: "Lisää valmentaja tiimiin Nuorten tiimi" })).toHaveFocus();
    // The organisation's coaches by name, those already in the team left out; one who never signed in says so.
    const picker = within(team).getByRole("combobox", { name: /^Valmentaja/ });
    await vi.waitFor(() =>
      expect(
        within(picker)
          .getAllByRole("option")
          .map((option) => option.textContent),
      ).toEqual(["Valitse…", "Pekka Ohjaaja", "Ville Heinonen (ei vielä kirjautunut)"]),
    );
    // Nothing picked is said next to the field.
    await userEvent.click(within(team).getByRole("button", { name: "Lisää tiimiin" }));
    await vi.waitFor(() => expect(picker).toHaveAttribute("aria-invalid", "true"));
    await userEvent.selectOptions(picker, "Pekka Ohjaaja");
    await userEvent.click(within(team).getByRole("button", { name: "Lisää tiimiin" }));
    const added = await within(team).findByText("Pekka Ohjaaja lisätty tiimiin Nuorten tiimi.");
    await vi.waitFor(() => expect(added).toHaveFocus());
    expect(calls.find((call) => call.path.endsWith("/members"))?.body).toEqual({
      coach_subject: "coach-pekka",
      display_name: "Pekka Ohjaaja",
    });
    const members = await within(team).findByRole("list", { name: "Tiimin Nuorten tiimi jäsenet" });
    await vi.waitFor(() => expect(within(members).getAllByRole("listitem")).toHaveLength(2));

    await userEvent.click(within(team).getByRole("button", { name: "Poista Aino Valmentaja tiimistä Nuorten tiimi" }));
    const removed = await within(team).findByText(
      "Aino Valmentaja poistettu tiimistä Nuorten tiimi. Asiakkaat pysyvät hänellä.",
    );
    expect(removed).toHaveFocus();
    expect(calls.some((call) => call.method === "DELETE")).toBe(true);
  });

  it("marks the initial-service team and links to where it is changed", async () => {
    service();
    renderWithProviders(<TeamsPage me={ME} />);
    const team = await screen.findByRole("region", { name: "Nuorten tiimi" });
    expect(team).toHaveTextContent(
      "Alkupalvelutiimi: tiimi hoitaa asiakkaiden kolme ensimmäistä kuukautta, minkä jälkeen asiakkaat siirretään omavalmentajille.",
    );
    expect(within(team).getByRole("link", { name: "Siirrot ja alkupalvelutiimit" })).toHaveAttribute(
      "href",
      "/handovers",
    );
    await userEvent.click(screen.getByRole("button", { name: "Perusta tiimi" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Tiimin nimi/ }), "Omavalmennus");
    await userEvent.click(screen.getByRole("button", { name: "Perusta" }));
    const other = await screen.findByRole("region", { name: "Omavalmennus" });
    expect(other).not.toHaveTextContent("Alkupalvelutiimi");
  });
});
