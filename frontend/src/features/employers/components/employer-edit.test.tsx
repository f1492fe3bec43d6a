import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { employer, EMPLOYER_ID, EMPLOYER_SERVICES, withStaff } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { EmployerEdit } from "./employer-edit";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };
const URL = `/api/employer/v1/employers/${EMPLOYER_ID}`;

async function open() {
  renderWithProviders(<EmployerEdit employer={employer()} me={SANNA} />);
  await userEvent.click(screen.getByRole("button", { name: "Muokkaa tietoja" }));
  const form = screen.getByRole("form", { name: "Muokkaa työnantajan tietoja" });
  expect(within(form).getByRole("heading", { name: "Muokkaa työnantajan tietoja" })).toHaveFocus();
  return form;
}

describe("EmployerEdit", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends the whole employer back with If-Match, and says who saved it once saved", async () => {
    const calls = fakeApi(
      withStaff((call) =>
        call.method === "PATCH" && call.path === URL
          ? {
              status: 200,
              body: employer({
                size_class: "medium",
                network_member: true,
                changed_by: EMPLOYER_SERVICES,
                changed_by_name: "Sanna Heikkinen",
                version: 2,
              }),
            }
          : undefined,
      ),
    );
    const form = await open();
    // What is saved now fills the form.
    // The employer's name comes first; each contact person has a name of their own.
    expect(within(form).getAllByLabelText(/^Nimi/)[0]).toHaveValue("Lahden Konepaja Oy");
    expect(within(form).getByLabelText("Kokoluokka")).toHaveValue("small");
    expect(within(form).getByRole("checkbox", { name: "Lahti" })).toBeChecked();
    const riikka = within(form).getByRole("group", { name: "Yhteyshenkilö 1" });
    expect(within(riikka).getByLabelText(/^Nimi/)).toHaveValue("Riikka Rekrytoija");
    // The account manager saved now is offered beside the signed-in worker, by the subject the service keeps.
    expect(within(form).getByLabelText("Vastuuhenkilö")).toHaveValue("employer-services-1");

    await userEvent.selectOptions(within(form).getByLabelText("Kokoluokka"), "medium");
    await userEvent.click(within(form).getByRole("checkbox", { name: "Työnantajaverkoston jäsen" }));
    await userEvent.selectOptions(within(form).getByLabelText("Vastuuhenkilö"), EMPLOYER_SERVICES);
    await userEvent.click(within(form).getByRole("button", { name: "Lisää yhteyshenkilö" }));
    const teppo = within(form).getByRole("group", { name: "Yhteyshenkilö 2" });
    await userEvent.type(within(teppo).getByLabelText(/^Nimi/), "Teppo Työnjohtaja");
    await userEvent.type(within(teppo).getByLabelText("Rooli työnantajalla"), "Työnjohtaja");
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));

    const result = await screen.findByText("Työnantajan tiedot tallennettu (versio 2), tallensi Sanna Heikkinen.");
    expect(result).toHaveFocus();
    expect(screen.queryByRole("form", { name: "Muokkaa työnantajan tietoja" })).not.toBeInTheDocument();
    const patch = calls.find((call) => call.method === "PATCH");
    expect(patch?.headers.get("If-Match")).toBe('"v1"');
    expect(patch?.body).toEqual({
      business_id: "0246246-0",
      name: "Lahden Konepaja Oy",
      industry_code: "25620",
      size_class: "medium",
      municipalities: ["398"],
      contact_people: [
        { name: "Riikka Rekrytoija", role: "HR-päällikkö", phone: null, email: null },
        { name: "Teppo Työnjohtaja", role: "Työnjohtaja", phone: null, email: null },
      ],
      account_manager_subject: EMPLOYER_SERVICES,
      consents_to_contact: true,
      network_member: true,
    });
  });

  it("shows the service's field errors next to the field and in the summary, which takes focus", async () => {
    fakeApi(
      withStaff(() => ({
        status: 422,
        body: {
          type: "https://polku.fi/problems/validation-error",
          title: "Invalid request",
          status: 422,
          errors: [{ field: "body.industry_code", message: "not a TOL 2008 code", code: "value_error" }],
        },
      })),
    );
    const form = await open();
    await userEvent.clear(within(form).getByLabelText(/^Toimialakoodi/));
    await userEvent.type(within(form).getByLabelText(/^Toimialakoodi/), "99999");
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    const summary = await within(form).findByRole("alert");
    expect(summary.parentElement).toHaveFocus();
    expect(within(summary).getByRole("link", { name: "Tarkista tieto" })).toHaveAttribute("href", "#industry_code");
    expect(within(form).getByLabelText(/^Toimialakoodi/)).toHaveAttribute("aria-invalid", "true");
  });

  it("overwrites nothing when someone saved in between (412), and loads the newer version to change again", async () => {
    let patches = 0;
    const calls = fakeApi(
      withStaff((call) => {
        if (call.method === "PATCH") {
          patches += 1;
          return patches === 1
            ? {
                status: 412,
                body: {
                  type: "https://polku.fi/problems/precondition-failed",
                  title: "Changed meanwhile",
                  status: 412,
                  current_version: 3,
                },
              }
            : { status: 200, body: employer({ name: "Konepaja Lahti Oy", version: 4 }) };
        }
        if (call.method === "GET" && call.path === URL)
          return { status: 200, body: employer({ name: "Konepaja Lahti Oy", version: 3 }) };
        return undefined;
      }),
    );
    const form = await open();
    await userEvent.click(within(form).getByRole("checkbox", { name: "Työnantajaverkoston jäsen" }));
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    const conflict = await within(form).findByRole("alert");
    expect(conflict).toHaveTextContent("Muutoksiasi ei tallennettu");
    expect(conflict).toHaveTextContent("uudemman version (versio 3)");
    expect(conflict.parentElement).toHaveFocus();

    await userEvent.click(within(conflict).getByRole("button", { name: "Avaa uudempi versio" }));
    expect(await within(form).findByDisplayValue("Konepaja Lahti Oy")).toBeInTheDocument();
    expect(within(form).queryByRole("alert")).not.toBeInTheDocument();
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    await screen.findByText(/^Työnantajan tiedot tallennettu \(versio 4\)/);
    expect(calls.filter((call) => call.method === "PATCH").map((call) => call.headers.get("If-Match"))).toEqual([
      '"v1"',
      '"v3"',
    ]);
  });

  it("offers the worker first, then the colleagues by name, then the manager saved now, and sends the one chosen", async () => {
    const calls = fakeApi(
      withStaff((call) =>
        call.method === "PATCH"
          ? {
              status: 200,
              body: employer({ account_manager_subject: "es-aino", account_manager_name: "Aino Aalto", version: 2 }),
            }
          : undefined,
      ),
    );
    renderWithProviders(
      <EmployerEdit
        employer={employer({ account_manager_subject: "left-1", account_manager_name: "Lasse Lähtenyt" })}
        me={SANNA}
      />,
    );
    await userEvent.click(screen.getByRole("button", { name: "Muokkaa tietoja" }));
    const form = screen.getByRole("form", { name: "Muokkaa työnantajan tietoja" });
    const manager = within(form).getByLabelText("Vastuuhenkilö");
    await within(manager).findByRole("option", { name: "Aino Aalto" });
    expect(
      within(manager)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Ei nimetty", "Sanna Heikkinen (sinä)", "Aino Aalto", "Örjan Öhman", "Lasse Lähtenyt"]);
    expect(manager).toHaveDisplayValue("Lasse Lähtenyt");

    await userEvent.selectOptions(manager, "Aino Aalto");
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByText(/^Työnantajan tiedot tallennettu \(versio 2\)/)).toBeInTheDocument();
    expect(calls.find((call) => call.method === "PATCH")?.body).toMatchObject({ account_manager_subject: "es-aino" });
    expect(calls.some((call) => call.path === "/api/employer/v1/staff?role=employer_services")).toBe(true);
  });

  it("says next to the account manager when the service does not know the person chosen", async () => {
    fakeApi(
      withStaff(() => ({
        status: 422,
        body: {
          type: "https://polku.fi/problems/unknown-account-manager",
          title: "The account manager is not a known staff member of the organisation",
          status: 422,
          errors: [
            {
              field: "body.account_manager_subject",
              message: "is not a staff member of the organisation known to the service",
              code: "unknown_staff",
            },
          ],
        },
      })),
    );
    const form = await open();
    const manager = within(form).getByLabelText("Vastuuhenkilö");
    await within(manager).findByRole("option", { name: "Örjan Öhman" });
    await userEvent.selectOptions(manager, "Örjan Öhman");
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    const message = "Valitse vastuuhenkilö luettelosta: palvelu ei tunne häntä organisaatiosi työntekijänä.";
    const summary = await within(form).findByRole("alert");
    expect(summary.parentElement).toHaveFocus();
    expect(within(summary).getByRole("link", { name: message })).toBeInTheDocument();
    expect(within(form).getByLabelText("Vastuuhenkilö")).toHaveAttribute("aria-invalid", "true");
  });
});
