import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { User } from "oidc-client-ts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { HandoverTask } from "../api/types";
import { HandoversPage } from "./handovers-page";

let roles = ["coach"];
vi.mock("../../../lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../../lib/auth")>()),
  useAuth: () => ({
    user: new User({
      access_token: "token",
      token_type: "Bearer",
      profile: { sub: "coach-aino", iss: "x", aud: "polku-spa", exp: 0, iat: 0, name: "Aino Virtanen", roles },
    }),
    ready: true,
    login: vi.fn(),
    logout: vi.fn(),
    completeLogin: vi.fn(),
  }),
}));

const INITIAL = "7a000000-0000-4000-8000-000000000001";
const PERSONAL = "7a000000-0000-4000-8000-000000000002";
const TEAMS = [
  { id: INITIAL, name: "Alkupalvelu", members: [{ coach_subject: "coach-aino", display_name: "Aino Virtanen" }] },
  { id: PERSONAL, name: "Omavalmennus", members: [{ coach_subject: "coach-mikko", display_name: "Mikko Laine" }] },
];
const TASK: HandoverTask = {
  id: "8b000000-0000-4000-8000-000000000001",
  client_id: "6f1c2b8e-0000-4000-8000-000000000003",
  state: "open",
  due_on: "2026-01-15",
  from_team_id: INITIAL,
  from_coach_subject: "coach-aino",
  to_coach_subject: "coach-mikko",
  to_team_id: PERSONAL,
  reason: "Kolme kuukautta täynnä",
  created_by: "manager-pekka",
  created_at: "2026-01-01T08:00:00Z",
  completed_by: null,
  completed_at: null,
  client_first_names: "Matti",
  client_last_name: "Meikäläinen",
};

describe("HandoversPage", () => {
  beforeEach(async () => {
    roles = ["coach"];
    await i18n.changeLanguage("fi");
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the coach's outgoing and incoming hand-overs with both sides named, and marks one done", async () => {
    const calls = fakeApi((call) => {
      if (call.path === "/api/clients/v1/teams") return { status: 200, body: TEAMS };
      if (call.path === "/api/clients/v1/handovers?side=outgoing") return { status: 200, body: [TASK] };
      if (call.path === "/api/clients/v1/handovers?side=incoming") return { status: 200, body: [] };
      if (call.path === `/api/clients/v1/handovers/${TASK.id}/complete`)
        return {
          status: 200,
          body: { ...TASK, state: "done", completed_by: "coach-aino", completed_at: "2026-01-10T08:00:00Z" },
        };
      return undefined;
    });
    renderWithProviders(<HandoversPage me={{ subject: "coach-aino", name: "Aino Virtanen" }} />);
    expect(screen.getByRole("heading", { level: 1, name: "Siirrot omavalmentajalle" })).toHaveFocus();
    const outgoing = await screen.findByRole("table", { name: "Lähdössä minulta ja tiimeiltäni" });
    const row = within(outgoing).getByRole("row", { name: /Matti Meikäläinen/ });
    expect(within(row).getByRole("link", { name: "Matti Meikäläinen" })).toHaveAttribute(
      "href",
      `/clients/${TASK.client_id}`,
    );
    expect(row).toHaveTextContent("Aino Virtanen, Alkupalvelu");
    expect(row).toHaveTextContent("Mikko Laine, Omavalmennus");
    expect(row).toHaveTextContent("(myöhässä)");
    expect(await screen.findByText("Sinulle ei ole tulossa asiakkaita.")).toBeInTheDocument();
    // A coach neither routes nor marks teams.
    expect(screen.queryByRole("form", { name: "Ohjaus omavalmentajille" })).not.toBeInTheDocument();

    await userEvent.click(
      within(row).getByRole("button", { name: "Merkitse asiakkaan Matti Meikäläinen siirto tehdyksi" }),
    );
    expect(
      await screen.findByText(
        "Asiakas Matti Meikäläinen on nyt valmentajan Mikko Laine asiakas. Siirron merkitsi tehdyksi Aino Virtanen.",
      ),
    ).toHaveFocus();
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(1);
  });

  it("explains a refused completion in the reader's words", async () => {
    fakeApi((call) => {
      if (call.path === "/api/clients/v1/teams") return { status: 200, body: TEAMS };
      if (call.path.startsWith("/api/clients/v1/handovers?side=outgoing")) return { status: 200, body: [TASK] };
      if (call.path.startsWith("/api/clients/v1/handovers?side=incoming")) return { status: 200, body: [] };
      if (call.method === "POST")
        return { status: 409, body: { type: "https://polku.fi/problems/handover-done", title: "Done", status: 409 } };
      return undefined;
    });
    renderWithProviders(<HandoversPage me={{ subject: "coach-aino", name: "Aino Virtanen" }} />);
    await userEvent.click(await screen.findByRole("button", { name: /Merkitse asiakkaan Matti Meikäläinen/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Siirto on jo tehty.");
  });

  it("lets a manager look at a coach's hand-overs, route the clients due soon and mark initial-service teams", async () => {
    roles = ["manager"];
    const calls = fakeApi((call) => {
      if (call.path === "/api/clients/v1/teams") return { status: 200, body: TEAMS };
      if (call.path.startsWith("/api/clients/v1/handovers?")) return { status: 200, body: [] };
      if (call.path === "/api/clients/v1/handovers/routing")
        return { status: 200, body: [{ ...TASK, created_by: "manager-pekka" }] };
      if (call.path === `/api/clients/v1/teams/${INITIAL}/initial-service`)
        return call.method === "PUT"
          ? {
              status: 200,
              body: {
                team_id: INITIAL,
                initial_service: false,
                marked_by: "manager-pekka",
                marked_at: "2026-01-02T08:00:00Z",
              },
            }
          : {
              status: 200,
              body: {
                team_id: INITIAL,
                initial_service: true,
                marked_by: "coach-aino",
                marked_at: "2026-01-01T08:00:00Z",
              },
            };
      if (call.path === `/api/clients/v1/teams/${PERSONAL}/initial-service`)
        return { status: 200, body: { team_id: PERSONAL, initial_service: false, marked_by: null, marked_at: null } };
      return undefined;
    });
    renderWithProviders(<HandoversPage me={{ subject: "manager-pekka", name: "Pekka Nieminen" }} />);
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: "Valmentajan siirrot" }),
      await screen.findByRole("option", { name: "Mikko Laine" }),
    );
    expect(await screen.findByText("Sinulle ei ole tulossa asiakkaita.")).toBeInTheDocument();
    expect(calls.some((call) => call.path === "/api/clients/v1/handovers?side=incoming&coach=coach-mikko")).toBe(true);

    const routing = screen.getByRole("form", { name: "Ohjaus omavalmentajille" });
    await userEvent.clear(within(routing).getByRole("textbox", { name: /^Päättyy viimeistään/ }));
    await userEvent.type(within(routing).getByRole("textbox", { name: /^Päättyy viimeistään/ }), "120");
    await userEvent.click(within(routing).getByRole("button", { name: "Ohjaa omavalmentajille" }));
    expect(await within(routing).findAllByText("Anna kokonaisluku väliltä 0–90.")).not.toHaveLength(0);
    await userEvent.clear(within(routing).getByRole("textbox", { name: /^Päättyy viimeistään/ }));
    await userEvent.type(within(routing).getByRole("textbox", { name: /^Päättyy viimeistään/ }), "21");
    await userEvent.click(within(routing).getByRole("button", { name: "Ohjaa omavalmentajille" }));
    expect(await screen.findByText("1 asiakas ohjattu: Mikko Laine.")).toBeInTheDocument();
    expect(calls.find((call) => call.path === "/api/clients/v1/handovers/routing")!.body).toEqual({ lead_days: 21 });

    const teams = screen.getByRole("region", { name: "Alkupalvelutiimit" });
    expect(await within(teams).findByText(/merkinnyt Aino Virtanen/)).toBeInTheDocument();
    await userEvent.click(within(teams).getByRole("button", { name: "Poista tiimin Alkupalvelu alkupalvelumerkintä" }));
    expect(
      await screen.findByText("Alkupalvelu ei ole enää alkupalvelutiimi. Muuttaja: Pekka Nieminen."),
    ).toBeInTheDocument();
    expect(calls.find((call) => call.method === "PUT")!.body).toEqual({ initial_service: false });
  }, 30_000);
});
