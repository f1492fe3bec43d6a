import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import en from "../../../locales/en.json";
import fi from "../../../locales/fi.json";
import sv from "../../../locales/sv.json";
import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { NOT_UP_TO_DATE_REASONS } from "../api/types";
import { PlanStatus } from "./plan-status";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";

// The service's own words are English; the screen gives the definition in the reader's language instead.
const SERVER_DEFINITION = "Up-to-date plan (Polku's definition; there is no official one): a plan exists…";

function serve(status: Record<string, unknown>) {
  fakeApi((call) =>
    call.path === `/api/clients/v1/clients/${CLIENT}/plan/status`
      ? {
          status: 200,
          body: {
            client_id: CLIENT,
            today: "2026-12-03",
            plan_reviewed_on: "2026-08-14",
            latest_mandatory_interview_on: "2026-08-14",
            definition: SERVER_DEFINITION,
            ...status,
          },
        }
      : undefined,
  );
}

describe("PlanStatus", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("says why the plan is not up to date, with the dates and the definition in Finnish", async () => {
    serve({ up_to_date: false, reasons: ["interview_too_old"] });
    renderWithProviders(<PlanStatus clientId={CLIENT} />);
    const status = await screen.findByRole("group", { name: "Suunnitelma ei ole ajantasainen (3.12.2026)." });
    expect(within(status).getByRole("listitem")).toHaveTextContent(
      "Viimeisin lakisääteinen keskustelu on yli kolme kuukautta vanha.",
    );
    expect(status).toHaveTextContent("Suunnitelma tarkistettu viimeksi: 14.8.2026.");
    expect(status).toHaveTextContent("Ajantasainen suunnitelma: Virallista määritelmää ei ole.");
    expect(status).not.toHaveTextContent("Polku's definition");
  });

  it("says when it is up to date, in Swedish", async () => {
    await i18n.changeLanguage("sv");
    serve({ up_to_date: true, reasons: [] });
    renderWithProviders(<PlanStatus clientId={CLIENT} />);
    const status = await screen.findByRole("group", { name: "Planen är aktuell (3.12.2026)." });
    expect(within(status).queryByRole("list")).not.toBeInTheDocument();
    expect(status).toHaveTextContent("Aktuell plan: Det finns ingen officiell definition.");
  });

  it("words every reason of the API in Finnish, Swedish and English", () => {
    for (const resource of [fi, sv, en]) {
      const reasons = (resource as { planStatus: { reason: Record<string, string> } }).planStatus.reason;
      expect(NOT_UP_TO_DATE_REASONS.filter((reason) => typeof reasons[reason] !== "string")).toEqual([]);
    }
  });
});
