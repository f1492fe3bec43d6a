import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { CLIENT_ID, EMPLOYER_ID, offer } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { ClientVacancyMatches } from "./client-vacancy-matches";

const MATCH = {
  vacancy_id: "c0ffee00-0000-4000-8000-000000000001",
  employer_id: EMPLOYER_ID,
  title_fi: "Toimistotyöntekijä",
  occupation_code: "4110",
  municipality: "398",
  application_deadline: "2026-12-31",
  score: 90,
  parts: [
    { part: "occupation", points: 40, maximum: 40, reason: "same_unit_group" },
    { part: "support_fit", points: 5, maximum: 5, reason: "long_term_unemployed_with_support" },
  ],
};

const SECOND = {
  ...MATCH,
  vacancy_id: "c0ffee00-0000-4000-8000-000000000002",
  title_fi: "Varastotyöntekijä",
  occupation_code: "4321",
  score: 70,
};

describe("ClientVacancyMatches", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the matching vacancies with the explanation, and a coach offers one from here", async () => {
    const calls = fakeApi((call) => {
      if (call.path === `/api/employer/v1/clients/${CLIENT_ID}/vacancy-matches?limit=10`)
        return { status: 200, body: [MATCH] };
      if (call.method === "POST" && call.path === "/api/employer/v1/job-offers")
        return { status: 201, body: offer({ respond_by: "2026-12-17" }) };
      return undefined;
    });
    renderWithProviders(<ClientVacancyMatches clientId={CLIENT_ID} canOffer />);
    const section = screen.getByRole("region", { name: "Sopivat työpaikat" });
    expect(section).toHaveAttribute("id", "vacancy-matches");
    const link = await within(section).findByRole("link", { name: "Toimistotyöntekijä" });
    expect(link).toHaveAttribute("href", `/vacancies/${MATCH.vacancy_id}`);
    const card = link.closest("li") as HTMLElement;
    expect(card).toHaveTextContent("Lahti · Ammatti (ISCO-08) 4110 · Hakuaika päättyy 31.12.2026");
    expect(card).toHaveTextContent("Yhteensopivuus 90/100");
    expect(card).toHaveTextContent("Tuen sopivuus: 5/5 pistettä – pitkään työttömänä, työpaikka sopii palkkatukeen");
    // The offer's form opens on request, from the match's own button.
    expect(within(card).queryByRole("form")).not.toBeInTheDocument();
    await userEvent.click(within(card).getByRole("button", { name: "Tarjoa työpaikka Toimistotyöntekijä" }));
    const form = within(card).getByRole("form", { name: "Tarjoa työpaikka Toimistotyöntekijä" });
    await userEvent.click(within(form).getByRole("button", { name: "Tee työtarjous" }));
    expect(
      await within(card).findByText(/Työtarjous tehty\. Asiakas vastaa viimeistään 17\.12\.2026\./),
    ).toBeInTheDocument();
    const post = calls.find((call) => call.method === "POST")!;
    expect(post.body).toMatchObject({ vacancy_id: MATCH.vacancy_id, client_id: CLIENT_ID });
    expect((post.body as { respond_by: string }).respond_by).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("shows the refusal when the day to answer by is refused (422 next to the field)", async () => {
    fakeApi((call) => {
      if (call.method === "GET") return { status: 200, body: [MATCH] };
      return {
        status: 422,
        body: {
          type: "https://polku.fi/problems/validation",
          title: "Unprocessable",
          status: 422,
          errors: [{ field: "body.respond_by", message: "is in the past", code: "value_error" }],
        },
      };
    });
    renderWithProviders(<ClientVacancyMatches clientId={CLIENT_ID} canOffer />);
    await userEvent.click(await screen.findByRole("button", { name: "Tarjoa työpaikka Toimistotyöntekijä" }));
    await userEvent.click(screen.getByRole("button", { name: "Tee työtarjous" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.getByLabelText(/Vastattava viimeistään/)).toHaveAttribute("aria-invalid", "true");
  });

  it("says in Finnish why an offer is refused when the vacancy is offered to the client already", async () => {
    fakeApi((call) => {
      if (call.method === "GET") return { status: 200, body: [MATCH] };
      return {
        status: 409,
        body: {
          type: "https://polku.fi/problems/job-offer-already-open",
          title: "The vacancy is already offered to the client",
          status: 409,
        },
      };
    });
    renderWithProviders(<ClientVacancyMatches clientId={CLIENT_ID} canOffer />);
    await userEvent.click(await screen.findByRole("button", { name: "Tarjoa työpaikka Toimistotyöntekijä" }));
    await userEvent.click(screen.getByRole("button", { name: "Tee työtarjous" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Työpaikka on jo tarjottu asiakkaalle, ja tarjous odottaa vastausta.");
    expect(alert).not.toHaveTextContent("already offered");
  });

  it("moves focus into the form when it opens, and back to the match's button on Cancel or Escape", async () => {
    const calls = fakeApi((call) => (call.method === "GET" ? { status: 200, body: [MATCH, SECOND] } : undefined));
    renderWithProviders(<ClientVacancyMatches clientId={CLIENT_ID} canOffer />);
    const opener = await screen.findByRole("button", { name: "Tarjoa työpaikka Varastotyöntekijä" });
    // Each match has its own button, named by the vacancy, controlling its own form.
    expect(screen.getAllByRole("button", { name: /^Tarjoa työpaikka/ })).toHaveLength(2);
    expect(opener).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(opener);
    expect(opener).toHaveAttribute("aria-expanded", "true");
    const form = screen.getByRole("form", { name: "Tarjoa työpaikka Varastotyöntekijä" });
    expect(document.getElementById(opener.getAttribute("aria-controls")!)).toContainElement(form);
    expect(screen.getAllByRole("form")).toHaveLength(1);
    await vi.waitFor(() => expect(within(form).getByLabelText(/Vastattava viimeistään/)).toHaveFocus());
    await userEvent.click(within(form).getByRole("button", { name: "Peruuta" }));
    expect(form).not.toBeInTheDocument();
    await vi.waitFor(() => expect(opener).toHaveFocus());
    await userEvent.keyboard("{Enter}");
    const again = screen.getByRole("form", { name: "Tarjoa työpaikka Varastotyöntekijä" });
    await vi.waitFor(() => expect(within(again).getByLabelText(/Vastattava viimeistään/)).toHaveFocus());
    await userEvent.keyboard("{Escape}");
    expect(again).not.toBeInTheDocument();
    await vi.waitFor(() => expect(opener).toHaveFocus());
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(0);
  });

  it("closes the form once the offer is made and moves focus to the message saying until when the client answers", async () => {
    fakeApi((call) => {
      if (call.method === "GET") return { status: 200, body: [MATCH] };
      if (call.method === "POST") return { status: 201, body: offer({ respond_by: "2026-12-17" }) };
      return undefined;
    });
    renderWithProviders(<ClientVacancyMatches clientId={CLIENT_ID} canOffer />);
    const opener = await screen.findByRole("button", { name: "Tarjoa työpaikka Toimistotyöntekijä" });
    await userEvent.click(opener);
    await userEvent.click(screen.getByRole("button", { name: "Tee työtarjous" }));
    const sent = await screen.findByText("Työtarjous tehty. Asiakas vastaa viimeistään 17.12.2026.");
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(sent).toHaveAttribute("role", "status");
    await vi.waitFor(() => expect(sent).toHaveFocus());
    // Opened again, the form is a new offer and the old message is gone.
    await userEvent.click(opener);
    expect(sent).toBeEmptyDOMElement();
  });

  it("offers nothing to a reader who is not a coach, and says when nothing matches", async () => {
    fakeApi(() => ({ status: 200, body: [] }));
    renderWithProviders(<ClientVacancyMatches clientId={CLIENT_ID} canOffer={false} />);
    expect(await screen.findByText("Asiakkaalle sopivia avoimia työpaikkoja ei löytynyt.")).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
