import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { User } from "oidc-client-ts";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { referral } from "../../../testing/referrals";
import { renderWithProviders } from "../../../testing/render";
import type { ReferralRead } from "../api/types";
import { ReferralPage } from "./referral-page";

const ID = "a0000000-0000-4000-8000-000000000002";
const SERVICE = {
  id: "s",
  organisation_name: "Päijät-Hämeen hyvinvointialue",
  name_fi: "Työ- ja toimintakyvyn arviointi",
  name_sv: "Bedömning av arbets- och funktionsförmåga",
  name_en: "Work ability assessment",
};
let roles = ["partner"];
const DOCUMENT = {
  id: "d1",
  referral_id: ID,
  filename: "arvio.txt",
  media_type: "text/plain",
  size_bytes: 2048,
  sha256: "x",
  uploaded_by: "partner",
  uploader_organisation_id: null,
  created_at: "2026-11-24T10:00:00Z",
};
let documents: unknown[] = [];

vi.mock("../../../lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../../lib/auth")>()),
  useAuth: () => ({
    user: new User({ access_token: "t", token_type: "Bearer", profile: { sub: "me", roles } as never }),
    ready: true,
    login: vi.fn(),
    logout: vi.fn(),
    completeLogin: vi.fn(),
  }),
}));

function serve(
  current: ReferralRead,
  clientData: { status: number; body: unknown },
  send?: { status: number; body: unknown },
) {
  return fakeApi((call: Call) => {
    const path = call.path.replace(`/api/referrals/v1/referrals/${ID}`, "");
    if (path === "") return { status: 200, body: current };
    if (path === "/history") {
      return {
        status: 200,
        body: [
          {
            from_status: null,
            to_status: "draft",
            actor_subject: "coach",
            actor_organisation_id: "lahti",
            reason: null,
            outcome: null,
            note: null,
            occurred_at: "2026-11-20T08:00:00Z",
          },
          {
            from_status: "draft",
            to_status: "requested",
            actor_subject: "coach",
            actor_organisation_id: "lahti",
            actor_name: "Aino Valmentaja",
            actor_organisation_name: "Lahden seudun työllisyysalue",
            reason: null,
            outcome: null,
            note: null,
            occurred_at: "2026-11-20T08:01:00Z",
          },
        ],
      };
    }
    if (path.startsWith("/documents?filename=") && call.method === "POST") {
      const filename = decodeURIComponent(path.split("=")[1]);
      const attached = { ...DOCUMENT, id: `d${documents.length + 1}`, filename, size_bytes: String(call.body).length };
      documents = [...documents, attached];
      return { status: 201, body: attached };
    }
    if (path === "/documents") return { status: 200, body: documents };
    if (path === "/messages") return { status: 200, body: { items: [], unread: 0 } };
    if (path === "/documents/d1") return { status: 200, body: "arvio" };
    if (path === "/client-data") return clientData;
    if (path === "/send" && send) return send;
    if (call.path === "/api/referrals/v1/services/s") return { status: 200, body: SERVICE };
    return undefined;
  });
}

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/referrals/:referralId" element={<ReferralPage me="me" />} />
    </Routes>,
    { route: `/referrals/${ID}` },
  );
}

describe("ReferralPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
    roles = ["partner"];
    documents = [];
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the partner the referral, its history, the client data it carries and the moves open now", async () => {
    serve(
      referral({
        id: ID,
        service_id: "s",
        categories: ["identity"],
        sender_name: "Aino Valmentaja",
        sender_organisation_name: "Lahden seudun työllisyysalue",
        sender_email: "aino.valmentaja@lahti.example",
      }),
      {
        status: 200,
        body: {
          referral_id: ID,
          client_id: "c",
          partner_organisation_id: "p",
          consent_id: "k",
          categories: ["identity"],
          identity: {
            first_names: "Reija",
            last_name: "Testinen",
            personal_identity_code: "010190-123A",
            birth_date: "1990-01-01",
          },
        },
      },
    );
    renderPage();
    expect(
      await screen.findByRole("heading", { level: 1, name: "Lähete: Työ- ja toimintakyvyn arviointi" }),
    ).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "Asiakkaan tiedot" })).toHaveTextContent("Reija Testinen");
    const history = await screen.findByRole("list", { name: "Historia" });
    // A row made before acts were named says which side acted; a named one names the person and organisation.
    expect(within(history).getAllByRole("listitem")[0]).toHaveTextContent("lähettäjä");
    expect(within(history).getAllByRole("listitem")[1]).toHaveTextContent("Luonnos → Lähetetty");
    expect(within(history).getAllByRole("listitem")[1]).toHaveTextContent(
      "Aino Valmentaja, Lahden seudun työllisyysalue",
    );
    // The partner sees who sent it and how to reach them.
    expect(screen.getByText("Lähettäjä").nextElementSibling).toHaveTextContent(
      "Aino Valmentaja, Lahden seudun työllisyysalue (aino.valmentaja@lahti.example)",
    );
    expect(screen.getByRole("link", { name: "aino.valmentaja@lahti.example" })).toHaveAttribute(
      "href",
      "mailto:aino.valmentaja@lahti.example",
    );
    const actions = screen.getByRole("region", { name: "Toimenpiteet" });
    expect(within(actions).getAllByRole("radio")).toHaveLength(3);
  });

  it("says the consent was withdrawn when the service refuses the client data with 409", async () => {
    serve(referral({ id: ID, service_id: "s", status: "accepted" }), {
      status: 409,
      body: {
        type: "https://polku.fi/problems/consent-no-longer-holds",
        title: "x",
        status: 409,
        missing_categories: ["identity"],
      },
    });
    renderPage();
    const region = await screen.findByRole("region", { name: "Asiakkaan tiedot" });
    expect(await within(region).findByRole("alert")).toHaveTextContent(
      "Suostumus on peruttu: asiakkaan tietoja ei enää näytetä.",
    );
    expect(screen.getByRole("heading", { name: "Edistymisraportti" })).toBeInTheDocument();
  });

  it("tells a reader outside the special-category circle that the health and social notes are withheld", async () => {
    roles = ["manager"];
    serve(referral({ id: ID, service_id: "s", categories: ["assessment", "health_and_social"] }), {
      status: 200,
      body: {
        referral_id: ID,
        client_id: "c",
        partner_organisation_id: "p",
        consent_id: "k",
        categories: ["assessment", "health_and_social"],
        assessment: { occupations: ["8332"] },
        health_and_social: null,
        withheld_categories: ["health_and_social"],
      },
    });
    renderPage();
    const region = await screen.findByRole("region", { name: "Asiakkaan tiedot" });
    expect(await within(region).findByRole("note")).toHaveTextContent(
      "Terveys- ja sosiaalitietoja ei näytetä: niitä lukevat vain asiakkaan oma työntekijä ja hänen tiiminsä.",
    );
    const notes = within(region).getByText("Terveys- ja sosiaalitiedot");
    expect(notes.nextElementSibling).toHaveTextContent("Ei näytetä sinulle");
    expect(within(region).queryByText("Ei kirjattuja tietoja")).not.toBeInTheDocument();
  });

  it("says nothing is withheld when the reader gets the notes", async () => {
    roles = ["coach"];
    serve(referral({ id: ID, service_id: "s", categories: ["health_and_social"] }), {
      status: 200,
      body: { categories: ["health_and_social"], health_and_social: { health: "x" }, withheld_categories: [] },
    });
    renderPage();
    const region = await screen.findByRole("region", { name: "Asiakkaan tiedot" });
    expect(await within(region).findByText("Sisältyy lähetteeseen")).toBeInTheDocument();
    expect(within(region).queryByRole("note")).not.toBeInTheDocument();
  });

  it("lets the sender send a kept draft, and names the consent still missing", async () => {
    roles = ["coach"];
    const calls = serve(
      referral({ id: ID, service_id: "s", status: "draft", sent_at: null, due_on: null }, "sender"),
      { status: 409, body: { type: "https://polku.fi/problems/referral-not-sent", title: "x", status: 409 } },
      {
        status: 409,
        body: {
          type: "https://polku.fi/problems/consent-missing",
          title: "x",
          status: 409,
          missing_categories: ["plan", "identity"],
        },
      },
    );
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Lähetä lähete" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Suostumus ei kata näitä tietoja: Henkilötiedot, Suunnitelma.");
    expect(within(alert).getByRole("link", { name: "Siirry suostumuksiin" })).toHaveAttribute(
      "href",
      "/clients/c#consents",
    );
    expect(screen.queryByRole("region", { name: "Asiakkaan tiedot" })).not.toBeInTheDocument();
    expect(calls.some((call) => call.path.endsWith("/client-data"))).toBe(false);
    expect(within(screen.getByRole("region", { name: "Toimenpiteet" })).getAllByRole("radio")).toHaveLength(1);
  });

  it("downloads a document with the user's token, under its own name", async () => {
    documents = [
      {
        id: "d1",
        referral_id: ID,
        filename: "arvio.txt",
        media_type: "text/plain",
        size_bytes: 2048,
        sha256: "x",
        uploaded_by: "partner",
        uploader_organisation_id: null,
        created_at: "2026-11-24T10:00:00Z",
      },
    ];
    const calls = serve(referral({ id: ID, service_id: "s", status: "accepted" }), {
      status: 200,
      body: { categories: [] },
    });
    const createObjectURL = vi.fn(() => "blob:x");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    renderPage();
    const region = await screen.findByRole("region", { name: "Liitteet" });
    expect(await within(region).findByText(/arvio\.txt \(2 kt, 24\.11\.2026\)/)).toBeInTheDocument();
    await userEvent.click(within(region).getByRole("button", { name: "Lataa arvio.txt" }));
    await vi.waitFor(() => expect(click).toHaveBeenCalled());
    expect(createObjectURL).toHaveBeenCalled();
    expect(calls.some((call) => call.path === `/api/referrals/v1/referrals/${ID}/documents/d1`)).toBe(true);
    click.mockRestore();
  });

  it("says plainly that the user has no permission when the service refuses a document outside the circle", async () => {
    roles = ["manager"];
    documents = [DOCUMENT];
    fakeApi((call: Call) => {
      const path = call.path.replace(`/api/referrals/v1/referrals/${ID}`, "");
      if (path === "") return { status: 200, body: referral({ id: ID, service_id: "s", status: "accepted" }) };
      if (path === "/history") return { status: 200, body: [] };
      if (path === "/documents") return { status: 200, body: documents };
      if (path === "/documents/d1") {
        return {
          status: 403,
          body: {
            type: "https://polku.fi/problems/outside-special-category-circle",
            title: "Only the client's coach and their team read this",
            status: 403,
          },
        };
      }
      if (path === "/client-data") return { status: 200, body: { categories: [] } };
      if (call.path === "/api/referrals/v1/services/s") return { status: 200, body: SERVICE };
      return undefined;
    });
    await i18n.changeLanguage("en");
    renderPage();
    const region = await screen.findByRole("region", { name: "Documents" });
    await userEvent.click(await within(region).findByRole("button", { name: "Download arvio.txt" }));
    expect(await within(region).findByRole("alert")).toHaveTextContent(
      "You have no permission to open arvio.txt: of the sender's staff, only the client's own coach and their team read documents.",
    );
  });

  it("lets the partner attach a document; the list shows it and the attaching is announced", async () => {
    serve(referral({ id: ID, service_id: "s", status: "accepted" }), { status: 200, body: { categories: [] } });
    renderPage();
    const region = await screen.findByRole("region", { name: "Liitteet" });
    expect(await within(region).findByText("Ei liitteitä.")).toBeInTheDocument();
    await userEvent.upload(
      within(region).getByLabelText(/^Liitetiedosto/),
      new File(["Arviointi alkaa"], "kurssi.txt", { type: "text/plain" }),
    );
    await userEvent.click(within(region).getByRole("button", { name: "Lisää liite" }));
    expect(await within(region).findByRole("status")).toHaveTextContent("Liite kurssi.txt on lisätty.");
    expect(await within(region).findByRole("button", { name: "Lataa kurssi.txt" })).toBeInTheDocument();
    expect(within(region).queryByText("Ei liitteitä.")).not.toBeInTheDocument();
  });

  it("offers the sender the same attaching, and the client's feedback once the referral is completed", async () => {
    roles = ["coach"];
    serve(referral({ id: ID, service_id: "s", status: "completed", outcome: "started_work" }, "sender"), {
      status: 200,
      body: { categories: [] },
    });
    renderPage();
    expect(await screen.findByRole("region", { name: "Asiakaspalaute" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Tallenna palaute" })).toBeInTheDocument();
    expect(
      within(screen.getByRole("region", { name: "Liitteet" })).getByLabelText(/^Liitetiedosto/),
    ).toBeInTheDocument();
  });
});
