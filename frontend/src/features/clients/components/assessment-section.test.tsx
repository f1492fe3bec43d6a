import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import type { AssessmentRead } from "../api/types";
import { AssessmentSection } from "./assessment-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const ME = "5e0f2a4c-1d2b-4a7e-8c3f-000000000001";

function version(number: number, occupations: string[], extra: Partial<AssessmentRead> = {}): AssessmentRead {
  return {
    client_id: CLIENT,
    version: number,
    assessed_on: "2026-11-20",
    education: [
      {
        level: "upper_secondary_vocational",
        field: "07",
        qualification: "Logistiikan perustutkinto",
        completed_year: 2015,
      },
    ],
    work_history: [
      {
        occupation: "8344",
        title: "Trukinkuljettaja",
        employer: "Varasto Oy",
        started_on: "2016-01-01",
        ended_on: "2025-12-31",
      },
    ],
    occupations,
    competences: [],
    languages: [{ language: "fi", level: "native" }],
    driving_licences: ["B"],
    service_needs: ["job_placement"],
    more_support_needed: false,
    supplementary_interviews: null,
    work_ability: "full",
    work_ability_description: null,
    integration_period: null,
    special_category: null,
    special_category_hidden: false,
    created_by: number === 1 ? ME : "someone-else",
    created_at: "2026-11-20T10:00:00Z",
    ...extra,
  };
}

const OCCUPATIONS = [
  {
    code: "8332",
    level: "unit",
    fi: "Kuorma-auton ja erikoisajoneuvojen kuljettajat",
    sv: "Lastbilsförare",
    en: "Heavy truck and lorry drivers",
  },
  {
    code: "8344",
    level: "unit",
    fi: "Ahtaajat ja trukinkuljettajat ym.",
    sv: "Stuveriarbetare och truckförare m.fl.",
    en: "Lifting truck operators",
  },
];

function occupations(call: Call) {
  const q = new URL(call.path, "http://localhost").searchParams.get("q")?.toLowerCase() ?? "";
  return OCCUPATIONS.filter((entry) => entry.code.startsWith(q) || entry.fi.toLowerCase().includes(q));
}

/** The assessment service: version 1 when the page opens; the first save meets version 2 saved by a colleague. */
function assessmentService() {
  let current = version(1, ["8344"]);
  let saves = 0;
  return fakeApi((call: Call) => {
    if (call.path.startsWith("/api/clients/v1/occupations")) return { status: 200, body: occupations(call) };
    if (call.path === `/api/clients/v1/clients/${CLIENT}/assessment` && call.method === "GET") {
      return { status: 200, body: current, headers: { ETag: `"assessment-v${current.version}"` } };
    }
    if (call.path === `/api/clients/v1/clients/${CLIENT}/assessment/versions`) return { status: 200, body: [current] };
    if (call.method === "PUT") {
      saves += 1;
      if (saves === 1) {
        current = version(2, ["8344", "9333"]);
        return {
          status: 412,
          body: {
            type: "https://polku.fi/problems/assessment-changed",
            title: "The assessment was changed by someone else",
            status: 412,
            current_version: 2,
          },
        };
      }
      current = { ...version(3, (call.body as AssessmentRead).occupations), created_by: ME };
      return { status: 200, body: current, headers: { ETag: '"assessment-v3"' } };
    }
    return undefined;
  });
}

describe("AssessmentSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows occupations by their labels, saves with If-Match, and recovers from a 412 on the newer version", async () => {
    const calls = assessmentService();
    renderWithProviders(<AssessmentSection clientId={CLIENT} me={ME} />);

    // The current version, and the same in the version history.
    expect(await screen.findAllByText("Ahtaajat ja trukinkuljettajat ym. (8344)")).toHaveLength(2);
    expect(screen.getAllByText("Ammatillinen perustutkinto, Logistiikan perustutkinto, 2015")).toHaveLength(2);
    await userEvent.click(screen.getByRole("button", { name: "Muokkaa arviota" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Hae ammattia/ }), "kuorma");
    await userEvent.click(
      await screen.findByRole("button", { name: "Lisää: Kuorma-auton ja erikoisajoneuvojen kuljettajat (8332)" }),
    );
    expect(
      within(screen.getByRole("list", { name: "Valitut ammatit" })).getByText(
        "Kuorma-auton ja erikoisajoneuvojen kuljettajat (8332)",
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Muutoksiasi ei tallennettu");
    expect(alert).toHaveTextContent("(versio 2)");
    const firstSave = calls.find((call) => call.method === "PUT")!;
    expect(firstSave.headers.get("If-Match")).toBe('"assessment-v1"');
    expect(firstSave.body).toMatchObject({
      occupations: ["8344", "8332"],
      work_history: [{ occupation: "8344", title: "Trukinkuljettaja" }],
      education: [{ level: "upper_secondary_vocational", field: "07", completed_year: 2015 }],
      driving_licences: ["B"],
    });
    // No notes were shown, so none are sent: the service keeps them as they are.
    expect(firstSave.body).not.toHaveProperty("special_category");
    // The coach's choice is still in the form until they decide.
    expect(screen.getByRole("list", { name: "Valitut ammatit" })).toHaveTextContent("8332");

    await userEvent.click(within(alert).getByRole("button", { name: "Avaa uudempi versio" }));
    expect(await screen.findByText("Versio 2 on nyt auki muokattavana.")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Valitut ammatit" })).toHaveTextContent("9333");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    expect(await screen.findByText("Arvion versio 3 on tallennettu.")).toBeInTheDocument();
    expect(calls.filter((call) => call.method === "PUT")[1].headers.get("If-Match")).toBe('"assessment-v2"');
  }, 60_000);

  it("treats a 428 on a first assessment as a conflict", async () => {
    const calls = fakeApi((call: Call) => {
      if (call.path.endsWith("/assessment") && call.method === "GET") {
        return {
          status: 404,
          body: { type: "https://polku.fi/problems/assessment-not-found", title: "No assessment", status: 404 },
        };
      }
      if (call.path.endsWith("/assessment/versions")) return { status: 200, body: [] };
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
    renderWithProviders(<AssessmentSection clientId={CLIENT} me={ME} />);
    expect(await screen.findByText("Asiakkaan palvelutarvetta ei ole vielä arvioitu.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Tee palvelutarpeen arvio" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Työkokeilu" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Joku toinen tallensi arvion");
    const save = calls.find((call) => call.method === "PUT")!;
    expect(save.headers.has("If-Match")).toBe(false);
    expect(save.body).toMatchObject({ service_needs: ["work_trial"], work_ability: "full", occupations: [] });
  });

  it("asks for a description of partial work ability before saving", async () => {
    const calls = assessmentService();
    renderWithProviders(<AssessmentSection clientId={CLIENT} me={ME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Muokkaa arviota" }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Työkyky/ }), "partial");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    const description = await screen.findByRole("textbox", { name: /^Työkyvyn kuvaus/ });
    await vi.waitFor(() => expect(description).toHaveAccessibleDescription(expect.stringContaining("Kuvaa työkyky")));
    expect(calls.some((call) => call.method === "PUT")).toBe(false);
  });

  it("adds a job to the work history with its occupation picked from the search", async () => {
    const calls = assessmentService();
    renderWithProviders(<AssessmentSection clientId={CLIENT} me={ME} />);
    await userEvent.click(await screen.findByRole("button", { name: "Muokkaa arviota" }));
    await userEvent.click(screen.getByRole("button", { name: "Lisää työ" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Tehtävänimike 2/ }), "Kuljettaja");
    await userEvent.type(screen.getByLabelText(/^Alkoi 2/), "2026-01-01");
    await userEvent.type(screen.getByLabelText(/^Päättyi 2/), "2025-12-31");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    expect(await screen.findByText("Päättymispäivä ei voi olla ennen alkamispäivää")).toBeInTheDocument();
    expect(screen.getByText("Valitse ammatti")).toBeInTheDocument();
    expect(calls.some((call) => call.method === "PUT")).toBe(false);

    await userEvent.clear(screen.getByLabelText(/^Päättyi 2/));
    await userEvent.type(screen.getByRole("textbox", { name: /^Hae työn 2 ammattia/ }), "8332");
    await userEvent.click(
      await screen.findByRole("button", { name: "Lisää: Kuorma-auton ja erikoisajoneuvojen kuljettajat (8332)" }),
    );
    // One occupation per job: the search gives way to the choice.
    expect(screen.queryByRole("textbox", { name: /^Hae työn 2 ammattia/ })).not.toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Työn 2 ammatti" })).toHaveTextContent(
      "Kuorma-auton ja erikoisajoneuvojen kuljettajat (8332)",
    );
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    await screen.findByRole("alert"); // the 412 of this fake service; the body is what matters here
    expect(calls.find((call) => call.method === "PUT")!.body).toMatchObject({
      work_history: [
        {
          occupation: "8344",
          title: "Trukinkuljettaja",
          employer: "Varasto Oy",
          started_on: "2016-01-01",
          ended_on: "2025-12-31",
        },
        { occupation: "8332", title: "Kuljettaja", employer: null, started_on: "2026-01-01", ended_on: null },
      ],
    });
  }, 60_000);

  it("says that health and social notes exist but are only for the client's coach and team", async () => {
    fakeApi((call: Call) => {
      if (call.path.startsWith("/api/clients/v1/occupations")) return { status: 200, body: occupations(call) };
      if (call.path.endsWith("/assessment")) {
        return {
          status: 200,
          body: version(1, [], { special_category_hidden: true, created_by: "someone-else" }),
          headers: { ETag: '"a"' },
        };
      }
      if (call.path.endsWith("/versions")) return { status: 200, body: [version(1, [])] };
      return undefined;
    });
    renderWithProviders(<AssessmentSection clientId={CLIENT} me={ME} />);
    expect(
      await screen.findByText(/näkyvät vain asiakkaan omalle valmentajalle ja hänen tiimilleen/),
    ).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Terveys- ja sosiaalitiedot" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Muokkaa arviota" }));
    expect(screen.queryByRole("textbox", { name: /^Terveys/ })).not.toBeInTheDocument();
  });

  it("shows and edits the notes when the service gives them", async () => {
    const notes = { health: "Selkävaiva", social: null, recorded_by: ME, recorded_at: "2026-11-20T10:00:00Z" };
    const calls = fakeApi((call: Call) => {
      if (call.path.startsWith("/api/clients/v1/occupations")) return { status: 200, body: occupations(call) };
      if (call.path.endsWith("/assessment") && call.method === "GET") {
        return { status: 200, body: version(1, [], { special_category: notes }), headers: { ETag: '"a1"' } };
      }
      if (call.path.endsWith("/versions")) return { status: 200, body: [version(1, [])] };
      if (call.method === "PUT") return { status: 200, body: version(2, []), headers: { ETag: '"a2"' } };
      return undefined;
    });
    renderWithProviders(<AssessmentSection clientId={CLIENT} me={ME} />);
    expect(await screen.findByText("Selkävaiva")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Muokkaa arviota" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Sosiaalinen tilanne/ }), "Asuu yksin");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    expect(await screen.findByText("Arvion versio 2 on tallennettu.")).toBeInTheDocument();
    expect(calls.find((call) => call.method === "PUT")!.body).toMatchObject({
      special_category: { health: "Selkävaiva", social: "Asuu yksin" },
    });
  });

  it("sends unchanged notes not at all, and says so when only the coach may change them", async () => {
    const notes = { health: "Selkävaiva", social: null, recorded_by: "the-coach", recorded_at: "2026-11-20T10:00:00Z" };
    const calls = fakeApi((call: Call) => {
      if (call.path.startsWith("/api/clients/v1/occupations")) return { status: 200, body: occupations(call) };
      if (call.path.endsWith("/assessment") && call.method === "GET") {
        return { status: 200, body: version(1, [], { special_category: notes }), headers: { ETag: '"a1"' } };
      }
      if (call.path.endsWith("/versions")) return { status: 200, body: [version(1, [])] };
      if (call.method === "PUT" && (call.body as { special_category?: unknown }).special_category) {
        return {
          status: 403,
          body: {
            type: "https://polku.fi/problems/special-category-forbidden",
            title: "Only the client's coach may write health and social notes",
            status: 403,
          },
        };
      }
      if (call.method === "PUT") return { status: 200, body: version(2, []), headers: { ETag: '"a2"' } };
      return undefined;
    });
    renderWithProviders(<AssessmentSection clientId={CLIENT} me={ME} />);
    expect(await screen.findByText(/^Kirjattu .* \(toinen käyttäjä\)\.$/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Muokkaa arviota" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Sosiaalinen tilanne/ }), "Asuu yksin");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Vain asiakkaan oma valmentaja voi muuttaa terveys- ja sosiaalitietoja.",
    );

    await userEvent.clear(screen.getByRole("textbox", { name: /^Sosiaalinen tilanne/ }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    expect(await screen.findByText("Arvion versio 2 on tallennettu.")).toBeInTheDocument();
    expect(calls.filter((call) => call.method === "PUT")[1].body).not.toHaveProperty("special_category");
  });
});
