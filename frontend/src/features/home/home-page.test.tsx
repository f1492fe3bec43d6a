import { screen } from "@testing-library/react";
import { User } from "oidc-client-ts";
import { beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../lib/i18n";
import { renderWithProviders } from "../../testing/render";
import { HomePage } from "./home-page";

let roles: string[] = [];

vi.mock("../../lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth")>()),
  useAuth: () => ({
    user: new User({
      access_token: "token",
      token_type: "Bearer",
      profile: { sub: "1", iss: "x", aud: "polku-spa", exp: 0, iat: 0, name: "Pekka Nieminen", roles },
    }),
    ready: true,
    login: vi.fn(),
    logout: vi.fn(),
    completeLogin: vi.fn(),
  }),
}));

describe("HomePage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(new Response("{}", { status: 200 }))),
    );
  });

  it("names for staff only the sections that exist and the services behind them", async () => {
    roles = ["manager"];
    renderWithProviders(<HomePage />);
    expect(screen.getByText(/palvelutarjottimeen ja verkostokarttaan/)).toBeInTheDocument();
    expect(screen.queryByText(/työnantajiin|mittareihin/)).not.toBeInTheDocument();
    expect(await screen.findByText("Asiakaspalvelu", {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByText("Lähetteet ja palvelutarjotin")).toBeInTheDocument();
    expect(screen.queryByText("Työnantajapalvelut")).not.toBeInTheDocument();
    expect(screen.queryByText("Mittarit")).not.toBeInTheDocument();
  });

  it("shows a manager the headline indicators, and a coach none", async () => {
    roles = ["manager"];
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(new Response("[]", { status: 200, headers: { "Content-Type": "application/json" } })),
      ),
    );
    const { unmount } = renderWithProviders(<HomePage />);
    // The manager's section is a chunk of its own: its first import in a cold worker can take seconds on a busy machine.
    expect(
      await screen.findByRole("heading", { level: 2, name: "Keskeiset mittarit" }, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Kaikki mittarit" })).toHaveAttribute("href", "/metrics");
    unmount();
    roles = ["coach"];
    renderWithProviders(<HomePage />);
    expect(await screen.findByText("Asiakaspalvelu", {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Keskeiset mittarit" })).not.toBeInTheDocument();
  });

  it("tells a role without sections that none are there yet, and offers nothing", () => {
    roles = ["employer_services"];
    renderWithProviders(<HomePage />);
    expect(screen.getByText(/Roolillesi ei ole vielä omia näkymiä/)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Järjestelmän tila" })).not.toBeInTheDocument();
  });
});
