import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { OpenOffers } from "./open-offers";

const CLIENT = "c0000000-0000-4000-8000-000000000001";
const offer = (id: string, status: string, vacancy: string) => ({
  id,
  vacancy_id: vacancy,
  client_id: CLIENT,
  offered_by: "coach-aino",
  offered_by_name: "Aino Virtanen",
  offered_by_organisation_name: "Lahden kaupunki",
  respond_by: "2026-12-17",
  status,
  reason: null,
  counts_toward_job_search: status !== "sent",
  outcome_by: null,
  outcome_at: null,
  created_at: "2026-12-03T08:00:00Z",
  version: 1,
});

describe("OpenOffers", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the client's offers still open, each with its vacancy and by when to answer", async () => {
    const calls = fakeApi((call: Call) => {
      const url = new URL(call.path, "http://localhost");
      if (url.pathname === "/api/employer/v1/job-offers") {
        return {
          status: 200,
          body: [offer("o1", "sent", "v1"), offer("o2", "applied", "v2"), offer("o3", "not_hired", "v3")],
        };
      }
      const vacancy = url.pathname.match(/^\/api\/employer\/v1\/vacancies\/(v\d)$/);
      if (vacancy) {
        return { status: 200, body: { id: vacancy[1], title_fi: `Paikka ${vacancy[1]}`, title_sv: null } };
      }
      return undefined;
    });
    renderWithProviders(<OpenOffers clientId={CLIENT} />);

    const items = await screen.findAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(await within(items[0]).findByRole("link", { name: "Paikka v1" })).toHaveAttribute("href", "/vacancies/v1");
    expect(items[0]).toHaveTextContent("Odottaa vastausta vastattava 17.12.2026 mennessä tarjosi Aino Virtanen");
    expect(items[1]).toHaveTextContent("Haki");
    expect(screen.queryByText("Paikka v3")).not.toBeInTheDocument();
    const asked = new URL(calls[0].path, "http://localhost");
    expect(asked.searchParams.get("client_id")).toBe(CLIENT);
  });

  it("says when the client has no open offer", async () => {
    fakeApi((call: Call) =>
      call.path.startsWith("/api/employer/v1/job-offers") ? { status: 200, body: [] } : undefined,
    );
    renderWithProviders(<OpenOffers clientId={CLIENT} />);
    expect(await screen.findByText("Ei avoimia työtarjouksia")).toBeInTheDocument();
  });
});
