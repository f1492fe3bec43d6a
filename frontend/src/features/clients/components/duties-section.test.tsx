import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import en from "../../../locales/en.json";
import fi from "../../../locales/fi.json";
import sv from "../../../locales/sv.json";
import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { DUTY_KINDS, type DutyRead } from "../api/types";
import { DutiesSection } from "./duties-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const URL = `/api/clients/v1/clients/${CLIENT}/duties`;

const PROFILE: DutyRead = {
  kind: "job_search_profile",
  key: "2026-09-01",
  applies_from: "2026-09-01",
  due_on: null,
  dated: true,
  cleared: false,
  cleared_reason: null,
  cleared_by: null,
  cleared_at: null,
  sources: ["Laki työvoimapalvelujen järjestämisestä 380/2023 (HE 108/2025)"],
};
const EDUCATION: DutyRead = {
  ...PROFILE,
  kind: "education_application",
  key: "2026",
  applies_from: "2026-02-25",
  due_on: "2026-03-18",
  dated: true,
  cleared: true,
  cleared_reason: "Ei koske: ammatillinen tutkinto 2024",
  cleared_by: "coach-aino",
  cleared_at: "2026-03-02T09:00:00Z",
};

function service({ cleared = false } = {}) {
  let duties = [PROFILE, EDUCATION];
  return fakeApi((call: Call) => {
    if (call.path === URL) return { status: 200, body: { client_id: CLIENT, today: "2026-12-03", duties } };
    if (call.path === `${URL}/clearances`) {
      if (cleared)
        return { status: 409, body: { type: "about:blank", title: "Already cleared", status: 409, detail: "cleared" } };
      const body = call.body as { reason: string };
      const done = {
        ...PROFILE,
        cleared: true,
        cleared_reason: body.reason,
        cleared_by: "coach-aino",
        cleared_at: "2026-12-03T10:00:00Z",
      };
      duties = [done, EDUCATION];
      return { status: 201, body: done };
    }
    return undefined;
  });
}

describe("DutiesSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists each duty with its dates, whether it is cleared, by whom and why, and its source", async () => {
    service();
    renderWithProviders(<DutiesSection clientId={CLIENT} me="coach-aino" />);
    const list = await screen.findByRole("list", { name: "Vuoden 2026 velvollisuudet" });
    const [profile, education] = within(list).getAllByRole("listitem");
    expect(profile).toHaveTextContent("Työnhakuprofiili Työmarkkinatorilla – voimassa 1.9.2026 alkaen");
    expect(profile).toHaveTextContent("Kuittaamatta.");
    expect(profile).toHaveTextContent("Lähde: Laki työvoimapalvelujen järjestämisestä 380/2023");
    expect(education).toHaveTextContent("voimassa 25.2.2026 alkaen, viimeistään 18.3.2026");
    expect(education).toHaveTextContent(/Kuitattu 2\.3\.2026\D+11\.00, kuittaaja sinä\./);
    expect(education).toHaveTextContent("Ei koske: ammatillinen tutkinto 2024");
    expect(within(education).queryByRole("button")).not.toBeInTheDocument();
  });

  it("says when a joint application's dates are not confirmed yet", async () => {
    const undated: DutyRead = { ...EDUCATION, key: "2027", applies_from: "2027-02-01", due_on: null, dated: false };
    fakeApi((call: Call) =>
      call.path === URL
        ? { status: 200, body: { client_id: CLIENT, today: "2027-02-02", duties: [undated] } }
        : undefined,
    );
    renderWithProviders(<DutiesSection clientId={CLIENT} me="coach-aino" />);
    const list = await screen.findByRole("list", { name: "Vuoden 2026 velvollisuudet" });
    expect(within(list).getByRole("listitem")).toHaveTextContent("päivämääriä ei ole vielä vahvistettu");
  });

  it("clears a duty with the reason, focus moving to the form and then to the cleared duty", async () => {
    const calls = service();
    renderWithProviders(<DutiesSection clientId={CLIENT} me="coach-aino" />);
    const clear = await screen.findByRole("button", { name: "Kuittaa: Työnhakuprofiili Työmarkkinatorilla" });
    await userEvent.click(clear);
    expect(
      screen.getByRole("heading", { name: "Kuittaa velvollisuus: Työnhakuprofiili Työmarkkinatorilla" }),
    ).toHaveFocus();
    await userEvent.click(screen.getByRole("button", { name: "Kuittaa velvollisuus" }));
    const reason = screen.getByRole("textbox", { name: /^Perustelu/ });
    await vi.waitFor(() => expect(reason).toHaveAttribute("aria-invalid", "true"));
    expect(calls.some((call) => call.method === "POST")).toBe(false);

    await userEvent.type(reason, "Profiili julkaistu Työmarkkinatorilla");
    await userEvent.click(screen.getByRole("button", { name: "Kuittaa velvollisuus" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Kuitattu: Työnhakuprofiili Työmarkkinatorilla.");
    const [profile] = within(screen.getByRole("list", { name: "Vuoden 2026 velvollisuudet" })).getAllByRole("listitem");
    await vi.waitFor(() => expect(profile).toHaveTextContent("Profiili julkaistu Työmarkkinatorilla"));
    expect(profile).toHaveFocus();
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({
      kind: "job_search_profile",
      key: "2026-09-01",
      reason: "Profiili julkaistu Työmarkkinatorilla",
    });
  });

  it("says so when someone cleared it meanwhile", async () => {
    service({ cleared: true });
    renderWithProviders(<DutiesSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: /^Kuittaa: Työnhakuprofiili/ }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Perustelu/ }), "Tehty");
    await userEvent.click(screen.getByRole("button", { name: "Kuittaa velvollisuus" }));
    expect(await screen.findByText("Velvollisuus on jo kuitattu.")).toBeInTheDocument();
  });

  it("names every duty of the API in Finnish, Swedish and English", () => {
    for (const resource of [fi, sv, en]) {
      const kinds = (resource as { duties: { kind: Record<string, string> } }).duties.kind;
      expect(DUTY_KINDS.filter((kind) => typeof kinds[kind] !== "string")).toEqual([]);
    }
  });
});
