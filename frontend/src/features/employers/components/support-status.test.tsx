import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { EMPLOYER_SERVICES, support } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { SupportsPage } from "./supports-page";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };
const STATUS = `/api/employer/v1/supports/${support().id}/status`;

function answers(onStatus: () => { status: number; body: unknown }) {
  return fakeApi((call) => {
    if (call.path.startsWith("/api/employer/v1/supports/committed"))
      return { status: 200, body: { year: 2027, by_kind: {}, by_month: [], total: "0.00" } };
    if (call.method === "POST" && call.path === STATUS) return onStatus();
    if (call.path.startsWith("/api/employer/v1/supports")) return { status: 200, body: [support()] };
    return undefined;
  });
}

const NAME = "Palkkatuki, päätös 3.12.2026";

describe("SupportStatusActions", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("marks a support paid after confirmation, with If-Match, naming who did it", async () => {
    const calls = answers(() => ({
      status: 200,
      body: support({ status: "paid", changed_by_name: "Sanna Heikkinen", version: 2 }),
    }));
    renderWithProviders(<SupportsPage me={SANNA} year={2027} />);
    await userEvent.click(await screen.findByRole("button", { name: `Merkitse maksetuksi: ${NAME}` }));
    // Nothing is sent before the confirmation.
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
    const confirm = screen.getByRole("form", { name: `Merkitäänkö tuki maksetuksi: ${NAME}?` });
    expect(within(confirm).getByRole("heading")).toHaveFocus();
    await userEvent.click(within(confirm).getByRole("button", { name: "Vahvista maksetuksi" }));
    expect(await screen.findByText(`Tuki merkitty maksetuksi: ${NAME}. Merkitsijä Sanna Heikkinen.`)).toHaveFocus();
    const post = calls.find((call) => call.method === "POST");
    expect(post?.headers.get("If-Match")).toBe('"v1"');
    expect(post?.body).toEqual({ status: "paid", reason: null });
  });

  it("cancels a support with its reason after confirmation; Cancel sends nothing", async () => {
    const calls = answers(() => ({
      status: 200,
      body: support({ status: "cancelled", changed_by_name: "Sanna Heikkinen", version: 2 }),
    }));
    renderWithProviders(<SupportsPage me={SANNA} year={2027} />);
    const open = await screen.findByRole("button", { name: `Peru tuki: ${NAME}` });
    await userEvent.click(open);
    await userEvent.click(screen.getByRole("button", { name: "Peruuta" }));
    expect(open).toHaveFocus();
    await userEvent.click(open);
    const confirm = screen.getByRole("form", { name: `Perutaanko tuki: ${NAME}?` });
    await userEvent.type(within(confirm).getByLabelText("Perumisen syy"), "Työsuhde ei alkanut");
    await userEvent.click(within(confirm).getByRole("button", { name: "Vahvista peruminen" }));
    expect(await screen.findByText(`Tuki peruttu: ${NAME}. Perui Sanna Heikkinen.`)).toHaveFocus();
    const posts = calls.filter((call) => call.method === "POST");
    expect(posts.map((call) => call.body)).toEqual([{ status: "cancelled", reason: "Työsuhde ei alkanut" }]);
  });

  it("says plainly when someone else changed the support meanwhile (412)", async () => {
    answers(() => ({
      status: 412,
      body: {
        type: "https://polku.fi/problems/precondition-failed",
        title: "Changed",
        status: 412,
        current_version: 2,
      },
    }));
    renderWithProviders(<SupportsPage me={SANNA} year={2027} />);
    await userEvent.click(await screen.findByRole("button", { name: `Merkitse maksetuksi: ${NAME}` }));
    const confirm = screen.getByRole("form", { name: /^Merkitäänkö tuki maksetuksi/ });
    await userEvent.click(within(confirm).getByRole("button", { name: "Vahvista maksetuksi" }));
    expect(await within(confirm).findByRole("alert")).toHaveTextContent(
      "Joku muu muutti tukea sillä välin. Mitään ei tallennettu.",
    );
  });

  it("offers nothing to a reader who does not run employer services", async () => {
    answers(() => ({ status: 500, body: {} }));
    renderWithProviders(<SupportsPage me={{ subject: "m", name: "Maija Manager", roles: ["manager"] }} year={2027} />);
    expect(await screen.findByRole("table", { name: "Tukipäätökset" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Merkitse maksetuksi/ })).not.toBeInTheDocument();
  });
});
