import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

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
          body: [
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
          ],
        }
      : undefined,
  );
}

describe("StatusSection", () => {
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
});
