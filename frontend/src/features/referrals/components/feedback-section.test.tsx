import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { referral } from "../../../testing/referrals";
import { renderWithProviders } from "../../../testing/render";
import { useReferral } from "../api/get-referral";
import type { ReferralRead } from "../api/types";
import type { Party } from "../lifecycle";
import { FeedbackSection } from "./feedback-section";

const ID = "a0000000-0000-4000-8000-000000000003";
const PATH = `/api/referrals/v1/referrals/${ID}`;

/** The section as the page shows it: on the referral the query holds. */
function Harness({ party }: { party: Party }) {
  const current = useReferral(ID);
  return current.data ? <FeedbackSection referral={current.data} party={party} /> : null;
}

/** referrals-api with one referral; ``feedback`` answers the PUT (by default it records the feedback). */
function serve(start: ReferralRead, feedback?: (call: Call) => { status: number; body: unknown }) {
  let current = start;
  return fakeApi((call: Call) => {
    if (call.path !== PATH && call.path !== `${PATH}/feedback`) return undefined;
    if (call.method === "PUT") {
      if (feedback) return feedback(call);
      const body = call.body as { score: number; text: string | null };
      current = { ...current, feedback_score: body.score, feedback_text: body.text };
    }
    return { status: 200, body: current };
  });
}

describe("FeedbackSection", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lets the sender record the client's rating and words on a completed referral, and shows them saved", async () => {
    const calls = serve(referral({ id: ID, status: "completed", outcome: "started_education" }));
    renderWithProviders(<Harness party="sender" />);
    const section = await screen.findByRole("region", { name: "Asiakaspalaute" });
    expect(section).toHaveTextContent("Asiakkaan palautetta ei ole kirjattu.");
    const group = within(section).getByRole("group", { name: /^Asiakkaan arvio palvelusta/ });
    expect(
      within(group)
        .getAllByRole("radio")
        .map((radio) => radio.closest("label")?.textContent),
    ).toEqual(["1 – Erittäin huono", "2 – Huono", "3 – Kohtalainen", "4 – Hyvä", "5 – Erinomainen"]);

    // Nothing chosen: said next to the group, nothing sent.
    await userEvent.click(within(section).getByRole("button", { name: "Tallenna palaute" }));
    expect(await within(section).findByText("Valitse arvio 1–5")).toBeInTheDocument();
    expect(group).toHaveAccessibleDescription("Valitse arvio 1–5");
    expect(calls.filter((call) => call.method === "PUT")).toHaveLength(0);

    await userEvent.click(within(group).getByRole("radio", { name: "4 – Hyvä" }));
    await userEvent.type(
      within(section).getByRole("textbox", { name: /^Asiakkaan sanallinen palaute/ }),
      "  Hyvä ohjaus  ",
    );
    await userEvent.click(within(section).getByRole("button", { name: "Tallenna palaute" }));
    expect(await within(section).findByRole("status")).toHaveTextContent("Asiakkaan palaute on tallennettu.");
    const put = calls.find((call) => call.method === "PUT");
    expect(put?.path).toBe(`${PATH}/feedback`);
    expect(put?.body).toEqual({ score: 4, text: "Hyvä ohjaus" });
    await vi.waitFor(() => expect(within(section).getByRole("heading", { name: "Asiakaspalaute" })).toHaveFocus());
    const recorded = within(section).getAllByRole("definition");
    expect(recorded.map((value) => value.textContent)).toEqual(["4 – Hyvä", "Hyvä ohjaus"]);
    expect(within(section).getByRole("heading", { name: "Muuta asiakkaan palautetta" })).toBeInTheDocument();
  });

  it("sends no text when the words are left empty", async () => {
    const calls = serve(referral({ id: ID, status: "completed" }));
    renderWithProviders(<Harness party="sender" />);
    await userEvent.click(await screen.findByRole("radio", { name: "2 – Huono" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna palaute" }));
    await vi.waitFor(() => expect(calls.find((call) => call.method === "PUT")?.body).toEqual({ score: 2, text: null }));
    expect(await screen.findByText("Ei sanallista palautetta.")).toBeInTheDocument();
  });

  it("puts the service's field errors (422) next to the fields", async () => {
    serve(referral({ id: ID, status: "completed" }), () => ({
      status: 422,
      body: {
        type: "https://polku.fi/problems/validation",
        title: "Invalid input",
        status: 422,
        errors: [
          { field: "body.score", message: "Input should be less than or equal to 5", code: "less_than_equal" },
          { field: "body.text", message: "String should have at most 2000 characters", code: "string_too_long" },
        ],
      },
    }));
    renderWithProviders(<Harness party="sender" />);
    await userEvent.click(await screen.findByRole("radio", { name: "5 – Erinomainen" }));
    await userEvent.type(screen.getByRole("textbox", { name: /^Asiakkaan sanallinen palaute/ }), "Kiitos");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna palaute" }));
    const group = screen.getByRole("group", { name: /^Asiakkaan arvio palvelusta/ });
    await vi.waitFor(() => expect(group).toHaveAccessibleDescription("Luku on liian suuri"));
    const text = screen.getByRole("textbox", { name: /^Asiakkaan sanallinen palaute/ });
    expect(text).toHaveAttribute("aria-invalid", "true");
    expect(text).toHaveAccessibleDescription(expect.stringContaining("Teksti on liian pitkä"));
    // The summary above the fields lists both, each leading to its field.
    const summary = screen.getByRole("alert");
    expect(
      within(summary)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["Luku on liian suuri", "Teksti on liian pitkä"]);
  });

  it("explains a 409: feedback is not open on this referral", async () => {
    serve(referral({ id: ID, status: "completed" }), () => ({
      status: 409,
      body: { type: "https://polku.fi/problems/feedback-not-open", title: "x", status: 409, current: "completed" },
    }));
    renderWithProviders(<Harness party="sender" />);
    await userEvent.click(await screen.findByRole("radio", { name: "3 – Kohtalainen" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna palaute" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Palautteen voi kirjata vain päättyneeseen lähetteeseen, ja sen kirjaa lähettäjä.",
    );
  });

  it("shows the partner the recorded feedback without a form", async () => {
    serve(referral({ id: ID, status: "completed", feedback_score: 5, feedback_text: "Erinomainen kurssi" }));
    renderWithProviders(<Harness party="partner" />);
    const section = await screen.findByRole("region", { name: "Asiakaspalaute" });
    expect(section).toHaveTextContent("5 – Erinomainen");
    expect(section).toHaveTextContent("Erinomainen kurssi");
    expect(within(section).queryByRole("radio")).not.toBeInTheDocument();
    expect(within(section).queryByRole("button")).not.toBeInTheDocument();
  });

  it("is not shown before the referral is completed", async () => {
    serve(referral({ id: ID, status: "in_progress" }));
    const { container } = renderWithProviders(<Harness party="sender" />);
    await vi.waitFor(() => expect(container).toBeEmptyDOMElement());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole("region", { name: "Asiakaspalaute" })).not.toBeInTheDocument();
  });
});
