import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { actor, eventKey, eventLabel, eventOutcome, NAMED_EVENT_TYPES, TimelineSection } from "./timeline-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";
const ME = "5e0f2a4c-1d2b-4a7e-8c3f-000000000001";

const entry = (id: number, type: string, source: string, actor: string | null) => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  type,
  source,
  occurred_at: `2026-11-2${5 - id}T10:00:00Z`,
  actor_subject: actor,
  data: {},
});

describe("eventLabel", () => {
  it.each([
    ["fi", "fi.polku.client.assessment_updated.v1", "Palvelutarpeen arvio päivitetty"],
    ["sv", "fi.polku.referral.accepted.v1", "Remiss godkänd"],
    ["en", "fi.polku.client.job_search_neglect_recorded.v1", "Neglect of the job-search obligation recorded"],
    ["en", "fi.polku.client.registered.v2", "Registered as a client"],
    ["fi", "fi.polku.subsidy.ended.v1", "Tuki päättyi"],
    ["sv", "fi.polku.subsidy.ended.v1", "Stödet upphörde"],
    ["en", "fi.polku.subsidy.ended.v1", "Subsidy ended"],
    ["fi", "fi.polku.introduction.disclosed.v1", "Esittely muutettu nimelliseksi asiakkaan suostumuksella"],
    ["sv", "fi.polku.introduction.disclosed.v1", "Presentationen ändrades till namngiven med kundens samtycke"],
    ["en", "fi.polku.introduction.disclosed.v1", "Introduction disclosed with the client's consent"],
  ])("names a known type in %s", async (language, type, label) => {
    await i18n.changeLanguage(language);
    expect(eventLabel(i18n.t, type)).toBe(label);
  });

  it("shows an unknown type as it is", async () => {
    await i18n.changeLanguage("fi");
    expect(eventLabel(i18n.t, "fi.polku.client.teleported.v1")).toBe("Muu tapahtuma (fi.polku.client.teleported.v1)");
    expect(eventLabel(i18n.t, "com.example.thing")).toBe("Muu tapahtuma (com.example.thing)");
  });

  it("names what came of a completed referral", async () => {
    await i18n.changeLanguage("sv");
    expect(
      eventOutcome(i18n.t, { type: "fi.polku.referral.completed.v1", data: { outcome: "started_education" } }),
    ).toBe("Började studera");
    expect(eventOutcome(i18n.t, { type: "fi.polku.referral.completed.v1", data: { status: "completed" } })).toBeNull();
    expect(
      eventOutcome(i18n.t, { type: "fi.polku.job_offer.outcome.v1", data: { outcome: "started_work" } }),
    ).toBeNull();
    await i18n.changeLanguage("fi");
  });

  it("finds the key of a type", () => {
    expect(eventKey("fi.polku.referral.sent.v1")).toBe("referral_sent");
    expect(eventKey("fi.polku.client.job_search_period.started.v1")).toBe("client_job_search_period_started");
    expect(eventKey("com.example.thing.v1")).toBeNull();
    expect(NAMED_EVENT_TYPES).toHaveLength(40);
    expect(eventLabel(i18n.t, "fi.polku.client.handover_completed.v1")).toBe("Siirto omavalmentajalle tehty");
  });
});

describe("TimelineSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists events newest first with who did them, follows the cursor, and filters by source", async () => {
    const calls = fakeApi((call: Call) => {
      const url = new URL(call.path, "http://localhost");
      if (url.pathname !== `/api/clients/v1/clients/${CLIENT}/timeline`) return undefined;
      if (url.searchParams.get("source") === "/polku/referrals-api") {
        return {
          status: 200,
          body: { items: [entry(4, "fi.polku.referral.sent.v1", "/polku/referrals-api", "other")], next_cursor: null },
        };
      }
      if (url.searchParams.get("cursor") === "page-2") {
        return {
          status: 200,
          body: { items: [entry(3, "fi.polku.client.registered.v1", "/polku/clients-api", ME)], next_cursor: null },
        };
      }
      return {
        status: 200,
        body: {
          items: [
            entry(1, "fi.polku.client.assessment_updated.v1", "/polku/clients-api", ME),
            entry(2, "fi.polku.client.something_new.v1", "/polku/clients-api", null),
            {
              ...entry(5, "fi.polku.referral.completed.v1", "/polku/referrals-api", null),
              data: { outcome: "started_work" },
            },
          ],
          next_cursor: "page-2",
        },
      };
    });
    renderWithProviders(<TimelineSection clientId={CLIENT} me={ME} />);

    const list = await screen.findByRole("list", { name: "Tapahtumat" });
    let items = within(list).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Palvelutarpeen arvio päivitetty");
    expect(items[0]).toHaveTextContent(/24\.11\.2026.*, sinä$/);
    expect(items[1]).toHaveTextContent("Muu tapahtuma (fi.polku.client.something_new.v1)");
    expect(items[1]).toHaveTextContent("tekijä ei tallentunut");
    expect(items[1]).not.toHaveTextContent("järjestelmä");
    expect(items[2]).toHaveTextContent("Lähetteen palvelu päättynyt: Aloitti työn");

    await userEvent.click(screen.getByRole("button", { name: "Näytä lisää tapahtumia" }));
    await vi.waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(4));
    items = within(list).getAllByRole("listitem");
    expect(items[3]).toHaveTextContent("Rekisteröity asiakkaaksi");
    await vi.waitFor(() => expect(items[3]).toHaveFocus());
    expect(screen.queryByRole("button", { name: "Näytä lisää tapahtumia" })).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Näytä tapahtumat" }), "referrals");
    expect(await screen.findByText("Lähete lähetetty")).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Tapahtumat" })).toHaveTextContent("toinen käyttäjä");
    expect(calls.some((call) => call.path.includes("source=%2Fpolku%2Freferrals-api"))).toBe(true);
  });

  it("names the person who acted and their organisation, and a job as the system", async () => {
    await i18n.changeLanguage("fi");
    const named = {
      ...entry(1, "fi.polku.referral.accepted.v1", "/polku/referrals-api", "partner-liisa"),
      actor_name: "Liisa Kumppani",
      actor_organisation_name: "Harjulan Setlementti",
    };
    expect(actor(i18n.t, named, ME)).toBe("Liisa Kumppani, Harjulan Setlementti");
    expect(actor(i18n.t, { ...named, actor_organisation_name: null }, ME)).toBe("Liisa Kumppani");
    expect(actor(i18n.t, { ...named, actor_subject: ME }, ME)).toBe("sinä");
    expect(
      actor(i18n.t, entry(2, "fi.polku.client.deadline_overdue.v1", "/polku/clients-api", "system:overdue-notice"), ME),
    ).toBe("järjestelmä");
  });
});
