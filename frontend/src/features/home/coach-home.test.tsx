import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../lib/i18n";
import { type Call, fakeApi } from "../../testing/fetch";
import { renderWithProviders } from "../../testing/render";
import { todayInHelsinki } from "../../lib/format";
import { CoachHome } from "./coach-home";

const ME = "coach-aino";
const REQUESTS = [
  {
    id: "req-1",
    client_id: "id-Korhonen, Emma",
    client_name: "Korhonen, Emma",
    requester: "Kela",
    request_id: "LAUSUNTO-1",
    requested_on: "2026-11-23",
    due_on: "2026-11-23",
    due_rule: "hallintolaki 434/2003 23 § (without undue delay)",
    days_waiting: 2,
    status: "pending",
    statement_id: null,
    version: 1,
  },
  {
    id: "req-2",
    client_id: "id-Virtanen, Ville",
    client_name: "Virtanen, Ville",
    requester: "Työttömyyskassa Raha",
    request_id: "LAUSUNTO-2",
    requested_on: "2026-11-24",
    due_on: "2026-11-24",
    due_rule: "hallintolaki 434/2003 23 § (without undue delay)",
    days_waiting: 1,
    status: "drafted",
    statement_id: "s-9",
    version: 2,
  },
];
const item = (client: string, kind: string, status: "overdue" | "due", due_on: string) => ({
  client_id: `id-${client}`,
  client_name: client,
  kind,
  number: 1,
  due_on,
  status,
  rule_set: "reform-2026",
});

function serve(requests: typeof REQUESTS = []) {
  return fakeApi((call: Call) => {
    if (call.path.startsWith("/api/clients/v1/due-list")) {
      return {
        status: 200,
        body: {
          today: "2026-11-25",
          horizon_until: "2026-11-25",
          coach: ME,
          items: [
            item("Hämäläinen, Juha", "initial_interview", "overdue", "2026-11-10"),
            item("Hämäläinen, Juha", "employment_plan", "overdue", "2026-11-10"),
            item("Korhonen, Emma", "periodic_interview", "due", "2026-11-25"),
          ],
          statement_requests: requests,
        },
      };
    }
    if (call.path.startsWith("/api/clients/v1/meetings?")) {
      return {
        status: 200,
        body: {
          coach: ME,
          since: todayInHelsinki(),
          until: todayInHelsinki(),
          items: [
            {
              id: "m1",
              client_id: "id-Korhonen, Emma",
              client_name: "Korhonen, Emma",
              version: 1,
              state: "booked",
              deadline_kind: "periodic_interview",
              deadline_number: 1,
              deadline_due_on: "2026-11-25",
              starts_at: `${todayInHelsinki()}T07:30:00Z`,
              duration_minutes: 45,
              channel: "video",
              location: "https://meet.example/abc",
              coach_subject: ME,
              coach_name: "Aino Ohjaaja",
              booked_by: ME,
              booked_by_name: "Aino Ohjaaja",
              booked_at: "2026-11-20T08:00:00Z",
              updated_by: ME,
              updated_by_name: "Aino Ohjaaja",
              updated_at: "2026-11-20T08:00:00Z",
              interview_id: null,
              cancellation_reason: null,
            },
          ],
        },
      };
    }
    if (call.path === "/api/referrals/v1/referrals/unread-messages") {
      return { status: 200, body: [{ referral_id: "r2", unread: 3 }] };
    }
    if (call.path === "/api/referrals/v1/referrals/r2") {
      return { status: 200, body: { id: "r2", client_id: "id-Korhonen, Emma", service_id: "s2", status: "accepted" } };
    }
    if (call.path === "/api/referrals/v1/services/s2") {
      return { status: 200, body: { id: "s2", name_fi: "Työpajajakso", name_sv: "Verkstadsperiod", name_en: null } };
    }
    if (call.path.startsWith("/api/clients/v1/clients?")) {
      return {
        status: 200,
        body: { items: [{ id: "id-Korhonen, Emma", first_names: "Emma", last_name: "Korhonen" }], next_cursor: null },
      };
    }
    if (call.path.startsWith("/api/referrals/v1/referrals?")) {
      return {
        status: 200,
        body: {
          items: [
            {
              id: "r1",
              client_id: "id-Korhonen, Emma",
              service_id: "s1",
              partner_organisation_id: "p1",
              sender_organisation_id: "o1",
              sender_subject: ME,
              joint_referral_id: null,
              status: "rejected",
              categories: [],
              reason: "Arvio",
              consent_id: null,
              sent_at: "2026-11-20T08:00:00Z",
              due_on: "2026-11-27",
              first_response_at: "2026-11-24T08:00:00Z",
              accepted_at: null,
              closed_at: "2026-11-24T08:00:00Z",
              rejection_reason: "Ryhmä on täynnä",
              outcome: null,
              feedback_score: null,
              feedback_text: null,
              created_at: "2026-11-20T08:00:00Z",
              updated_at: "2026-11-24T08:00:00Z",
              version: 1,
              allowed_transitions: [],
            },
          ],
          next_cursor: null,
        },
      };
    }
    return undefined;
  });
}

describe("CoachHome", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("puts everything due for a client on one row, overdue included", async () => {
    serve();
    renderWithProviders(<CoachHome me={ME} />);
    const table = await screen.findByRole("table", { name: /Asiakkaat, joilla on tänään/ });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    const juha = within(rows[0]);
    expect(juha.getByRole("link", { name: "Hämäläinen, Juha" })).toHaveAttribute(
      "href",
      "/clients/id-Hämäläinen, Juha?tab=schedule",
    );
    expect(juha.getByText("Alkuhaastattelu", { exact: false })).toBeInTheDocument();
    expect(juha.getByText("Työllistymissuunnitelma", { exact: false })).toBeInTheDocument();
    expect(juha.getAllByText("myöhässä 10.11.2026 alkaen")).toHaveLength(2);
    expect(within(rows[1]).getByText("tänään")).toBeInTheDocument();
  });

  it("puts a statement request waiting for an answer on its client's row, and a client with only a request too", async () => {
    serve(REQUESTS);
    renderWithProviders(<CoachHome me={ME} />);
    const table = await screen.findByRole("table", { name: /Asiakkaat, joilla on tänään/ });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    const emma = within(rows[1]);
    const link = emma.getByRole("link", { name: "Lausuntopyyntö (Kela), pyydetty 23.11.2026" });
    expect(link).toHaveAttribute("href", "/clients/id-Korhonen, Emma?tab=statements&request=req-1");
    expect(emma.getByText("vastattava viipymättä, odottanut 2 päivää")).toBeInTheDocument();
    const ville = within(rows[2]);
    expect(ville.getByRole("link", { name: "Virtanen, Ville" })).toBeInTheDocument();
    expect(ville.getByText("vastattava viipymättä, odottanut 1 päivän")).toBeInTheDocument();
  });

  it("shows today's meetings in Helsinki time, and asks the due list with no horizon", async () => {
    const calls = serve();
    renderWithProviders(<CoachHome me={ME} />);
    const table = await screen.findByRole("table", { name: "Tapaamiset tänään ja huomenna" });
    expect(within(table).getByText("Tänään 9.30")).toBeInTheDocument();
    expect(within(table).getByRole("link", { name: "Korhonen, Emma" })).toBeInTheDocument();
    expect(calls.find((call) => call.path.startsWith("/api/clients/v1/due-list"))!.path).toContain("horizon_days=0");
    expect(calls.find((call) => call.path.startsWith("/api/clients/v1/meetings"))!.path).toContain("days=2");
  });

  it("asks for the referrals the coach sent that changed since the last visit, and shows why one was refused", async () => {
    localStorage.setItem(`polku.lastVisit.local.${ME}.home`, "2026-11-23T06:00:00.000Z");
    const calls = serve();
    renderWithProviders(<CoachHome me={ME} />);
    const panel = await screen.findByRole("region", { name: "Uutta edellisen käyntisi jälkeen" });
    expect(await within(panel).findByText("Lähete hylättiin")).toBeInTheDocument();
    expect(panel).toHaveTextContent("Ryhmä on täynnä");
    const asked = new URL(calls.find((call) => call.path.startsWith("/api/referrals/v1/referrals?"))!.path, "http://x");
    expect(asked.searchParams.get("mine")).toBe("true");
    expect(asked.searchParams.get("changed_since")).toBe("2026-11-23T06:00:00.000Z");
    // The visit is remembered for the next session.
    expect(localStorage.getItem(`polku.lastVisit.local.${ME}.home`)).not.toBe("2026-11-23T06:00:00.000Z");
  });

  it("lists the partners' messages the coach has not read, with the client and the service", async () => {
    const calls = serve();
    renderWithProviders(<CoachHome me={ME} />);
    const panel = await screen.findByRole("region", { name: "Uutta edellisen käyntisi jälkeen" });
    const list = await within(panel).findByRole("list", { name: "Viestit kumppaneilta, joita et ole lukenut" });
    const [thread] = within(list).getAllByRole("listitem");
    expect(thread).toHaveTextContent("3 lukematonta");
    expect(await within(thread).findByText("Työpajajakso", { exact: false })).toBeInTheDocument();
    expect(await within(thread).findByRole("link", { name: "Korhonen, Emma" })).toHaveAttribute(
      "href",
      "/clients/id-Korhonen, Emma",
    );
    expect(within(thread).getByRole("link", { name: "Avaa viestit" })).toHaveAttribute("href", "/referrals/r2");
    expect(calls.filter((call) => call.path.startsWith("/api/clients/v1/clients?"))).toHaveLength(1);
  });
});
