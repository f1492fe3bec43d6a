import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { CoachName } from "./coach-name";

const TEAMS = [
  {
    id: "7d3e1f00-0000-4000-8000-000000000001",
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

describe("CoachName", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("names a coach by the name their team has for them", async () => {
    fakeApi((call) => (call.path === "/api/clients/v1/teams" ? { status: 200, body: TEAMS } : undefined));
    renderWithProviders(<CoachName subject="coach-aino" fallback="Toinen valmentaja" />);
    expect(await screen.findByText("Aino Valmentaja")).toBeInTheDocument();
  });

  it("says the fallback for a coach no team has, never the subject", async () => {
    const calls = fakeApi((call) => (call.path === "/api/clients/v1/teams" ? { status: 200, body: TEAMS } : undefined));
    renderWithProviders(<CoachName subject="coach-elsewhere" fallback="Toinen valmentaja" />);
    await vi.waitFor(() => expect(calls.some((call) => call.path === "/api/clients/v1/teams")).toBe(true));
    expect(await screen.findByText("Toinen valmentaja")).toBeInTheDocument();
    expect(screen.queryByText(/coach-elsewhere/)).not.toBeInTheDocument();
  });
});
