import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { SavedResult } from "../../../components/saved-result";
import i18n from "../../../lib/i18n";
import { EMPLOYER_ID, EMPLOYER_SERVICES, contact } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EmployerServicesHome } from "./employer-services-home";
import { type ContactWithNextStep, NextStepActions } from "./next-step-actions";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };
const CONTACT_ID = contact().id;
const URL = `/api/employer/v1/employers/${EMPLOYER_ID}/contacts/${CONTACT_ID}`;
const STEP: ContactWithNextStep = {
  employer_id: EMPLOYER_ID,
  contact_id: CONTACT_ID,
  version: 2,
  next_step: "Soita hakuajasta",
  next_step_due: "2026-12-10",
  next_step_done: false,
  outcome: "Kolme kesätyöpaikkaa tulossa",
};

function Harness({ step = STEP }: { step?: ContactWithNextStep }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <SavedResult id="result">{done}</SavedResult>
      <NextStepActions contact={step} name="20.11.2026 Kesätyöpaikat" resultId="result" onDone={setDone} />
    </>
  );
}

describe("NextStepActions", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("marks the next step done with If-Match and says so, focused", async () => {
    const calls = fakeApi((call) =>
      call.method === "PATCH" && call.path === URL ? { status: 200, body: contact({ version: 3 }) } : undefined,
    );
    renderWithProviders(<Harness />);
    await userEvent.click(screen.getByRole("button", { name: "Merkitse tehdyksi: 20.11.2026 Kesätyöpaikat" }));
    expect(await screen.findByText("Seuraava askel merkitty tehdyksi: Soita hakuajasta.")).toHaveFocus();
    expect(calls[0].headers.get("If-Match")).toBe('"v2"');
    expect(calls[0].body).toEqual({ next_step_done: true });
  });

  it("changes the next step, its due date typed the Finnish way, and the outcome", async () => {
    const calls = fakeApi((call) => (call.method === "PATCH" ? { status: 200, body: contact() } : undefined));
    renderWithProviders(<Harness />);
    await userEvent.click(
      screen.getByRole("button", { name: "Muuta seuraavaa askelta tai tulosta: 20.11.2026 Kesätyöpaikat" }),
    );
    const form = screen.getByRole("form", { name: "Seuraava askel ja tulos: 20.11.2026 Kesätyöpaikat" });
    expect(within(form).getByRole("heading")).toHaveFocus();
    expect(within(form).getByLabelText("Seuraavan askeleen määräpäivä")).toHaveValue("10.12.2026");
    await userEvent.clear(within(form).getByLabelText("Seuraava askel"));
    await userEvent.type(within(form).getByLabelText("Seuraava askel"), "Lähetä ehdokkaat");
    await userEvent.clear(within(form).getByLabelText("Seuraavan askeleen määräpäivä"));
    await userEvent.type(within(form).getByLabelText("Seuraavan askeleen määräpäivä"), "15.12.2026");
    await userEvent.clear(within(form).getByLabelText("Tulos"));
    await userEvent.type(within(form).getByLabelText("Tulos"), "Kaksi paikkaa");
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByText("Yhteydenoton seuraava askel ja tulos tallennettu.")).toHaveFocus();
    expect(calls[0].body).toEqual({
      next_step: "Lähetä ehdokkaat",
      next_step_due: "2026-12-15",
      outcome: "Kaksi paikkaa",
    });
  });

  it("refuses a due date that is not a day, next to the field, sending nothing", async () => {
    const calls = fakeApi(() => undefined);
    renderWithProviders(<Harness />);
    await userEvent.click(
      screen.getByRole("button", { name: "Muuta seuraavaa askelta tai tulosta: 20.11.2026 Kesätyöpaikat" }),
    );
    const form = screen.getByRole("form", { name: /^Seuraava askel ja tulos/ });
    await userEvent.clear(within(form).getByLabelText("Seuraavan askeleen määräpäivä"));
    await userEvent.type(within(form).getByLabelText("Seuraavan askeleen määräpäivä"), "32.12.2026");
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await within(form).findByLabelText("Seuraavan askeleen määräpäivä")).toHaveAttribute("aria-invalid", "true");
    expect(calls).toEqual([]);
  });

  it("says plainly when someone else changed the contact meanwhile (412)", async () => {
    fakeApi(() => ({
      status: 412,
      body: {
        type: "https://polku.fi/problems/precondition-failed",
        title: "Changed",
        status: 412,
        current_version: 3,
      },
    }));
    renderWithProviders(<Harness />);
    await userEvent.click(screen.getByRole("button", { name: "Merkitse tehdyksi: 20.11.2026 Kesätyöpaikat" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Joku muu muutti yhteydenottoa sillä välin. Mitään ei tallennettu.",
    );
  });

  it("marks a next step done from the home's list of next steps due, which then leaves the list", async () => {
    let done = false;
    const calls = fakeApi((call) => {
      if (call.path.startsWith("/api/employer/v1/next-steps-due"))
        return {
          status: 200,
          body: done
            ? []
            : [
                {
                  contact_id: CONTACT_ID,
                  employer_id: EMPLOYER_ID,
                  employer_name: "Lahden Konepaja Oy",
                  next_step: "Soita hakuajasta",
                  next_step_due: "2026-11-30",
                  overdue: true,
                  contacted_on: "2026-11-20",
                  staff_subject: EMPLOYER_SERVICES,
                  staff_name: "Sanna Heikkinen",
                  staff_organisation_name: "Lahden kaupunki",
                  version: 1,
                },
              ],
        };
      if (call.method === "PATCH") {
        done = true;
        return { status: 200, body: contact({ version: 2 }) };
      }
      return { status: 200, body: call.path.includes("/vacancies") ? { items: [], next_cursor: null } : [] };
    });
    renderWithProviders(<EmployerServicesHome me={SANNA} />);
    const steps = await screen.findByRole("region", { name: "Seuraavat askeleet työnantajien kanssa" });
    await userEvent.click(
      await within(steps).findByRole("button", { name: "Merkitse tehdyksi: Lahden Konepaja Oy, Soita hakuajasta" }),
    );
    expect(await within(steps).findByText("Seuraava askel merkitty tehdyksi: Soita hakuajasta.")).toHaveFocus();
    expect(await within(steps).findByText("Ei avoimia seuraavia askeleita.")).toBeInTheDocument();
    const patch = calls.find((call) => call.method === "PATCH");
    expect(patch?.path).toBe(URL);
    expect(patch?.headers.get("If-Match")).toBe('"v1"');
  });

  it("from a list that carries no outcome, asks for none and sends none, so the saved one is kept", async () => {
    const calls = fakeApi((call) => (call.method === "PATCH" ? { status: 200, body: contact() } : undefined));
    renderWithProviders(<Harness step={{ ...STEP, outcome: undefined }} />);
    await userEvent.click(
      screen.getByRole("button", { name: "Muuta seuraavaa askelta tai tulosta: 20.11.2026 Kesätyöpaikat" }),
    );
    const form = screen.getByRole("form", { name: /^Seuraava askel ja tulos/ });
    expect(within(form).queryByLabelText("Tulos")).not.toBeInTheDocument();
    await userEvent.clear(within(form).getByLabelText("Seuraava askel"));
    await userEvent.type(within(form).getByLabelText("Seuraava askel"), "Sovi käynti");
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna" }));
    await screen.findByText("Yhteydenoton seuraava askel ja tulos tallennettu.");
    expect(calls[0].body).toEqual({ next_step: "Sovi käynti", next_step_due: "2026-12-10" });
  });
});
