import { screen, within } from "@testing-library/react";
import { User } from "oidc-client-ts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { referral } from "../../../testing/referrals";
import { InboxPage } from "./inbox-page";

vi.mock("../../../lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../../lib/auth")>()),
  useAuth: () => ({
    user: new User({
      access_token: "token",
      token_type: "Bearer",
      profile: {
        sub: "partner-pekka",
        iss: "x",
        aud: "polku-spa",
        exp: 0,
        iat: 0,
        name: "Pekka Kumppani",
        roles: ["partner"],
        org_name: "Kela",
      },
    }),
    ready: true,
    login: vi.fn(),
    logout: vi.fn(),
    completeLogin: vi.fn(),
  }),
}));

const SERVICE = { id: "s", organisation_name: "Kela", name_fi: "Kuntoutus", name_sv: null, name_en: null };

describe("InboxPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows on each referral how many of the coach's messages the partner's worker has not read", async () => {
    fakeApi((call: Call) => {
      const url = new URL(call.path, "http://localhost");
      if (url.pathname === "/api/referrals/v1/referrals/unread-messages") {
        return { status: 200, body: [{ referral_id: "asked", unread: 1 }] };
      }
      if (url.pathname === "/api/referrals/v1/referrals") {
        const items =
          url.searchParams.get("status") === "requested" ? [referral({ id: "asked" }), referral({ id: "quiet" })] : [];
        return { status: 200, body: { items, next_cursor: null } };
      }
      if (url.pathname === "/api/referrals/v1/services/s") return { status: 200, body: SERVICE };
      return undefined;
    });
    renderWithProviders(<InboxPage />);

    const group = await screen.findByRole("region", { name: /\(2\)/ });
    const cards = within(group).getAllByRole("listitem");
    const asked = cards.find((card) => within(card).getByRole("link").getAttribute("href") === "/referrals/asked")!;
    const quiet = cards.find((card) => within(card).getByRole("link").getAttribute("href") === "/referrals/quiet")!;
    expect(await within(asked).findByText("1 lukematon")).toBeInTheDocument();
    expect(quiet).not.toHaveTextContent("lukemat");
  });
});
