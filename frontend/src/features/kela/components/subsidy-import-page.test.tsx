import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { PART_ROWS } from "./csv-parts";
import { SubsidyImportPage } from "./subsidy-import-page";

const UPLOADS = "/api/clients/v1/subsidy-day-uploads";
const ID = "22222222-0000-4000-8000-000000000001";
const HEADER = "personal_identity_code;subsidy_days;counted_on";

const upload = (changes: Record<string, unknown>) => ({
  id: ID,
  status: "uploading",
  rows_expected: 0,
  rows_total: 0,
  received_percent: 0,
  rows_imported: 0,
  errors_total: 0,
  errors: [],
  imported_by: "manager-maija",
  created_at: "2026-12-03T08:00:00Z",
  ...changes,
});

/** The service's parts as far as the page uses them: each part's rows counted, a row of ``x`` days refused. */
function service() {
  let state = upload({});
  return fakeApi((call: Call) => {
    if (call.path === UPLOADS) {
      state = upload({ rows_expected: (call.body as { rows_expected: number }).rows_expected });
      return { status: 201, body: state };
    }
    if (call.path.startsWith(`${UPLOADS}/${ID}/parts`)) {
      const first = Number(new URLSearchParams(call.path.split("?")[1]).get("first_row"));
      const lines = (call.body as string).trim().split("\n").slice(1);
      const errors = lines.flatMap((line, index) =>
        line.split(";")[1] === "x"
          ? [{ row: first + index, column: "subsidy_days", code: "not_a_number", message: "not a whole number" }]
          : [],
      );
      const total = state.rows_total + lines.length;
      state = upload({
        rows_expected: state.rows_expected,
        rows_total: total,
        received_percent: Math.floor((100 * total) / state.rows_expected),
        errors_total: state.errors_total + errors.length,
        errors: [...state.errors, ...errors],
      });
      return { status: 200, body: state };
    }
    if (call.path === `${UPLOADS}/${ID}/import`) {
      state = upload({ ...state, status: "imported", rows_imported: state.rows_total - 1 });
      return { status: 200, body: state };
    }
    return undefined;
  });
}

const file = (rows: string[]) => new File([[HEADER, ...rows].join("\n")], "kela-2026-11.csv", { type: "text/csv" });

describe("SubsidyImportPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends a large file in parts numbered as the file is, then imports it and says how many counts replaced", async () => {
    const calls = service();
    renderWithProviders(<SubsidyImportPage />);
    const rows = Array.from({ length: PART_ROWS + 1 }, () => "131052-308T;287;2026-11-30");
    await userEvent.upload(screen.getByLabelText(/^Kelan tiedosto/), file(rows));
    await userEvent.click(screen.getByRole("button", { name: "Tuo tiedosto" }));
    const done = await screen.findByText(/^Tuotu: 2[\s\u00a0]000 asiakkaan päivät 2[\s\u00a0]001 rivistä/);
    await vi.waitFor(() => expect(done).toHaveFocus());
    expect(calls.find((call) => call.path === UPLOADS)?.body).toEqual({ rows_expected: PART_ROWS + 1 });
    const parts = calls.filter((call) => call.path.includes("/parts"));
    expect(parts.map((call) => call.path.split("?")[1])).toEqual(["first_row=2", `first_row=${PART_ROWS + 2}`]);
    expect((parts[1].body as string).split("\n")[0]).toBe(HEADER);
    expect(calls.some((call) => call.path.endsWith("/import"))).toBe(true);
  });

  it("shows the progress and, when a row has an error, imports nothing and lists each error by row and column", async () => {
    const calls = service();
    renderWithProviders(<SubsidyImportPage />);
    await userEvent.upload(
      screen.getByLabelText(/^Kelan tiedosto/),
      file(["131052-308T;287;2026-11-30", "010101A123N;x;2026-11-30"]),
    );
    await userEvent.click(screen.getByRole("button", { name: "Tuo tiedosto" }));
    const heading = await screen.findByRole("heading", { name: "Tiedostossa on 1 virhe" });
    await vi.waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole("status")).toHaveTextContent("Vastaanotettu 2 / 2 riviä (100 %), virheitä 1.");
    expect(screen.getByRole("progressbar", { name: "Edistyminen" })).toHaveAttribute("value", "100");
    const report = screen.getByRole("table", { name: "Tiedoston kela-2026-11.csv virheet riveittäin" });
    const row = within(report).getAllByRole("row")[1];
    expect(row).toHaveTextContent("3subsidy_daysEi kokonaisluku");
    expect(calls.some((call) => call.path.endsWith("/import"))).toBe(false);
  });

  it("asks for a file, and refuses one that is not UTF-8 before sending anything", async () => {
    const calls = service();
    renderWithProviders(<SubsidyImportPage />);
    await userEvent.click(screen.getByRole("button", { name: "Tuo tiedosto" }));
    expect(await screen.findByText("Valitse tuotava tiedosto.")).toBeInTheDocument();
    const input = screen.getByLabelText(/^Kelan tiedosto/);
    expect(input).toHaveFocus();
    await userEvent.upload(input, new File([new Uint8Array([0x48, 0xe4, 0x6d])], "latin1.csv", { type: "text/csv" }));
    await userEvent.click(screen.getByRole("button", { name: "Tuo tiedosto" }));
    expect(await screen.findByText(/ei ole UTF-8-muodossa/)).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(calls).toEqual([]);
  });
});
