import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import i18n from "../../lib/i18n";
import { renderWithProviders } from "../../testing/render";
import { LandingPage } from "./landing-page";

const login = vi.fn();
vi.mock("../../lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth")>()),
  useAuth: () => ({ user: null, ready: true, login, logout: vi.fn(), completeLogin: vi.fn() }),
}));

describe("LandingPage", () => {
  it("asks an anonymous visitor to log in, and starts the sign-in on click", async () => {
    await i18n.changeLanguage("fi");
    renderWithProviders(<LandingPage />);
    expect(screen.getByRole("heading", { level: 1, name: "Tervetuloa Polkuun" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Kirjaudu sisään" }));
    expect(login).toHaveBeenCalledOnce();
  });
});
