import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { todayInHelsinki } from "../../../lib/format";
import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { StatementRead } from "../api/types";
import { StatementsSection } from "./statements-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const URL = `/api/clients/v1/clients/${CLIENT}/statements`;

const drafted: StatementRead = {
  id: "s1",
  client_id: CLIENT,
  version: 1,
  state: "draft",
  neglect_kind: "missed_interview",
  neglected_on: "2026-11-02",
  description: "Ei saapunut työnhakukeskusteluun",
  ordinal: 1,
  consequence: "non_compensable_period",
  non_compensable_days: 7,
  rule_set: "reform-2026",
  client_account: null,
  heard_on: null,
  heard_by: null,
  recipient: null,
  fund_name: null,
  issued_on: null,
  issued_by: null,
  drafted_by: "coach-aino",
  drafted_at: "2026-11-03T08:00:00Z",
  updated_by: "coach-aino",
  updated_at: "2026-11-03T08:00:00Z",
  processing_days: 20,
};

function service({ stale = false, existing = false }: { stale?: boolean; existing?: boolean } = {}) {
  let current: StatementRead | null = existing ? drafted : null;
  return fakeApi((call: Call) => {
    if (call.path === URL && call.method === "GET") return { status: 200, body: current ? [current] : [] };
    if (call.path === URL && call.method === "POST") {
      current = drafted;
      return { status: 201, body: drafted };
    }
    if (call.path.endsWith("/hearing")) {
      if (stale) {
        return {
          status: 412,
          body: {
            type: "https://polku.fi/problems/statement-changed",
            title: "Changed",
            status: 412,
            current_version: 2,
          },
        };
      }
      current = {
        ...drafted,
        version: 2,
        state: "heard",
        client_account: "Olin sairaana",
        heard_on: "2026-11-05",
        heard_by: "coach-aino",
      };
      return { status: 200, body: current };
    }
    return undefined;
  });
}

describe("StatementsSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("drafts a statement and shows the consequence the service gives", async () => {
    const calls = service();
    renderWithProviders(<StatementsSection clientId={CLIENT} />);
    expect(await screen.findByText("Asiakkaasta ei ole lausuntoja.")).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: /^Mitä tapahtui/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Laadi lausunto" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Mitä tapahtui/ }), "Ei saapunut");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna luonnos" }));
    expect(
      await screen.findByText("Luonnos tallennettu: 7 päivän korvaukseton määräaika (1. laiminlyönti)."),
    ).toBeInTheDocument();
    expect(calls.find((call) => call.method === "POST")!.body).toEqual({
      neglect_kind: "missed_interview",
      neglected_on: todayInHelsinki(),
      description: "Ei saapunut",
    });
    expect(await screen.findByText("coach-aino, 3.11.2026")).toBeInTheDocument();
    // Drafted, the form closes and focus goes to the new statement's heading.
    expect(screen.queryByRole("textbox", { name: /^Mitä tapahtui/ })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(document.activeElement?.tagName).toBe("H3"));
    expect(document.activeElement?.id).toMatch(/^statement-/);
  });

  it("records the client's account with the version the coach saw", async () => {
    const calls = service({ existing: true });
    renderWithProviders(<StatementsSection clientId={CLIENT} />);
    const opener = await screen.findByRole("button", { name: "Kuule asiakasta" });
    expect(opener).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(opener);
    expect(opener).toHaveAttribute("aria-expanded", "true");
    await vi.waitFor(() => expect(screen.getByRole("heading", { name: "Asiakkaan selvitys" })).toHaveFocus());
    await userEvent.type(screen.getByRole("textbox", { name: /^Asiakkaan selvitys/ }), "Sairas");
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa asiakkaan selvitys" }));
    expect(await screen.findByText("Asiakkaan selvitys on kirjattu.")).toBeInTheDocument();
    const hearing = calls.find((call) => call.path.endsWith("/hearing"))!;
    expect(hearing.headers.get("If-Match")).toBe('"v1"');
    expect(await screen.findByRole("button", { name: "Valitse lausunnon vastaanottaja" })).toBeInTheDocument();
    // Recorded, the step's form is closed and the statement's heading has focus.
    expect(screen.queryByRole("textbox", { name: /^Asiakkaan selvitys/ })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(document.activeElement?.id).toMatch(/^statement-/));
  });

  it("says so when someone changed the statement meanwhile, and saves nothing", async () => {
    service({ stale: true, existing: true });
    renderWithProviders(<StatementsSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Kuule asiakasta" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Asiakkaan selvitys/ }), "Sairas");
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa asiakkaan selvitys" }));
    expect(await screen.findByText(/Joku muutti lausuntoa.*nyt versio 2/)).toBeInTheDocument();
  });
});
