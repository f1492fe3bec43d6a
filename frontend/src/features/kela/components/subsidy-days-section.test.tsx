import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import en from "../../../locales/en.json";
import fi from "../../../locales/fi.json";
import sv from "../../../locales/sv.json";
import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { COUNT_SOURCES, IMPORT_ERROR_CODES } from "../api/types";
import { SubsidyDaysSection } from "./subsidy-days-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const URL = `/api/clients/v1/clients/${CLIENT}/subsidy-days`;

const count = (changes: Record<string, unknown> = {}) => ({
  client_id: CLIENT,
  days: 287,
  counted_on: "2026-11-30",
  source: "kela_import",
  import_id: "11111111-0000-4000-8000-000000000001",
  recorded_by: "manager-maija",
  version: 3,
  updated_at: "2026-12-01T06:00:00Z",
  threshold_days: 300,
  threshold_reached_on: "2026-12-17",
  ...changes,
});

function service({ recorded = true, stale = false } = {}) {
  let current = recorded ? count() : null;
  return fakeApi((call: Call) => {
    if (call.path !== URL) return undefined;
    if (call.method === "GET")
      return current
        ? { status: 200, body: current, headers: { ETag: `"v${current.version}"` } }
        : {
            status: 404,
            body: { type: "https://polku.fi/problems/subsidy-days-not-recorded", title: "None", status: 404 },
          };
    if (stale) return { status: 412, body: { type: "about:blank", title: "Changed", status: 412 } };
    const body = call.body as { days: number; counted_on: string };
    current = count({ ...body, source: "coach", recorded_by: "coach-aino", version: (current?.version ?? 0) + 1 });
    current.threshold_reached_on = body.days >= 300 ? body.counted_on : "2027-01-04";
    return { status: 200, body: current, headers: { ETag: `"v${current.version}"` } };
  });
}

describe("SubsidyDaysSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows Kela's count, where it came from and when it reaches 300 days", async () => {
    service();
    renderWithProviders(<SubsidyDaysSection clientId={CLIENT} me="coach-aino" />);
    expect(await screen.findByText("287 päivää (30.11.2026 tilanne)")).toBeInTheDocument();
    expect(screen.getByText("Kelan tiedosto, toinen käyttäjä")).toBeInTheDocument();
    expect(screen.getByText("täyttyy 17.12.2026, jos tukea maksetaan joka arkipäivä")).toBeInTheDocument();
    expect(screen.queryByText("300 päivää täynnä")).not.toBeInTheDocument();
  });

  it("replaces the count with the ETag it was read with, and warns once the threshold is reached", async () => {
    const calls = service();
    renderWithProviders(<SubsidyDaysSection clientId={CLIENT} me="coach-aino" />);
    await userEvent.click(await screen.findByRole("button", { name: "Päivitä päivien määrä" }));
    expect(screen.getByRole("heading", { name: "Päivitä päivien määrä" })).toHaveFocus();
    const days = screen.getByRole("textbox", { name: /^Maksetut työmarkkinatuen päivät/ });
    await userEvent.clear(days);
    await userEvent.type(days, "10001");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    await vi.waitFor(() => expect(days).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getAllByText("Anna kokonaisluku väliltä 0–10 000.")).not.toHaveLength(0);
    expect(calls.some((call) => call.method === "PUT")).toBe(false);

    await userEvent.clear(days);
    await userEvent.type(days, "301");
    const countedOn = screen.getByLabelText(/^Minkä päivän tilanne/);
    await userEvent.clear(countedOn);
    await userEvent.type(countedOn, "2.12.2026");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Tallennettu: 301 päivää (2.12.2026 tilanne).");
    const put = calls.find((call) => call.method === "PUT")!;
    expect(put.headers.get("If-Match")).toBe('"v3"');
    expect(put.body).toEqual({ days: 301, counted_on: "2026-12-02" });
    expect(screen.getByText("300 päivää täynnä")).toBeInTheDocument();
    expect(screen.getByText("valmentajan kirjaama, sinä")).toBeInTheDocument();
    await vi.waitFor(() => expect(document.getElementById("subsidy-days-count")).toHaveFocus());
  });

  it("records a first count without If-Match, and says when the count changed meanwhile", async () => {
    const calls = service({ recorded: false });
    renderWithProviders(<SubsidyDaysSection clientId={CLIENT} />);
    expect(await screen.findByText("Päivien määrää ei ole kirjattu.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa päivien määrä" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Maksetut/ }), "12");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByRole("status")).toHaveTextContent(/^Tallennettu: 12 päivää/);
    expect(calls.find((call) => call.method === "PUT")?.headers.get("If-Match")).toBeNull();
  });

  it("says so when the count changed meanwhile", async () => {
    service({ stale: true });
    renderWithProviders(<SubsidyDaysSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Päivitä päivien määrä" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByText(/Määrä muuttui välillä/)).toBeInTheDocument();
  });

  it("names every source and every import error of the API in Finnish, Swedish and English", () => {
    for (const resource of [fi, sv, en]) {
      const kela = (
        resource as {
          kela: { days: { sourceName: Record<string, string> }; import: { code: Record<string, string> } };
        }
      ).kela;
      expect(COUNT_SOURCES.filter((source) => typeof kela.days.sourceName[source] !== "string")).toEqual([]);
      expect(IMPORT_ERROR_CODES.filter((code) => typeof kela.import.code[code] !== "string")).toEqual([]);
    }
  });
});
