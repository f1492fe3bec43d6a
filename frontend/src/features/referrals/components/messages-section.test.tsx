import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { MessagesSection } from "./messages-section";

const ID = "a0000000-0000-4000-8000-000000000009";
const message = (id: string, author: string, name: string, body: string, at: string) => ({
  id,
  referral_id: ID,
  author_subject: author,
  author_name: name,
  author_organisation_id: "org",
  author_organisation_name: author === "me" ? "Lahden seudun työllisyysalue" : "Päijät-Hämeen hyvinvointialue",
  body,
  created_at: at,
});

describe("MessagesSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("names each writer, marks what is new, sends a message and moves focus to the thread", async () => {
    let items = [
      message("m1", "me", "Aino Valmentaja", "Milloin asiakas voi aloittaa?", "2026-12-01T08:00:00Z"),
      message("m2", "partner-liisa", "Liisa Kumppani", "Maanantaina 8.12.", "2026-12-02T09:30:00Z"),
    ];
    let unread = 1;
    const calls = fakeApi((call: Call) => {
      if (call.path !== `/api/referrals/v1/referrals/${ID}/messages`) return undefined;
      if (call.method === "POST") {
        const body = (call.body as { body: string }).body;
        const posted = message("m3", "me", "Aino Valmentaja", body, "2026-12-03T10:00:00Z");
        items = [...items, posted];
        unread = 0;
        return { status: 201, body: posted };
      }
      return { status: 200, body: { items, unread } };
    });
    renderWithProviders(<MessagesSection referralId={ID} me="me" />);

    expect(await screen.findByRole("heading", { level: 2, name: "Viestit (1 lukematon)" })).toBeInTheDocument();
    const list = screen.getByRole("list", { name: "Viestit" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows[0]).toHaveTextContent("1.12.2026");
    expect(rows[0]).toHaveTextContent("sinä");
    expect(rows[0]).not.toHaveTextContent("Uusi");
    expect(rows[1]).toHaveTextContent("Liisa Kumppani, Päijät-Hämeen hyvinvointialue");
    expect(rows[1]).toHaveTextContent("Uusi");

    await userEvent.type(screen.getByRole("textbox", { name: "Viesti" }), "Kiitos, sovitaan niin.");
    await userEvent.click(screen.getByRole("button", { name: "Lähetä viesti" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Viesti lähetetty.");
    const post = calls.find((call) => call.method === "POST");
    expect(post?.body).toEqual({ body: "Kiitos, sovitaan niin." });
    expect(post?.headers.get("Idempotency-Key")).toBeTruthy();
    await vi.waitFor(() => expect(screen.getByRole("list", { name: "Viestit" })).toHaveFocus());
    expect(within(screen.getByRole("list", { name: "Viestit" })).getAllByRole("listitem")).toHaveLength(3);
    expect(screen.getByRole("textbox", { name: "Viesti" })).toHaveValue("");
  });

  it("moves focus to the thread once it shows the first message, sent to an empty thread", async () => {
    let items: ReturnType<typeof message>[] = [];
    fakeApi((call: Call) => {
      if (call.path !== `/api/referrals/v1/referrals/${ID}/messages`) return undefined;
      if (call.method === "POST") {
        const posted = message("m1", "me", "Aino Valmentaja", "Asiakas toivoo aamupäivää.", "2026-12-03T10:00:00Z");
        items = [posted];
        return { status: 201, body: posted };
      }
      return { status: 200, body: { items, unread: 0 } };
    });
    // The thread fetched again after the sending arrives a moment later, as from a busy service.
    const answer = globalThis.fetch;
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      if (items.length) await new Promise((resolve) => window.setTimeout(resolve, 300));
      return answer(input, init);
    });
    renderWithProviders(<MessagesSection referralId={ID} me="me" />);
    expect(await screen.findByText("Ei viestejä vielä.")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Viestit" })).not.toBeInTheDocument();
    await userEvent.type(screen.getByRole("textbox", { name: "Viesti" }), "Asiakas toivoo aamupäivää.");
    await userEvent.click(screen.getByRole("button", { name: "Lähetä viesti" }));
    const list = await screen.findByRole("list", { name: "Viestit" });
    await vi.waitFor(() => expect(list).toHaveFocus());
    expect(within(list).getByRole("listitem")).toHaveTextContent("sinä");
  });

  it("refuses an empty message next to the field, and says 'no permission' for a 403", async () => {
    fakeApi((call: Call) => {
      if (call.path !== `/api/referrals/v1/referrals/${ID}/messages`) return undefined;
      if (call.method === "POST") return { status: 403, body: { title: "Forbidden", status: 403 } };
      return { status: 200, body: { items: [], unread: 0 } };
    });
    renderWithProviders(<MessagesSection referralId={ID} me="me" />);
    expect(await screen.findByText("Ei viestejä vielä.")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Lähetä viesti" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Kirjoita viesti ennen lähettämistä.");
    expect(screen.getByRole("textbox", { name: "Viesti" })).toHaveAttribute("aria-invalid", "true");

    await userEvent.type(screen.getByRole("textbox", { name: "Viesti" }), "Hei");
    await userEvent.click(screen.getByRole("button", { name: "Lähetä viesti" }));
    await vi.waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Ei käyttöoikeutta"));
  });
});
