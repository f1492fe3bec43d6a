import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { StatementsPage } from "./statements-page";

function service() {
  fakeApi((call) =>
    call.path.startsWith("/api/clients/v1/statements")
      ? {
          status: 200,
          body: { coach_subject: "coach-aino", pending: 0, issued: 4, average_processing_days: 12.5, items: [] },
        }
      : undefined,
  );
}

describe("StatementsPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([
    ["fi", "keskimäärin 12,5 päivää"],
    ["sv", "i medeltal 12,5 dagar"],
    ["en", "12.5 days from the neglect"],
  ])("writes the mean processing time as %s writes numbers, not as the browser does", async (language, text) => {
    await i18n.changeLanguage(language);
    service();
    renderWithProviders(<StatementsPage />);
    expect(await screen.findByText(new RegExp(text))).toBeInTheDocument();
  });
});
