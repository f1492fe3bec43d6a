import { screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { CaseloadPage } from "./caseload-page";

const COACH = "5e0f2a4c-1d2b-4a7e-8c3f-000000000001";

describe("CaseloadPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the panels it is given, then the coach's own clients", async () => {
    const calls = fakeApi((call) => {
      if (call.path === "/api/clients/v1/clients/search")
        return { status: 200, body: { items: [], next_cursor: null } };
      return undefined;
    });
    renderWithProviders(
      <CaseloadPage coach={COACH} name="Aino Virtanen">
        <section aria-label="Tänään">paneeli</section>
      </CaseloadPage>,
    );
    expect(screen.getByRole("region", { name: "Tänään" })).toHaveTextContent("paneeli");
    expect(await screen.findByText("Sinulla ei ole vielä asiakkaita.")).toBeInTheDocument();
    const search = calls.find((call) => call.path === "/api/clients/v1/clients/search")!;
    expect(search.method).toBe("POST");
    expect(search.body).toMatchObject({ coach: COACH });
    expect(calls.some((call) => call.path.startsWith("/api/clients/v1/due-list"))).toBe(false);
  });
});
