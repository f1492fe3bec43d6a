import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { CaseloadPage } from "./caseload-page";

const COACH = "5e0f2a4c-1d2b-4a7e-8c3f-000000000001";
const item = (name: string, status: "overdue" | "due", kind: string, due_on: string) => ({
  client_id: `id-${name}`,
  client_name: name,
  kind,
  number: 1,
  due_on,
  status,
  rule_set: "reform-2026",
});

describe("CaseloadPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists overdue deadlines apart from this week's, and the coach's own clients", async () => {
    const calls = fakeApi((call) => {
      if (call.path.startsWith("/api/clients/v1/due-list")) {
        return {
          status: 200,
          body: {
            today: "2026-11-25",
            horizon_until: "2026-12-02",
            coach: COACH,
            items: [
              item("Juha Hämäläinen", "overdue", "periodic_interview", "2026-11-20"),
              item("Emma Korhonen", "due", "initial_interview", "2026-11-27"),
            ],
          },
        };
      }
      if (call.path === "/api/clients/v1/clients/search")
        return { status: 200, body: { items: [], next_cursor: null } };
      return undefined;
    });
    renderWithProviders(<CaseloadPage coach={COACH} name="Aino Virtanen" />);

    const overdue = await screen.findByRole("table", { name: "Myöhässä olevat määräajat, vanhin ensin" });
    expect(within(overdue).getByRole("link", { name: "Juha Hämäläinen" })).toHaveAttribute(
      "href",
      "/clients/id-Juha Hämäläinen#schedule",
    );
    expect(within(overdue).getByText("Työnhakukeskustelu 1")).toBeInTheDocument();
    expect(within(overdue).queryByText("Emma Korhonen")).not.toBeInTheDocument();
    const thisWeek = screen.getByRole("table", { name: "Viikon sisällä umpeutuvat määräajat" });
    expect(within(thisWeek).getByRole("link", { name: "Emma Korhonen" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Myöhässä (1)" })).toBeInTheDocument();

    expect(await screen.findByText("Sinulla ei ole vielä asiakkaita.")).toBeInTheDocument();
    const search = calls.find((call) => call.path === "/api/clients/v1/clients/search")!;
    expect(search.method).toBe("POST");
    expect(search.body).toMatchObject({ coach: COACH });
  });
});
