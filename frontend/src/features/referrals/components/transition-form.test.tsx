import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { type Call, fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { referral } from "../../../testing/referrals";
import { TransitionForm } from "./transition-form";

const ID = "a0000000-0000-4000-8000-000000000001";

describe("TransitionForm", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("offers the partner only the moves the lifecycle allows now", () => {
    fakeApi(() => undefined);
    renderWithProviders(<TransitionForm referral={referral({ id: ID, status: "requested" })} onDone={vi.fn()} />);
    expect(screen.getAllByRole("radio").map((radio) => radio.closest("label")?.textContent)).toEqual([
      "Merkitse vastaanotetuksi",
      "Hyväksy",
      "Hylkää",
    ]);
  });

  it("needs a reason to reject, and sends it", async () => {
    const calls = fakeApi((call: Call) =>
      call.path === `/api/referrals/v1/referrals/${ID}/transitions`
        ? { status: 200, body: referral({ id: ID, status: "rejected" }) }
        : undefined,
    );
    const onDone = vi.fn();
    renderWithProviders(<TransitionForm referral={referral({ id: ID, status: "received" })} onDone={onDone} />);
    await userEvent.click(screen.getByRole("radio", { name: "Hylkää" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    const reason = await screen.findByRole("textbox", { name: /^Syy/ });
    await vi.waitFor(() => expect(reason).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Kirjoita hylkäämisen syy (vähintään 3 merkkiä)")).toBeInTheDocument();
    expect(reason).toHaveFocus();
    expect(calls).toHaveLength(0);

    await userEvent.type(reason, "Palvelu on täynnä tämän kuun");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith("rejected"));
    expect(calls[0].body).toEqual({
      status: "rejected",
      reason: "Palvelu on täynnä tämän kuun",
      outcome: null,
      note: null,
    });
  });

  it("needs an outcome to complete", async () => {
    const calls = fakeApi((call: Call) =>
      call.path.endsWith("/transitions") ? { status: 200, body: referral({ id: ID, status: "completed" }) } : undefined,
    );
    const onDone = vi.fn();
    renderWithProviders(<TransitionForm referral={referral({ id: ID, status: "in_progress" })} onDone={onDone} />);
    await userEvent.click(screen.getByRole("radio", { name: "Päätä palvelu" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    const outcome = await screen.findByRole("combobox", { name: /^Tulos/ });
    await vi.waitFor(() => expect(outcome).toHaveAccessibleDescription("Valitse palvelun tulos"));
    expect(calls).toHaveLength(0);

    await userEvent.selectOptions(outcome, "started_education");
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith("completed"));
    expect(calls[0].body).toMatchObject({ status: "completed", outcome: "started_education" });
  });

  it("explains a 409 with the moves open now", async () => {
    fakeApi((call: Call) =>
      call.path.endsWith("/transitions")
        ? {
            status: 409,
            body: {
              type: "https://polku.fi/problems/illegal-transition",
              title: "The referral cannot move to that status now",
              status: 409,
              current: "cancelled",
              allowed: [],
            },
          }
        : { status: 200, body: referral({ id: ID, status: "cancelled" }) },
    );
    renderWithProviders(<TransitionForm referral={referral({ id: ID, status: "accepted" })} onDone={vi.fn()} />);
    await userEvent.click(screen.getByRole("radio", { name: "Aloita palvelu" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Lähete ei voi siirtyä tähän vaiheeseen nyt");
    expect(alert).toHaveTextContent("Lähetteen tila on nyt Peruttu.");
    expect(alert).toHaveTextContent("Sinulle ei ole avoinna toimenpiteitä.");
  });

  it("lists the allowed moves the service names", async () => {
    fakeApi(() => ({
      status: 409,
      body: {
        type: "https://polku.fi/problems/illegal-transition",
        title: "x",
        status: 409,
        current: "received",
        allowed: ["accepted", "rejected"],
      },
    }));
    renderWithProviders(<TransitionForm referral={referral({ id: ID, status: "requested" })} onDone={vi.fn()} />);
    await userEvent.click(screen.getByRole("radio", { name: "Merkitse vastaanotetuksi" }));
    await userEvent.click(screen.getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Sallitut toimenpiteet: Hyväksy, Hylkää.");
  });
});
