import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { dayStart, PrivacyPage } from "./privacy-page";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const RECORD = {
  id: "a1",
  occurred_at: "2026-12-01T08:30:00Z",
  actor_subject: "coach-aino",
  actor_roles: ["coach"],
  actor_organisation_id: "lahti",
  action: "read",
  resource_type: "assessment",
  resource_id: CLIENT,
  purpose: "employment_services",
  request_id: null,
  details: {},
};

describe("PrivacyPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("shows who read or changed the client's data, filtered, and downloads the export naming who exported", async () => {
    let exports = 0;
    const calls = fakeApi((call) => {
      if (call.path.startsWith(`/api/clients/v1/clients/${CLIENT}/audit-trail`))
        return { status: 200, body: { items: [RECORD], next_cursor: null } };
      if (call.path === `/api/clients/v1/clients/${CLIENT}/personal-data-export`) {
        exports += 1;
        return exports === 1
          ? { status: 503, body: { type: "about:blank", title: "Unavailable", status: 503 } }
          : {
              status: 200,
              body: {
                format: "polku.clients-api.personal-data/2",
                exported_at: "2026-12-03T10:00:00Z",
                client_id: CLIENT,
                client: {},
                records: {},
                audit_trail: [],
                sources: {},
              },
            };
      }
      return undefined;
    });
    const createObjectURL = vi.fn(() => "blob:export");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    renderWithProviders(<PrivacyPage me={{ name: "Tiina Tietosuoja" }} />, { route: "/privacy" });
    expect(screen.getByRole("heading", { level: 1, name: "Tietosuoja" })).toHaveFocus();

    await userEvent.type(screen.getByRole("textbox", { name: /^Asiakkaan tunniste/ }), "12345");
    await userEvent.click(screen.getByRole("button", { name: "Näytä lokitiedot" }));
    expect(await screen.findAllByText(/Anna asiakkaan tunniste \(UUID\)/)).not.toHaveLength(0);
    expect(calls).toHaveLength(0);

    await userEvent.clear(screen.getByRole("textbox", { name: /^Asiakkaan tunniste/ }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Asiakkaan tunniste/ }), CLIENT);
    await userEvent.type(screen.getByLabelText(/^Alkaen/), "2026-07-01");
    await userEvent.click(screen.getByRole("button", { name: "Näytä lokitiedot" }));
    const table = await screen.findByRole("table", { name: "Lokitiedot" });
    const row = within(table).getByRole("row", { name: /coach-aino/ });
    expect(row).toHaveTextContent("Luki");
    expect(row).toHaveTextContent("employment_services");
    // Midsummer time: the day starts at 00:00 in Helsinki, three hours ahead of UTC.
    expect(calls[0].path).toContain(`since=${encodeURIComponent("2026-07-01T00:00:00+03:00")}`);

    await userEvent.click(screen.getByRole("button", { name: "Lataa henkilötiedot" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Mitään ei luovutettu");
    expect(click).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Lataa henkilötiedot" }));
    expect(await screen.findByText(/Henkilötiedot ladattu .* Luovuttaja: Tiina Tietosuoja\./)).toBeInTheDocument();
    expect(click).toHaveBeenCalledTimes(1);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  }, 30_000);

  it("starts a day at midnight in Helsinki in winter and in summer", () => {
    expect(dayStart("2026-01-15")).toBe("2026-01-15T00:00:00+02:00");
    expect(dayStart("2026-06-15")).toBe("2026-06-15T00:00:00+03:00");
    expect(dayStart("")).toBeUndefined();
  });
});
