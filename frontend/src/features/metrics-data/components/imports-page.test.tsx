import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { ImportRead } from "../api/types";
import { ImportsPage } from "./imports-page";

/**
 * XMLHttpRequest as the upload uses it, sending through ``fetch`` (faked by ``fakeApi``) and reporting the body
 * sent in two steps, as a browser does.
 */
class FakeXhr {
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = "";
  private method = "GET";
  private url = "";
  private headers = new Headers();
  private answer = new Headers();
  static progress: number[] = [];

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.set(name, value);
  }
  getAllResponseHeaders() {
    return [...this.answer.entries()].map(([name, value]) => `${name}: ${value}`).join("\r\n");
  }
  send(body: ArrayBuffer) {
    const total = body.byteLength;
    for (const loaded of [Math.floor(total / 2), total]) {
      FakeXhr.progress.push(loaded / total);
      this.upload.onprogress?.({ lengthComputable: true, loaded, total });
    }
    void globalThis
      .fetch(new Request(this.url, { method: this.method, headers: this.headers, body }))
      .then(async (response) => {
        this.status = response.status;
        this.answer = response.headers;
        this.responseText = await response.text();
        this.onload?.();
      });
  }
}

const BAD = "Alue;Kuukausi;Työvoima;Väestö\nKU398 Lahti;2025M06;60000;120000\nKU398 Lahti;2025M07;kuusi;120000\n";
const GOOD = "Alue;Kuukausi;Työvoima;Väestö\nKU398 Lahti;2025M06;60000;120000\nKU398 Lahti;2025M07;61000;120000\n";
const VINTAGE = "Tilastokeskus, työssäkäyntitilasto 2024 (24.10.2025)";

function batch(overrides: Partial<ImportRead> = {}): ImportRead {
  return {
    id: "b1",
    kind: "labour_force",
    vintage: VINTAGE,
    file_format: "csv",
    rows: 2,
    imported_by: "manager-1",
    imported_by_name: "Maija Mäkelä",
    imported_at: "2026-12-03T10:15:00Z",
    ...overrides,
  };
}

function invalid(report: { row: number; column: string; message: string }[]) {
  return {
    status: 422,
    body: {
      type: "https://polku.fi/problems/import-invalid",
      title: "The file has errors; nothing was imported",
      status: 422,
      detail: `${report.length} errors in the file`,
      errors: report.map((line) => ({
        field: `body.row[${line.row}].${line.column}`,
        message: line.message,
        code: "invalid",
      })),
      report,
    },
  };
}

function fileInput() {
  return screen.getByLabelText(/^Tiedosto \(CSV tai XLSX\)/);
}

describe("ImportsPage", () => {
  beforeEach(() => {
    FakeXhr.progress = [];
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("documents the expected columns and offers a template of the kind chosen", async () => {
    fakeApi((call) => (call.method === "GET" ? { status: 200, body: [] } : undefined));
    renderWithProviders(<ImportsPage />, { route: "/imports?kind=budget-lines" });
    expect(screen.getByRole("radio", { name: "Talousarviorivit" })).toBeChecked();
    const columns = screen.getByRole("table", { name: "Tiedoston sarakkeet: Talousarviorivit" });
    expect(within(columns).getByRole("rowheader", { name: "Luokka" })).toBeInTheDocument();
    const template = screen.getByRole("link", { name: "Lataa mallitiedosto (CSV): Talousarviorivit" });
    expect(template).toHaveAttribute("download", "budget-lines-template.csv");
    expect(decodeURIComponent(template.getAttribute("href") ?? "")).toContain(
      "Kuukausi;Rivi;Laji;Luokka;Budjetti;Toteuma;Sidottu",
    );
    // The budget lines name no statistic's vintage; the statistics do.
    expect(screen.queryByLabelText(/Tilaston versio/)).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("radio", { name: "Työvoima ja väestö" }));
    expect(screen.getByLabelText(/Tilaston versio/)).toBeInTheDocument();
    expect(await screen.findByText("Tiedostoja ei ole vielä tuotu.")).toBeInTheDocument();
  });

  it("shows the report by row and column with its heading focused, then the import and who made it", async () => {
    const imported: ImportRead[] = [];
    const calls = fakeApi((call: Call) => {
      if (call.method === "GET") return { status: 200, body: imported };
      if (String(call.body).includes("kuusi")) {
        return invalid([{ row: 3, column: "Työvoima", message: "'kuusi' is not a whole number of 0 or more" }]);
      }
      imported.unshift(batch());
      return { status: 201, body: batch() };
    });
    // The reader is the importer: the page still names them, as everyone else sees them.
    renderWithProviders(<ImportsPage me={{ subject: "manager-1", name: "Maija Mäkelä" }} />, { route: "/imports" });
    const u = userEvent.setup();
    await u.type(screen.getByLabelText(/Tilaston versio/), VINTAGE);
    await u.upload(fileInput(), new File([BAD], "tyovoima.csv", { type: "text/csv" }));
    await u.click(screen.getByRole("button", { name: "Tuo tiedosto" }));

    const heading = await screen.findByRole("heading", { name: "Tiedostossa on 1 virhe" });
    await waitFor(() => expect(heading).toHaveFocus());
    const report = screen.getByRole("table", { name: "Virheet tiedostossa tyovoima.csv: rivi, sarake ja virhe" });
    const line = within(report).getAllByRole("row")[1];
    expect(within(line).getByRole("rowheader")).toHaveTextContent("3");
    expect(line).toHaveTextContent("Työvoima");
    expect(line).toHaveTextContent("'kuusi' is not a whole number");
    const post = calls.find((call) => call.method === "POST")!;
    expect(post.path).toBe(`/api/metrics/v1/imports/labour-force?vintage=${encodeURIComponent(VINTAGE)}`);
    expect(post.headers.get("Content-Type")).toBe("text/csv");
    expect(post.headers.get("Authorization")).toBeNull(); // no token in tests: the client's middleware ran
    expect(FakeXhr.progress).toHaveLength(2);
    expect(FakeXhr.progress.at(-1)).toBe(1);

    await u.upload(fileInput(), new File([GOOD], "tyovoima.csv", { type: "text/csv" }));
    await u.click(screen.getByRole("button", { name: "Tuo tiedosto" }));
    const success = await screen.findByTestId("import-success");
    expect(success).toHaveTextContent("Tuotu 2 riviä: Työvoima ja väestö.");
    expect(success).toHaveTextContent("Toi Maija Mäkelä");
    expect(success).toHaveTextContent(VINTAGE);
    expect(screen.queryByRole("heading", { name: /virhe/ })).not.toBeInTheDocument();
    const list = await screen.findByRole("table", { name: "Aiemmat tuonnit, uusin ensin: kuka toi ja milloin" });
    await waitFor(() => expect(within(list).getAllByRole("row")).toHaveLength(2));
    expect(within(list).getAllByRole("row")[1]).toHaveTextContent("Maija Mäkelä");
  });

  it("asks for the vintage and a CSV or XLSX file before sending", async () => {
    const calls = fakeApi(() => ({ status: 200, body: [] }));
    renderWithProviders(<ImportsPage />, { route: "/imports" });
    // The chooser offers only .csv and .xlsx, but a file can still be dropped on it.
    const u = userEvent.setup({ applyAccept: false });
    await u.upload(fileInput(), new File(["x"], "tyovoima.pdf", { type: "application/pdf" }));
    await u.click(screen.getByRole("button", { name: "Tuo tiedosto" }));
    const vintage = screen.getByLabelText(/Tilaston versio/);
    expect(vintage).toHaveAttribute("aria-invalid", "true");
    expect(vintage).toHaveAccessibleDescription(expect.stringContaining("Anna tilaston versio ja julkaisupäivä."));
    expect(vintage).toHaveFocus();
    expect(fileInput()).toHaveAccessibleDescription(expect.stringContaining("Tiedoston on oltava CSV"));
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(0);
  });

  it.each([
    [
      {
        status: 422,
        body: {
          type: "https://polku.fi/problems/validation",
          title: "Validation failed",
          status: 422,
          errors: [{ field: "query.vintage", message: "required for this import", code: "missing" }],
        },
      },
      /Tilaston versio/,
      "Anna tilaston versio ja julkaisupäivä.",
    ],
    [
      {
        status: 415,
        body: { type: "https://polku.fi/problems/unsupported-file-type", title: "Unsupported file type", status: 415 },
      },
      /^Tiedosto \(CSV tai XLSX\)/,
      "Tiedoston on oltava CSV (.csv) tai XLSX (.xlsx).",
    ],
  ])("shows the service's field error next to its field (%#)", async (answer, label, message) => {
    fakeApi((call) => (call.method === "POST" ? answer : { status: 200, body: [] }));
    renderWithProviders(<ImportsPage />, { route: "/imports" });
    const u = userEvent.setup();
    await u.type(screen.getByLabelText(/Tilaston versio/), "x");
    await u.upload(fileInput(), new File([GOOD], "tyovoima.csv", { type: "text/csv" }));
    await u.click(screen.getByRole("button", { name: "Tuo tiedosto" }));
    const field = screen.getByLabelText(label);
    await waitFor(() => expect(field).toHaveAttribute("aria-invalid", "true"));
    expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(field).toHaveFocus();
  });
});
