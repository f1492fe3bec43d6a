import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { PlanRead } from "../api/types";
import { placeReductionError } from "./plan-form";
import { PlanSection } from "./plan-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const ME = "5e0f2a4c-1d2b-4a7e-8c3f-000000000001";

function version(number: number, goal: string): PlanRead {
  return {
    client_id: CLIENT,
    version: number,
    plan_type: "employment",
    goals: [goal],
    tasks: [],
    applications_per_period: 4,
    period_months: 1,
    obligation_reduction_reason: null,
    next_review_on: "2027-01-15",
    created_by: number === 1 ? ME : "someone-else",
    created_at: "2026-11-25T10:00:00Z",
  };
}

const conflict = {
  type: "https://polku.fi/problems/plan-changed",
  title: "The plan was changed by someone else",
  status: 412,
  detail: "Version 2 was saved by someone else after the version you edited",
  current_version: 2,
};

/** The plan service as the coach meets it: version 1 when the page opens, version 2 saved meanwhile by a colleague. */
function planService() {
  let current = version(1, "Työ varastoalalta");
  let saves = 0;
  const calls = fakeApi((call: Call) => {
    if (call.path === `/api/clients/v1/clients/${CLIENT}/plan` && call.method === "GET") {
      return { status: 200, body: current, headers: { ETag: `"plan-v${current.version}"` } };
    }
    if (call.path === `/api/clients/v1/clients/${CLIENT}/plan/versions`) {
      return { status: 200, body: [current] };
    }
    if (call.method === "PUT") {
      saves += 1;
      if (saves === 1) {
        current = version(2, "Oppisopimus kiinteistöalalle"); // the colleague's save
        return { status: 412, body: conflict };
      }
      current = {
        ...(call.body as PlanRead),
        client_id: CLIENT,
        version: 3,
        created_by: ME,
        created_at: "2026-11-25T11:00:00Z",
      };
      return { status: 200, body: current, headers: { ETag: '"plan-v3"' } };
    }
    return undefined;
  });
  return calls;
}

describe("PlanSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("saves with If-Match, shows a 412 as a conflict alert, and saves again on the newer version", async () => {
    const calls = planService();
    renderWithProviders(<PlanSection clientId={CLIENT} me={ME} />);

    await userEvent.click(await screen.findByRole("button", { name: "Muokkaa suunnitelmaa" }));
    const goal = screen.getByRole("textbox", { name: /^Tavoite 1/ });
    await userEvent.clear(goal);
    await userEvent.type(goal, "Työ logistiikasta");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna suunnitelma" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Muutoksiasi ei tallennettu");
    expect(alert).toHaveTextContent("(versio 2)");
    const firstSave = calls.find((call) => call.method === "PUT")!;
    expect(firstSave.headers.get("If-Match")).toBe('"plan-v1"');
    expect(firstSave.body).toMatchObject({ goals: ["Työ logistiikasta"] });
    // Nothing was overwritten and the coach's text is still in the form until they choose.
    expect(screen.getByRole("textbox", { name: /^Tavoite 1/ })).toHaveValue("Työ logistiikasta");

    await userEvent.click(within(alert).getByRole("button", { name: "Avaa uudempi versio" }));
    expect(await screen.findByRole("textbox", { name: /^Tavoite 1/ })).toHaveValue("Oppisopimus kiinteistöalalle");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Versio 2 on nyt auki muokattavana.");

    await userEvent.click(screen.getByRole("button", { name: "Tallenna suunnitelma" }));
    expect(await screen.findByText("Suunnitelman versio 3 on tallennettu.")).toBeInTheDocument();
    const secondSave = calls.filter((call) => call.method === "PUT")[1];
    expect(secondSave.headers.get("If-Match")).toBe('"plan-v2"');
  });

  it("asks for the reason of a reduced obligation next to its field before saving", async () => {
    const calls = planService();
    renderWithProviders(<PlanSection clientId={CLIENT} me={ME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Muokkaa suunnitelmaa" }));
    const applications = screen.getByRole("spinbutton", { name: /^Hakemuksia tarkastelujaksossa/ });
    await userEvent.clear(applications);
    await userEvent.type(applications, "2");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna suunnitelma" }));
    const reason = await screen.findByRole("textbox", { name: /^Peruste alennetulle velvollisuudelle/ });
    await vi.waitFor(() =>
      expect(reason).toHaveAccessibleDescription(
        expect.stringContaining("Kirjaa peruste, kun hakemuksia on alle neljä"),
      ),
    );
    expect(calls.some((call) => call.method === "PUT")).toBe(false);
  });
});

describe("placeReductionError", () => {
  it("moves the service's cross-field reduction error onto the reason field", () => {
    const moved = placeReductionError({
      type: "https://polku.fi/problems/validation-error",
      title: "Invalid request",
      status: 422,
      errors: [
        {
          field: "body",
          message: "Value error, an obligation below four applications a month needs obligation_reduction_reason",
          code: "value_error",
        },
        { field: "body.next_review_on", message: "Input should be a valid date", code: "date_parsing" },
      ],
    });
    expect(moved?.errors?.map((error) => [error.field, error.code])).toEqual([
      ["body.obligation_reduction_reason", "reason_required"],
      ["body.next_review_on", "date_parsing"],
    ]);
  });
});

describe("PlanSection without a plan", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("creates the first plan without If-Match, and shows a conflict when someone else created one meanwhile", async () => {
    const calls = fakeApi((call: Call) => {
      if (call.path.endsWith("/plan") && call.method === "GET") {
        return {
          status: 404,
          body: { type: "https://polku.fi/problems/plan-not-found", title: "The client has no plan yet", status: 404 },
        };
      }
      if (call.path.endsWith("/plan/versions")) return { status: 200, body: [] };
      if (call.method === "PUT") {
        return {
          status: 428,
          body: {
            type: "https://polku.fi/problems/precondition-required",
            title: "If-Match header required",
            status: 428,
          },
        };
      }
      return undefined;
    });
    renderWithProviders(<PlanSection clientId={CLIENT} me={ME} />);
    expect(await screen.findByText("Asiakkaalla ei ole vielä suunnitelmaa.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Laadi suunnitelma" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Tavoite 1/ }), "Työ kaupan alalta");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna suunnitelma" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Joku toinen tallensi suunnitelman");
    const save = calls.find((call) => call.method === "PUT")!;
    expect(save.headers.has("If-Match")).toBe(false);
    expect(save.body).toMatchObject({ goals: ["Työ kaupan alalta"], applications_per_period: 4, period_months: 1 });
  });
});
