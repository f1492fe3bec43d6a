import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Route, Routes, useLocation, useNavigate } from "react-router";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { DefinitionRead, Figures, IndicatorCode } from "../api/types";
import { ACTIVATION_RATE, cell, definition, figures } from "./fixtures";
import { GroupPage } from "./group-page";

const LABOUR_MARKET: DefinitionRead[] = [
  definition("unemployed_share_of_labour_force", { unit: "percent", source: "Työnvälitystilasto ja työvoima" }),
  definition("unemployed_job_seekers"),
  definition("job_seekers"),
  ACTIVATION_RATE,
  definition("employment_rate", { groups: ["all"], unit: "percent" }),
  definition("without_post_basic_education", { unit: "percent" }),
];

function figuresOf(indicator: IndicatorCode): Figures {
  if (indicator === "activation_rate") {
    return figures(indicator, [
      cell({ value: 31.25, persons: 10, denominator: 32 }),
      cell({ month: "2025-02", count_date: "2025-02-28", value: null, persons: null, suppressed: true }),
    ]);
  }
  if (indicator === "unemployed_share_of_labour_force") {
    return figures(
      indicator,
      [
        cell({ value: 9.5, persons: 5700, denominator: 60000, vintage: "Tilastokeskus 2025" }),
        cell({ month: "2025-02", count_date: "2025-02-28", value: 10.1, persons: 6060, denominator: 60000 }),
      ],
      { unit: "percent", source: "Työnvälitystilasto ja työvoima" },
    );
  }
  return figures(indicator, [cell({})]);
}

function service(
  overrides: (call: Call, url: URL) => { status: number; body?: unknown } | undefined = () => undefined,
) {
  return fakeApi((call: Call) => {
    const url = new URL(call.path, "http://localhost");
    const answer = overrides(call, url);
    if (answer) return answer;
    if (call.method === "GET" && url.pathname === "/api/metrics/v1/indicators") {
      return { status: 200, body: LABOUR_MARKET };
    }
    if (call.method === "GET" && url.pathname === "/api/metrics/v1/figures") {
      return { status: 200, body: figuresOf(url.searchParams.get("indicator") as IndicatorCode) };
    }
    return undefined;
  });
}

function figureCalls(calls: Call[]) {
  return calls
    .map((call) => new URL(call.path, "http://localhost"))
    .filter((url) => url.pathname === "/api/metrics/v1/figures");
}

function Address() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="address">{location.pathname + location.search}</output>
      <button type="button" onClick={() => void navigate(-1)}>
        Takaisin
      </button>
    </>
  );
}

function renderPage(route: string) {
  return renderWithProviders(
    <>
      <Routes>
        <Route path="/metrics/:page" element={<GroupPage />} />
      </Routes>
      <Address />
    </>,
    { route },
  );
}

const ROUTE = "/metrics/labour-market?municipality=398&group=under_25&from=2025-01&to=2025-02";

describe("GroupPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("asks for the page's indicators with the filters the address holds, and names those not for the group", async () => {
    const calls = service();
    renderPage(ROUTE);
    expect(await screen.findByRole("heading", { level: 1, name: "Työmarkkinat" })).toBeInTheDocument();
    await screen.findByRole("img", { name: /Aktivointiaste laskentapäivänä, Lahti, 2025-01–2025-02/ });
    const requested = figureCalls(calls);
    expect(requested.map((url) => url.searchParams.get("indicator")).sort()).toEqual(
      [
        "activation_rate",
        "job_seekers",
        "unemployed_job_seekers",
        "unemployed_share_of_labour_force",
        "without_post_basic_education",
      ].sort(),
    );
    for (const url of requested) {
      expect(url.searchParams.get("municipality")).toBe("398");
      expect(url.searchParams.get("group")).toBe("under_25");
      expect(url.searchParams.get("from")).toBe("2025-01");
      expect(url.searchParams.get("to")).toBe("2025-02");
      expect(url.searchParams.has("region")).toBe(false);
    }
    // The employment rate is computed for everyone only: said, not asked for.
    expect(screen.getByText("Ryhmälle Alle 25-vuotiaat ei lasketa: Työllisyysaste.")).toBeInTheDocument();
    expect(screen.getByLabelText("Kunta")).toHaveValue("398");
    expect(screen.getByLabelText("Ryhmä")).toHaveValue("under_25");
    expect(screen.getByRole("link", { name: "Työmarkkinat" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Aktivointi" })).toHaveAttribute(
      "href",
      "/metrics/activation?municipality=398&group=under_25&from=2025-01&to=2025-02",
    );
  });

  it("draws each figure with its trend in words and its definition beside it, and marks withheld months", async () => {
    service();
    renderPage(ROUTE);
    const share = await screen.findByRole("region", { name: "Työttömien osuus työvoimasta" });
    const chart = within(share).getByRole("img");
    expect(chart).toHaveAccessibleName(
      "Työttömien osuus työvoimasta, Lahti, 2025-01–2025-02. Nousua 0,6 prosenttiyksikköä kuukaudesta 2025-01 (9,5 % → 10,1 %).",
    );
    expect(within(share).getByText(/Nousua 0,6 prosenttiyksikköä/, { selector: "p" })).toBeInTheDocument();
    expect(within(share).getByRole("complementary", { name: /Määritelmä, versio 1/ })).toHaveTextContent(
      "Työnvälitystilasto ja työvoima",
    );
    const rate = screen.getByRole("region", { name: "Aktivointiaste laskentapäivänä" });
    expect(within(rate).getByRole("img")).toHaveAccessibleName(/Viimeisin luku on salattu/);
    expect(within(rate).getByText("Salattu kuukausi (alle 5 henkilöä)")).toBeInTheDocument();
    expect(within(rate).getByText(/koskee alle 5 henkilöä/)).toBeInTheDocument();
    const aside = within(rate).getByRole("complementary", { name: /Määritelmä, versio 1/ });
    expect(aside).toHaveTextContent("Aktivoivissa palveluissa olevat / (työttömät + aktivoivissa palveluissa olevat)");
    expect(aside).toHaveTextContent("Työllisyyskatsaus, aktivointiaste");
    expect(aside).toHaveTextContent("kuukauden viimeinen arkipäivä");
    expect(aside).toHaveTextContent("palkkatuettu työ");
  });

  it("switches to tables, keeps the choice in the address, and withholds small cells with the reason", async () => {
    service();
    renderPage(ROUTE);
    await screen.findByRole("img", { name: /Aktivointiaste/ });
    await userEvent.click(screen.getByRole("button", { name: "Taulukkona" }));
    expect(screen.getByRole("button", { name: "Taulukkona" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("address")).toHaveTextContent("view=table");
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    const table = screen.getByRole("table", { name: /Aktivointiaste laskentapäivänä kuukausittain/ });
    const section = screen.getByRole("region", { name: "Aktivointiaste laskentapäivänä" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((header) => header.textContent),
    ).toEqual(["Kuukausi", "Kunta", "Luku", "Henkilöitä", "Määritelmä"]);
    const [january, february] = within(table).getAllByRole("row").slice(1);
    expect(january).toHaveTextContent("Lahti");
    expect(january).toHaveTextContent("31,3 %");
    expect(january).toHaveTextContent("versio 1");
    expect(within(february).getAllByText("Salattu")).toHaveLength(2);
    expect(february).not.toHaveTextContent(/\d+ %/);
    const note = within(section).getByText(/koskee alle 5 henkilöä/);
    expect(within(february).getAllByText("Salattu")[0]).toHaveAttribute("aria-describedby", note.id);
  });

  it("names the employment areas as metrics-api names them, in the reader's language", async () => {
    // Helsinki (091) and Espoo (049) lie in Statistics Finland's sub-region 011 Helsinki; 999 is no municipality's.
    const byArea: Figures = {
      ...figures("job_seekers", [
        cell({ municipality: null, employment_area: "011", value: 10, persons: 10 }),
        cell({ municipality: null, employment_area: "unplaced", value: 5, persons: 5 }),
        cell({ municipality: null, employment_area: null, value: 15, persons: 15 }),
      ]),
      employment_areas: [{ code: "011", fi: "Helsinki", sv: "Helsingfors" }],
    };
    const calls = service((_call, url) =>
      url.pathname === "/api/metrics/v1/figures" && url.searchParams.get("indicator") === "job_seekers"
        ? { status: 200, body: byArea }
        : undefined,
    );
    renderPage("/metrics/labour-market?region=employment_area&from=2025-01&to=2025-01&view=table");
    const table = await screen.findByRole("table", { name: /Työnhakijat laskentapäivänä kuukausittain/ });
    expect(within(table).getAllByRole("columnheader")[1]).toHaveTextContent("Alue");
    const places = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell")[0]?.textContent);
    expect(places).toEqual(["Helsinki (seutukunta)", "Tuntemattomat kuntakoodit", "Koko työllisyysalue"]);
    expect(figureCalls(calls).every((url) => url.searchParams.get("region") === "employment_area")).toBe(true);

    await i18n.changeLanguage("sv");
    expect(await within(table).findByText("Helsingfors (ekonomisk region)")).toBeInTheDocument();
    expect(within(table).getByText("Okända kommunkoder")).toBeInTheDocument();
  });

  it("draws the area the picked municipality lies in", async () => {
    const byArea: Figures = {
      ...figures("job_seekers", [cell({ municipality: null, employment_area: "011", value: 10, persons: 10 })]),
      employment_areas: [{ code: "011", fi: "Helsinki", sv: "Helsingfors" }],
    };
    const calls = service((_call, url) =>
      url.pathname === "/api/metrics/v1/figures" && url.searchParams.get("indicator") === "job_seekers"
        ? { status: 200, body: byArea }
        : undefined,
    );
    renderPage("/metrics/labour-market?municipality=091&region=employment_area&from=2025-01&to=2025-01");
    expect(
      await screen.findByRole("img", {
        name: /^Työnhakijat laskentapäivänä, Helsinki \(seutukunta\), 2025-01–2025-01/,
      }),
    ).toBeInTheDocument();
    expect(figureCalls(calls).every((url) => url.searchParams.get("municipality") === "091")).toBe(true);
  });

  it("keeps a changed filter in the address, asks again, and the back button returns to the figures before", async () => {
    const calls = service();
    renderPage(ROUTE);
    await screen.findByRole("img", { name: /Aktivointiaste/ });
    await userEvent.selectOptions(screen.getByLabelText("Ryhmä"), "all");
    expect(screen.getByTestId("address")).not.toHaveTextContent("group=");
    await waitFor(() =>
      expect(figureCalls(calls).filter((url) => url.searchParams.get("group") === "all")).toHaveLength(6),
    );
    await userEvent.selectOptions(screen.getByLabelText("Alueittain"), "employment_area");
    expect(screen.getByTestId("address")).toHaveTextContent("region=employment_area");
    await waitFor(() =>
      expect(figureCalls(calls).filter((url) => url.searchParams.get("region") === "employment_area")).toHaveLength(6),
    );
    await userEvent.click(screen.getByRole("button", { name: "Takaisin" }));
    expect(screen.getByTestId("address")).not.toHaveTextContent("region=");
    await userEvent.click(screen.getByRole("button", { name: "Takaisin" }));
    expect(screen.getByTestId("address")).toHaveTextContent("group=under_25");
    expect(screen.getByLabelText("Ryhmä")).toHaveValue("under_25");
  });

  it("downloads what is shown as CSV and XLSX with the same filters", async () => {
    const exports: URL[] = [];
    service((_call, url) => {
      if (url.pathname !== "/api/metrics/v1/figures/export") return undefined;
      exports.push(url);
      return { status: 200, body: "indicator;month" };
    });
    const created = vi.fn(() => "blob:figures");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    renderPage(ROUTE);
    await screen.findByRole("img", { name: /Aktivointiaste/ });
    const group = screen.getByRole("group", { name: "Vie näkyvät luvut tiedostoon" });
    await userEvent.click(within(group).getByRole("button", { name: "Lataa CSV" }));
    expect(await screen.findByText(/Tiedosto ladattu/)).toBeInTheDocument();
    await userEvent.click(within(group).getByRole("button", { name: "Lataa Excel (XLSX)" }));
    await waitFor(() => expect(exports).toHaveLength(2));
    expect(exports.map((url) => url.searchParams.get("format"))).toEqual(["csv", "xlsx"]);
    for (const url of exports) {
      expect(url.searchParams.getAll("indicator").sort()).toEqual(
        [
          "activation_rate",
          "job_seekers",
          "unemployed_job_seekers",
          "unemployed_share_of_labour_force",
          "without_post_basic_education",
        ].sort(),
      );
      expect(url.searchParams.get("municipality")).toBe("398");
      expect(url.searchParams.get("group")).toBe("under_25");
      expect(url.searchParams.get("from")).toBe("2025-01");
    }
    await waitFor(() => expect(click).toHaveBeenCalledTimes(2));
  });

  it("says when an export is refused", async () => {
    service((_call, url) =>
      url.pathname === "/api/metrics/v1/figures/export"
        ? { status: 403, body: { type: "about:blank", title: "Forbidden", status: 403 } }
        : undefined,
    );
    renderPage(ROUTE);
    await screen.findByRole("img", { name: /Aktivointiaste/ });
    await userEvent.click(screen.getByRole("button", { name: "Lataa CSV" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Tiedoston lataus epäonnistui");
    expect(alert).toHaveTextContent("Roolisi ei anna oikeutta näihin tietoihin.");
  });

  it("names a period that ends before it starts and asks for nothing", async () => {
    const calls = service();
    renderPage("/metrics/labour-market?from=2025-06&to=2025-01");
    expect(await screen.findByRole("alert")).toHaveTextContent("Alkukuukauden on oltava");
    expect(screen.getByLabelText("Alkaen (kuukausi)")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("button", { name: "Lataa CSV" })).toBeDisabled();
    expect(figureCalls(calls)).toHaveLength(0);
  });

  it("says which indicator could not be read and still shows the others", async () => {
    service((_call, url) =>
      url.pathname === "/api/metrics/v1/figures" && url.searchParams.get("indicator") === "activation_rate"
        ? { status: 403, body: { type: "about:blank", title: "Forbidden", status: 403 } }
        : undefined,
    );
    renderPage(ROUTE);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Mittarin Aktivointiaste laskentapäivänä haku epäonnistui",
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Roolisi ei anna oikeutta näihin tietoihin.");
    expect(await screen.findByRole("region", { name: "Työttömät työnhakijat" })).toBeInTheDocument();
  });

  it("brings the indicator a link names into view once its figures are there", async () => {
    service();
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    renderPage(`${ROUTE}#activation_rate`);
    await screen.findByRole("img", { name: /Aktivointiaste/ });
    await waitFor(() => expect(scrolled).toHaveBeenCalled());
    expect(scrolled.mock.contexts[0]).toBe(screen.getByRole("region", { name: "Aktivointiaste laskentapäivänä" }));
  });

  it("names the coach, not their identifier, in the figures by coach", async () => {
    service((_call, url) => {
      if (url.pathname === "/api/metrics/v1/indicators") {
        return { status: 200, body: [definition("caseload_per_coach", { groups: ["all"] })] };
      }
      if (url.pathname === "/api/metrics/v1/figures") {
        return {
          status: 200,
          body: figures("caseload_per_coach", [
            cell({ municipality: null, group: "all", breakdown: "coach-a", value: 12, persons: 12 }),
            cell({ municipality: null, group: "all", breakdown: null, value: 12, persons: 12 }),
          ]),
        };
      }
      if (url.pathname === "/api/clients/v1/caseloads") {
        return { status: 200, body: { coaches: [{ coach_subject: "coach-a", display_name: "Liisa Valmentaja" }] } };
      }
      return undefined;
    });
    renderPage("/metrics/case-work?from=2025-01&to=2025-01&view=table");
    const table = await screen.findByRole("table", { name: /Asiakkaita valmentajaa kohden kuukausittain/ });
    expect(await within(table).findByRole("cell", { name: "Liisa Valmentaja" })).toBeInTheDocument();
    expect(within(table).getByRole("cell", { name: "Yhteensä" })).toBeInTheDocument();
    expect(table).not.toHaveTextContent("coach-a");
  });

  it("tells of a page that does not exist", async () => {
    service();
    renderPage("/metrics/weather");
    expect(await screen.findByText(/Tällaista mittarisivua ei ole/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Raha" })).toHaveAttribute("href", "/metrics/money");
  });

  it("speaks Swedish", async () => {
    service();
    await i18n.changeLanguage("sv");
    renderPage(`${ROUTE}&view=table`);
    const table = await screen.findByRole("table", { name: /Aktiveringsgrad på räknedagen per månad/ });
    expect(table).toHaveTextContent("Lahtis");
    expect(within(table).getAllByText("Skyddad")).toHaveLength(2);
    expect(screen.getByRole("heading", { level: 1, name: "Arbetsmarknaden" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ladda ner CSV" })).toBeInTheDocument();
  });
});
