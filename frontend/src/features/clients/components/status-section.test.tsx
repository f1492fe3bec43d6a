import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { StatusSection } from "./status-section";

const CLIENT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

function history() {
  return fakeApi((call: Call) =>
    call.path.endsWith("/status-history")
      ? {
          status: 200,
          body: [...rows],
        }
      : call.path.endsWith("/status") && call.method === "POST"
        ? saved(call.body as { status: string; changed_on: string; reason: string | null })
        : undefined,
  );
}

/** The service's answer to a change: the client in the new status, the change kept as the latest row. */
function saved(body: { status: string; changed_on: string; reason: string | null }) {
  rows.push({ ...body, changed_by: "coach-aino", recorded_at: "2026-12-01T08:00:00Z" });
  return { status: 200, body: { id: CLIENT, status: body.status } };
}

let rows: { status: string; changed_on: string; reason: string | null; changed_by: string; recorded_at: string }[] = [];

function initialRows() {
  return [
    {
      status: "unemployed",
      changed_on: "2026-10-01",
      reason: "registered as a job seeker",
      changed_by: "coach-aino",
      recorded_at: "2026-10-01T08:00:00Z",
    },
    {
      status: "employed",
      changed_on: "2026-11-20",
      reason: "Sai työpaikan Lahden satamasta",
      changed_by: "coach-aino",
      recorded_at: "2026-11-20T08:00:00Z",
    },
  ];
}

describe("StatusSection", () => {
  beforeEach(() => {
    rows = initialRows();
  });
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ["fi", "ilmoittautui työnhakijaksi"],
    ["sv", "anmälde sig som arbetssökande"],
  ])("names the registration in the reader's language (%s) and keeps a coach's own words", async (language, text) => {
    await i18n.changeLanguage(language);
    history();
    renderWithProviders(<StatusSection clientId={CLIENT} current="employed" />);
    expect(await screen.findByText(new RegExp(text))).toBeInTheDocument();
    expect(screen.queryByText(/registered as a job seeker/)).not.toBeInTheDocument();
    expect(screen.getByText(/Sai työpaikan Lahden satamasta/)).toBeInTheDocument();
  });

  it("moves focus into the form when it opens, and back to its opener when it is closed", async () => {
    await i18n.changeLanguage("fi");
    history();
    const user = userEvent.setup();
    renderWithProviders(<StatusSection clientId={CLIENT} current="employed" />);
    await user.click(await screen.findByRole("button", { name: "Muuta tilannetta" }));
    await waitFor(() => expect(screen.getByRole("heading", { name: "Muuta tilannetta" })).toHaveFocus());
    await user.click(screen.getByRole("button", { name: "Peruuta" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Muuta tilannetta" })).toHaveFocus());
  });

  it("saved, closes the form and moves focus to the change just recorded", async () => {
    await i18n.changeLanguage("fi");
    history();
    const user = userEvent.setup();
    renderWithProviders(<StatusSection clientId={CLIENT} current="employed" />);
    const opener = await screen.findByRole("button", { name: "Muuta tilannetta" });
    await user.click(opener);
    await user.selectOptions(screen.getByLabelText(/^Uusi tilanne/), "unemployed");
    await user.type(screen.getByLabelText(/^Peruste/), "Määräaikainen työ päättyi");
    await user.click(screen.getByRole("button", { name: "Tallenna tilanne" }));
    expect(await screen.findByText(/Määräaikainen työ päättyi/)).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Muuta tilannetta" })).not.toBeInTheDocument();
    expect(opener).toHaveAttribute("aria-expanded", "false");
    await waitFor(() => expect(screen.getByText(/Määräaikainen työ päättyi/).closest("li")).toHaveFocus());
  });
});
