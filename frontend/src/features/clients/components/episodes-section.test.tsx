import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import en from "../../../locales/en.json";
import fi from "../../../locales/fi.json";
import sv from "../../../locales/sv.json";
import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EPISODE_ORIGINS, EPISODE_TYPES } from "../api/types";
import { EpisodesSection } from "./episodes-section";

const CLIENT = "6f1c2b8e-0000-4000-8000-000000000003";

const episode = (changes: Record<string, unknown>) => ({
  id: "00000000-0000-4000-8000-000000000001",
  client_id: CLIENT,
  type: "work_trial",
  starts_on: "2026-10-06",
  ends_on: null,
  ongoing: true,
  provider_id: null,
  provider_name: "Lahden Työpaja ry",
  origin: "coach",
  origin_id: null,
  recorded_by: "coach-aino",
  version: 1,
  created_at: "2026-10-06T10:00:00Z",
  updated_at: "2026-10-06T10:00:00Z",
  ...changes,
});

const URL = `/api/clients/v1/clients/${CLIENT}/episodes`;

/** The service as far as the section uses it: the list, a new episode, and the end of one (If-Match checked). */
function service({ duplicate = false } = {}) {
  let episodes = [episode({})];
  return fakeApi((call: Call) => {
    if (call.path === URL && call.method === "GET") return { status: 200, body: episodes };
    if (call.path === URL && call.method === "POST") {
      if (duplicate)
        return {
          status: 409,
          body: {
            type: "https://polku.fi/problems/episode-exists",
            title: "Exists",
            status: 409,
            detail: "The client already has a coaching episode starting on 2026-11-02",
          },
        };
      const body = call.body as Record<string, string | null>;
      const created = episode({ id: "00000000-0000-4000-8000-000000000009", ...body, recorded_by: "coach-aino" });
      episodes = [created, ...episodes];
      return { status: 201, body: created };
    }
    if (call.path === `${URL}/${episode({}).id}` && call.method === "PATCH") {
      if (call.headers.get("If-Match") !== '"v1"') return { status: 412, body: { title: "Changed", status: 412 } };
      const ended = episode({ ...(call.body as object), ongoing: false, version: 2 });
      episodes = [ended];
      return { status: 200, body: ended };
    }
    return undefined;
  });
}

describe("EpisodesSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists each episode with its type, period, provider and who recorded it", async () => {
    fakeApi((call) =>
      call.path === `/api/clients/v1/clients/${CLIENT}/episodes`
        ? {
            status: 200,
            body: [
              episode({}),
              episode({
                id: "00000000-0000-4000-8000-000000000002",
                type: "pay_subsidised_work",
                starts_on: "2026-01-01",
                ends_on: "2026-06-30",
                ongoing: false,
                provider_name: null,
                origin: "pay_subsidy",
                recorded_by: "/polku/employer-api",
              }),
            ],
          }
        : undefined,
    );
    renderWithProviders(<EpisodesSection clientId={CLIENT} />);
    expect(await screen.findByRole("heading", { name: "Aktivointipalvelujaksot" })).toBeInTheDocument();
    const items = await screen.findAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Työkokeilu 6.10.2026–käynnissä – Järjestäjä: Lahden Työpaja ry");
    expect(items[0]).toHaveTextContent("Kirjattu käsin, Kirjannut coach-aino");
    expect(items[1]).toHaveTextContent("Palkkatuettu työ 1.1.2026–30.6.2026");
    expect(items[1]).toHaveTextContent("Palkkatukipäätöksestä, Kirjannut /polku/employer-api");
  });

  it("says when there are none", async () => {
    fakeApi((call) =>
      call.path === `/api/clients/v1/clients/${CLIENT}/episodes` ? { status: 200, body: [] } : undefined,
    );
    renderWithProviders(<EpisodesSection clientId={CLIENT} />);
    expect(await screen.findByText("Ei aktivointipalvelujaksoja.")).toBeInTheDocument();
  });

  it("names every type and origin of the API in Finnish, Swedish and English", () => {
    for (const resource of [fi, sv, en]) {
      const names = resource.episodes as { type: Record<string, string>; origin: Record<string, string> };
      expect(EPISODE_TYPES.filter((type) => typeof names.type[type] !== "string")).toEqual([]);
      expect(EPISODE_ORIGINS.filter((origin) => typeof names.origin[origin] !== "string")).toEqual([]);
    }
  });

  it("records an episode the coach arranged, the form opening at its heading and closing onto the new entry", async () => {
    const calls = service();
    renderWithProviders(<EpisodesSection clientId={CLIENT} />);
    const open = await screen.findByRole("button", { name: "Kirjaa aktivointipalvelujakso" });
    await userEvent.click(open);
    expect(screen.getByRole("heading", { name: "Kirjaa aktivointipalvelujakso" })).toHaveFocus();
    // Nothing is sent before the service is chosen and the end is not before the start.
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa jakso" }));
    const type = screen.getByRole("combobox", { name: /^Palvelu/ });
    await vi.waitFor(() => expect(type).toHaveAttribute("aria-invalid", "true"));
    await userEvent.selectOptions(type, "coaching");
    const start = screen.getByLabelText(/^Alkamispäivä/);
    await userEvent.clear(start);
    await userEvent.type(start, "2.11.2026");
    await userEvent.type(screen.getByLabelText(/^Päättymispäivä/), "1.11.2026");
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa jakso" }));
    expect(await screen.findByText("Päättymispäivä ei voi olla ennen alkamispäivää.")).toBeInTheDocument();
    expect(calls.some((call) => call.method === "POST")).toBe(false);

    await userEvent.clear(screen.getByLabelText(/^Päättymispäivä/));
    await userEvent.type(screen.getByLabelText(/^Järjestäjä/), "Lahden Työpaja ry");
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa jakso" }));
    // Saved, focus moves to the new entry once the list shows it.
    await vi.waitFor(() =>
      expect(document.getElementById("episode-00000000-0000-4000-8000-000000000009")).toHaveFocus(),
    );
    expect(document.activeElement).toHaveTextContent("Valmennus 2.11.2026–käynnissä");
    expect(screen.getByRole("status")).toHaveTextContent("Kirjattu: Valmennus 2.11.2026 alkaen.");
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({
      type: "coaching",
      starts_on: "2026-11-02",
      ends_on: null,
      provider_name: "Lahden Työpaja ry",
    });
  });

  it("says so when the same episode is already recorded", async () => {
    service({ duplicate: true });
    renderWithProviders(<EpisodesSection clientId={CLIENT} />);
    await userEvent.click(await screen.findByRole("button", { name: "Kirjaa aktivointipalvelujakso" }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Palvelu/ }), "coaching");
    await userEvent.click(screen.getByRole("button", { name: "Kirjaa jakso" }));
    expect(await screen.findByText("Asiakkaalla on jo samanlainen jakso samasta päivästä alkaen.")).toBeInTheDocument();
    expect(screen.getByText(/already has a coaching episode/)).toBeInTheDocument();
  });

  it("ends an ongoing episode with the version seen; Escape gives focus back to the row's button", async () => {
    const calls = service();
    renderWithProviders(<EpisodesSection clientId={CLIENT} />);
    const end = await screen.findByRole("button", { name: "Päätä jakso: Työkokeilu 6.10.2026 alkaen" });
    await userEvent.click(end);
    expect(screen.getByRole("heading", { name: "Jakson päättyminen: Työkokeilu 6.10.2026 alkaen" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    await vi.waitFor(() => expect(end).toHaveFocus());

    await userEvent.click(end);
    const day = screen.getByLabelText(/^Viimeinen päivä/);
    await userEvent.clear(day);
    await userEvent.type(day, "30.11.2026");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna päättyminen" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Työkokeilu päättyi 30.11.2026.");
    const [item] = within(screen.getByRole("list", { name: "Aktivointipalvelujaksot" })).getAllByRole("listitem");
    await vi.waitFor(() => expect(item).toHaveTextContent("6.10.2026–30.11.2026"));
    expect(item).toHaveFocus();
    expect(within(item).queryByRole("button")).not.toBeInTheDocument();
    const patch = calls.find((call) => call.method === "PATCH")!;
    expect(patch.body).toEqual({ ends_on: "2026-11-30" });
  });
});
