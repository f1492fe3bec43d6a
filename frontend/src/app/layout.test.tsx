import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { User } from "oidc-client-ts";
import { beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../lib/i18n";
import { renderWithProviders } from "../testing/render";
import { Layout, navigationFor } from "./layout";

const user = new User({
  access_token: "token",
  token_type: "Bearer",
  profile: {
    sub: "1",
    iss: "x",
    aud: "polku-spa",
    exp: 0,
    iat: 0,
    name: "Aino Virtanen",
    org_name: "Lahden seudun työllisyysalue",
    roles: ["coach"],
  },
});

vi.mock("../lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/auth")>()),
  useAuth: () => ({ user, ready: true, login: vi.fn(), logout: vi.fn(), completeLogin: vi.fn() }),
}));

describe("Layout", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });

  it("shows the navigation in Finnish and who is signed in", () => {
    renderWithProviders(
      <Layout>
        <p>content</p>
      </Layout>,
    );
    const navigation = screen.getByRole("navigation", { name: "Päävalikko" });
    for (const name of [
      "Etusivu",
      "Asiakkaat",
      "Lähetteet",
      "Palvelutarjotin",
      "Verkostokartta",
      "Työnantajat",
      "Avoimet työpaikat",
    ]) {
      expect(within(navigation).getByRole("link", { name })).toBeInTheDocument();
    }
    // The section that is not there yet is not offered.
    expect(within(navigation).queryByRole("link", { name: "Mittarit" })).not.toBeInTheDocument();
    expect(screen.getByTestId("signed-in-user")).toHaveTextContent("Aino Virtanen");
    expect(screen.getByRole("main")).toHaveTextContent("content");
  });

  it("switches to Swedish, marks the page language and remembers the choice", async () => {
    renderWithProviders(
      <Layout>
        <p>content</p>
      </Layout>,
    );
    await userEvent.click(screen.getByRole("button", { name: "På svenska" }));
    const navigation = screen.getByRole("navigation", { name: "Huvudmeny" });
    expect(within(navigation).getByRole("link", { name: "Klienter" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("sv");
    expect(localStorage.getItem("polku.language")).toBe("sv");
    expect(screen.getByRole("button", { name: "På svenska" })).toHaveAttribute("aria-pressed", "true");
  });

  it("offers a skip link to the main content", () => {
    renderWithProviders(
      <Layout>
        <p>content</p>
      </Layout>,
    );
    expect(screen.getByRole("link", { name: "Siirry pääsisältöön" })).toHaveAttribute("href", "#main");
  });

  it("gives a partner its inbox and its own services, nothing of clients; staff the network map and their statements", () => {
    expect(navigationFor(["partner"]).map((item) => item.to)).toEqual(["/", "/own-services"]);
    expect(navigationFor(["coach"]).map((item) => item.to)).toEqual([
      "/",
      "/clients",
      "/statements",
      "/handovers",
      "/referrals",
      "/directory",
      "/network-map",
      "/employers",
      "/vacancies",
    ]);
    // Managers and administrators also balance the caseloads, read the supports' money, follow the indicators, the
    // effectiveness and the budget, keep the teams, and import statistics and Kela's day counts; a coach sees none of these. Administrators also register the partner organisations, maintain the partners'
    // services and follow the exchange with the national platform.
    const coach = navigationFor(["coach"]).map((item) => item.to);
    const manager = [
      ...coach.slice(0, 3),
      "/caseloads",
      "/teams",
      ...coach.slice(3),
      "/supports",
      "/metrics",
      "/effectiveness",
      "/budget",
      "/imports",
      "/subsidy-days",
    ];
    expect(navigationFor(["manager"]).map((item) => item.to)).toEqual(manager);
    expect(navigationFor(["admin"]).map((item) => item.to)).toEqual([
      ...manager,
      "/partners",
      "/own-services",
      "/admin/integration",
    ]);
    for (const roles of [["coach"], ["manager"], ["partner"]]) {
      expect(navigationFor(roles).some((item) => item.to === "/partners")).toBe(false);
    }
    expect(navigationFor(["coach", "partner"]).some((item) => item.to === "/clients")).toBe(true);
  });

  it("gives employer services the employer register, the vacancy board and the supports", () => {
    expect(navigationFor(["employer_services"]).map((item) => item.to)).toEqual([
      "/",
      "/employers",
      "/vacancies",
      "/supports",
    ]);
  });

  it("gives the data protection officer the data protection view and nothing of the staff's", () => {
    expect(navigationFor(["dpo"]).map((item) => item.to)).toEqual(["/", "/privacy"]);
    for (const roles of [["coach"], ["manager"], ["admin"], ["partner"], ["employer_services"]]) {
      expect(navigationFor(roles).some((item) => item.to === "/privacy")).toBe(false);
    }
  });

  it("offers a role with no section of its own only its home", () => {
    expect(navigationFor(undefined).map((item) => item.to)).toEqual(["/"]);
  });

  it("gives staff the hand-overs, and a partner, employer services and the officer not", () => {
    for (const roles of [["coach"], ["manager"], ["admin"]]) {
      expect(navigationFor(roles).some((item) => item.to === "/handovers")).toBe(true);
    }
    for (const roles of [["partner"], ["employer_services"], ["dpo"]]) {
      expect(navigationFor(roles).some((item) => item.to === "/handovers")).toBe(false);
    }
  });

  it("gives a manager the caseload balance beside the statements, and a coach not", () => {
    expect(
      navigationFor(["manager"])
        .map((item) => item.to)
        .slice(0, 4),
    ).toEqual(["/", "/clients", "/statements", "/caseloads"]);
    expect(navigationFor(["coach"]).some((item) => item.to === "/caseloads")).toBe(false);
  });
});
