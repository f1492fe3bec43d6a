import { screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import en from "../../../locales/en.json";
import fi from "../../../locales/fi.json";
import sv from "../../../locales/sv.json";
import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
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
});
