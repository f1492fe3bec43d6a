import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { CLIENT_ID as ID, clientRead } from "../../../testing/clients";
import type { ClientRead } from "../api/types";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { ClientPage } from "./client-page";

function deadline(kind: string, due_on: string, status: string) {
  return {
    kind,
    number: 1,
    due_on,
    status,
    held_on: null,
    rule_set: { key: "reform-2026", name: "2026", valid_from: "2026-01-01", valid_until: null, sources: [] },
  };
}

function serve(client: ClientRead) {
  return fakeApi((call: Call) => {
    const path = call.path.replace(`/api/clients/v1/clients/${ID}`, "");
    if (path === "") return { status: 200, body: client };
    if (path === "/schedule") return { status: 200, body: { client_id: ID, today: "2026-11-25", deadlines: [] } };
    if (path === "/plan") {
      return { status: 404, body: { type: "https://polku.fi/problems/plan-not-found", title: "No plan", status: 404 } };
    }
    if (["/interviews", "/plan/versions", "/consents", "/status-history", "/episodes", "/meetings"].includes(path))
      return { status: 200, body: [] };
    return undefined;
  });
}

function renderPage(route = `/clients/${ID}`, page = <ClientPage me="me" />) {
  return renderWithProviders(
    <Routes>
      <Route path="/clients/:clientId" element={page} />
    </Routes>,
    { route },
  );
}

describe("ClientPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("warns that a client under 25 has no named coach, and names status and target groups", async () => {
    serve(clientRead({}));
    renderPage();
    const heading = await screen.findByRole("heading", { level: 1, name: "Onni Heikkinen" });
    expect(heading).toHaveFocus();
    const summary = screen.getByRole("region", { name: "Yhteenveto" });
    expect(summary).toHaveTextContent("Asiakkaalta puuttuu vastuuvalmentaja");
    expect(
      within(summary).getByText("Alle 25-vuotias, Alle 30-vuotias, Vastikään työttömäksi jäänyt"),
    ).toBeInTheDocument();
    expect(within(summary).getByText("Työtön")).toBeInTheDocument();
    expect(within(summary).getByText("Ei nimettyä valmentajaa")).toBeInTheDocument();
  });

  it("shows no warning when the client has a named coach", async () => {
    serve(clientRead({ coach_subject: "me", needs_named_coach: false }));
    renderPage();
    const summary = await screen.findByRole("region", { name: "Yhteenveto" });
    expect(summary).not.toHaveTextContent("puuttuu vastuuvalmentaja");
    expect(within(summary).getByText("Sinä")).toBeInTheDocument();
  });

  it("names another coach by the name it is given, never as just another coach", async () => {
    serve(clientRead({ coach_subject: "coach-aino", needs_named_coach: false }));
    renderPage(
      undefined,
      <ClientPage
        me="manager-maija"
        coachName={(subject, fallback) => (subject === "coach-aino" ? "Aino Valmentaja" : fallback)}
      />,
    );
    const summary = await screen.findByRole("region", { name: "Yhteenveto" });
    expect(within(summary).getByText("Aino Valmentaja")).toBeInTheDocument();
    expect(summary).not.toHaveTextContent("Toinen valmentaja");
  });

  it("lands on the statutory schedule when the link names it", async () => {
    serve(clientRead({}));
    renderPage(`/clients/${ID}#schedule`);
    await vi.waitFor(() =>
      expect(screen.getByRole("heading", { level: 2, name: "Lakisääteiset määräajat" })).toHaveFocus(),
    );
  });

  it("tells a user whose role may not read clients that they have no access", async () => {
    fakeApi(() => ({
      status: 403,
      body: { type: "https://polku.fi/problems/forbidden", title: "Not allowed", status: 403 },
    }));
    renderPage();
    expect(
      await screen.findByRole("heading", { level: 1, name: "Roolisi ei anna oikeutta näihin tietoihin." }),
    ).toBeInTheDocument();
  });

  it("shows the sections other features add, with a link to each in the page's navigation", async () => {
    serve(clientRead({}));
    renderWithProviders(
      <Routes>
        <Route
          path="/clients/:clientId"
          element={
            <ClientPage
              me="me"
              sections={[
                {
                  id: "referrals",
                  title: "Lähetteet",
                  content: (id) => <section aria-label="Lähetteet">{id}</section>,
                },
              ]}
            />
          }
        />
      </Routes>,
      { route: `/clients/${ID}` },
    );
    const navigation = await screen.findByRole("navigation", { name: "Asiakkaan osiot" });
    const tab = within(navigation).getByRole("link", { name: "Lähetteet" });
    expect(tab).toHaveAttribute("href", `/clients/${ID}?tab=referrals`);
    expect(screen.queryByRole("region", { name: "Lähetteet" })).not.toBeInTheDocument();
    await userEvent.click(tab);
    expect(await screen.findByRole("region", { name: "Lähetteet" })).toHaveTextContent(ID);
    expect(tab).toHaveAttribute("aria-current", "page");
  });

  it("opens the tab the address names, and only that one", async () => {
    serve(clientRead({}));
    renderPage(`/clients/${ID}?tab=consents`);
    const navigation = await screen.findByRole("navigation", { name: "Asiakkaan osiot" });
    expect(within(navigation).getByRole("link", { name: "Suostumukset" })).toHaveAttribute("aria-current", "page");
    expect(await screen.findByRole("heading", { level: 2, name: "Suostumukset" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { level: 2, name: "Lakisääteiset määräajat" })).not.toBeInTheDocument();
  });

  it("puts the next deadline, overdue first, and what changed since the last visit in the summary", async () => {
    localStorage.setItem(`polku.lastVisit.local.me.client.${ID}`, "2026-11-20T08:00:00.000Z");
    sessionStorage.clear();
    fakeApi((call: Call) => {
      const path = call.path.replace(`/api/clients/v1/clients/${ID}`, "");
      if (path === "") return { status: 200, body: clientRead({}) };
      if (path === "/schedule")
        return {
          status: 200,
          body: {
            client_id: ID,
            today: "2026-11-25",
            deadlines: [
              { ...deadline("initial_interview", "2026-11-14", "overdue") },
              { ...deadline("periodic_interview", "2026-12-20", "due") },
            ],
          },
        };
      if (path.startsWith("/timeline"))
        return {
          status: 200,
          body: {
            items: [
              {
                id: "e2",
                type: "fi.polku.client.deadline_overdue.v1",
                source: "/polku/clients-api",
                occurred_at: "2026-11-22T06:00:00Z",
                actor_subject: null,
                data: { kind: "initial_interview", number: 1, due_on: "2026-11-14" },
              },
              {
                id: "e1",
                type: "fi.polku.client.registered.v1",
                source: "/polku/clients-api",
                occurred_at: "2026-10-31T08:00:00Z",
                actor_subject: "me",
                data: {},
              },
            ],
            next_cursor: null,
          },
        };
      if (["/interviews", "/plan/versions", "/consents", "/status-history", "/episodes", "/meetings"].includes(path))
        return { status: 200, body: [] };
      return undefined;
    });
    renderPage();
    const summary = await screen.findByRole("region", { name: "Yhteenveto" });
    expect(
      await within(summary).findByRole("link", { name: /Alkuhaastattelu.*14\.11\.2026.*Myöhässä/ }),
    ).toHaveAttribute("href", `/clients/${ID}?tab=schedule`);
    const changes = await within(summary).findByRole("group", { name: /Muuttunut edellisen käyntisi/ });
    expect(await within(changes).findAllByRole("listitem")).toHaveLength(1);
    expect(await within(summary).findByText("Suunnitelmaa ei ole vielä tehty")).toBeInTheDocument();
  });

  it("says so when there is no such client", async () => {
    fakeApi(() => undefined);
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Asiakasta ei löytynyt" })).toBeInTheDocument();
  });
});
