import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { HandoverSection } from "./handover-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const PERSONAL = "7a000000-0000-4000-8000-000000000002";
const TEAMS = [
  { id: PERSONAL, name: "Omavalmennus", members: [{ coach_subject: "coach-mikko", display_name: "Mikko Laine" }] },
];

describe("HandoverSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => vi.unstubAllGlobals());

  it("hands the client over to a personal coach of a team with a reason, and explains a refusal", async () => {
    let posts = 0;
    const calls = fakeApi((call) => {
      if (call.path === "/api/clients/v1/teams") return { status: 200, body: TEAMS };
      if (call.method === "POST") {
        posts += 1;
        if (posts === 1)
          return {
            status: 409,
            body: { type: "https://polku.fi/problems/not-in-initial-service", title: "No", status: 409 },
          };
        return {
          status: 201,
          body: {
            id: "h",
            client_id: CLIENT,
            state: "open",
            due_on: "2026-12-10",
            from_team_id: null,
            from_coach_subject: "coach-aino",
            to_coach_subject: "coach-mikko",
            to_team_id: PERSONAL,
            reason: "Tarvitsee nuorten palveluja",
            created_by: "coach-aino",
            created_at: "2026-12-03T08:00:00Z",
            completed_by: null,
            completed_at: null,
          },
        };
      }
      return undefined;
    });
    renderWithProviders(<HandoverSection clientId={CLIENT} me={{ subject: "coach-aino", name: "Aino Virtanen" }} />);
    const opener = screen.getByRole("button", { name: "Aloita siirto" });
    expect(opener).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(opener);
    await vi.waitFor(() => expect(screen.getByRole("heading", { name: "Aloita siirto" })).toHaveFocus());
    await userEvent.click(screen.getByRole("button", { name: "Siirrä omavalmentajalle" }));
    expect(await screen.findAllByText("Kirjoita vähintään 3 merkin perustelu.")).not.toHaveLength(0);
    expect(posts).toBe(0);

    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: /^Omavalmentaja/ }),
      await screen.findByRole("option", { name: "Mikko Laine" }),
    );
    await userEvent.type(screen.getByRole("textbox", { name: /^Siirron syy/ }), "Tarvitsee nuorten palveluja");
    await userEvent.click(screen.getByRole("button", { name: "Siirrä omavalmentajalle" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Asiakas ei ole alkupalvelutiimin asiakas.");

    await userEvent.click(screen.getByRole("button", { name: "Siirrä omavalmentajalle" }));
    expect(
      await screen.findByText(
        "Asiakkaan siirto valmentajalle Mikko Laine aloitettu, määräpäivä 10.12.2026. Aloittaja: Aino Virtanen.",
      ),
    ).toHaveFocus();
    expect(screen.queryByRole("form", { name: "Aloita siirto" })).not.toBeInTheDocument();
    expect(opener).toHaveAttribute("aria-expanded", "false");
    expect(calls.filter((call) => call.method === "POST")[1].body).toEqual({
      to_coach_subject: "coach-mikko",
      to_team_id: PERSONAL,
      reason: "Tarvitsee nuorten palveluja",
    });
  }, 30_000);
});
