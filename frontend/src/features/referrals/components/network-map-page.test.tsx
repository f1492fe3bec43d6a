import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { defaultPeriod, layout, NetworkMapPage } from "./network-map-page";

const MAP = {
  from_date: "2025-11-26",
  to_date: "2026-11-25",
  nodes: [
    { id: "svc-2", kind: "service", name: "Nuorten työpaja", organisation_type: null, organisation_id: "org-2" },
    {
      id: "org-2",
      kind: "organisation",
      name: "Harjulan Setlementti",
      organisation_type: "third_sector_workshop",
      organisation_id: null,
    },
    {
      id: "lahti",
      kind: "authority",
      name: "Lahden seudun työllisyysalue",
      organisation_type: null,
      organisation_id: null,
    },
    {
      id: "svc-1",
      kind: "service",
      name: "Työ- ja toimintakyvyn arviointi",
      organisation_type: null,
      organisation_id: "org-1",
    },
    {
      id: "org-1",
      kind: "organisation",
      name: "Päijät-Hämeen hyvinvointialue",
      organisation_type: "wellbeing_services_county",
      organisation_id: null,
    },
  ],
  edges: [
    {
      source: "lahti",
      target: "svc-1",
      kind: "referrals",
      referrals: 3,
      by_status: { completed: 2, requested: 1 },
      outcomes: { started_education: 2 },
    },
    { source: "org-1", target: "svc-1", kind: "provides", referrals: 0, by_status: {}, outcomes: {} },
  ],
};

describe("network map", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("defaults to the last twelve months", () => {
    expect(defaultPeriod("2026-11-25")).toEqual({ from: "2025-11-26", to: "2026-11-25" });
  });

  it("places the authority first and each organisation next to its services, the same way every time", () => {
    const placed = layout(MAP as never);
    expect(placed.map((node) => node.id)).toEqual(["lahti", "org-2", "svc-2", "org-1", "svc-1"]);
    expect(placed[0]).toMatchObject({ x: 320, y: 80 });
    expect(layout({ nodes: [...MAP.nodes].reverse() } as never)).toEqual(placed);
  });

  it("draws the map hidden from assistive technology and gives the same flows as a table", async () => {
    const calls = fakeApi((call: Call) =>
      call.path.startsWith("/api/referrals/v1/network-map") ? { status: 200, body: MAP } : undefined,
    );
    const { container } = renderWithProviders(<NetworkMapPage />, {
      route: "/network-map?from=2025-11-26&to=2026-11-25",
    });
    const table = await screen.findByRole("table", { name: "Lähetevirrat" });
    const row = within(table).getByRole("row", { name: /Lahden seudun työllisyysalue/ });
    expect(row).toHaveTextContent("Työ- ja toimintakyvyn arviointi (Päijät-Hämeen hyvinvointialue)");
    expect(row).toHaveTextContent("3");
    expect(row).toHaveTextContent("Päättynyt 2, Lähetetty 1");
    expect(row).toHaveTextContent("Aloitti koulutuksen 2");
    expect(screen.getByRole("status")).toHaveTextContent("lähetteitä yhteensä 3");
    const svg = container.querySelector("svg.network-map");
    expect(svg).toHaveAttribute("aria-hidden", "true");
    expect(svg?.querySelector("title")).toHaveTextContent("Verkostokartta");
    expect(calls[0].path).toBe("/api/referrals/v1/network-map?from=2025-11-26&to=2026-11-25");
  });

  it("names the services in the chosen language, in the drawing and in the table", async () => {
    await i18n.changeLanguage("sv");
    const translated = {
      ...MAP,
      nodes: MAP.nodes.map((node) =>
        node.id === "svc-1" ? { ...node, name_sv: "Bedömning av arbets- och funktionsförmåga", name_en: null } : node,
      ),
    };
    fakeApi((call: Call) =>
      call.path.startsWith("/api/referrals/v1/network-map") ? { status: 200, body: translated } : undefined,
    );
    const { container } = renderWithProviders(<NetworkMapPage />, {
      route: "/network-map?from=2025-11-26&to=2026-11-25",
    });
    const table = await screen.findByRole("table");
    expect(table).toHaveTextContent("Bedömning av arbets- och funktionsförmåga");
    expect(table).not.toHaveTextContent("Työ- ja toimintakyvyn arviointi");
    expect(container.querySelector("svg.network-map")).toHaveTextContent("Bedömning av arbets- och funktionsförmåga");
    // A service without a Swedish name keeps its Finnish one.
    expect(container.querySelector("svg.network-map")).toHaveTextContent("Nuorten työpaja");
  });
});
