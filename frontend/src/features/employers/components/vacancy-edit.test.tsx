import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { EMPLOYER_SERVICES, vacancy } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { VacancyEdit, vacancyEditable } from "./vacancy-edit";

const SANNA = { subject: EMPLOYER_SERVICES, name: "Sanna Heikkinen", roles: ["employer_services"] };
const SAVED = vacancy({
  employment_type: "fixed_term",
  starts_on: "2027-01-01",
  ends_on: "2027-06-30",
  driving_licences: ["B"],
  other_licences: ["Tulityökortti"],
  competences: ["7212"],
  requirements: "Koneistuksen perustaidot",
  address: "Niemenkatu 73, Lahti",
});
const URL = `/api/employer/v1/vacancies/${SAVED.id}`;

async function open() {
  renderWithProviders(<VacancyEdit vacancy={SAVED} me={SANNA} />);
  await userEvent.click(screen.getByRole("button", { name: "Muokkaa työpaikkaa" }));
  const form = screen.getByRole("form", { name: "Muokkaa työpaikan tietoja" });
  expect(within(form).getByRole("heading", { name: "Muokkaa työpaikan tietoja" })).toHaveFocus();
  return form;
}

describe("VacancyEdit", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is offered while the vacancy has not ended", () => {
    expect(
      ["draft", "published", "expired", "filled", "closed"].map((status) =>
        vacancyEditable(vacancy({ status: status as never })),
      ),
    ).toEqual([true, true, true, false, false]);
  });

  it("fills the form with what is saved and sends every field back with If-Match", async () => {
    const calls = fakeApi((call) =>
      call.method === "PATCH" && call.path === URL
        ? { status: 200, body: { ...SAVED, changed_by_name: "Sanna Heikkinen", version: 2 } }
        : undefined,
    );
    const form = await open();
    expect(within(form).getByLabelText(/^Alkaa/)).toHaveValue("1.1.2027");
    expect(within(form).getByRole("checkbox", { name: "B-luokka" })).toBeChecked();
    expect(within(form).getByLabelText(/^Muut vaaditut luvat/)).toHaveValue("Tulityökortti");
    await userEvent.clear(within(form).getByLabelText("Vaatimukset"));
    await userEvent.type(within(form).getByLabelText("Vaatimukset"), "Koneistajan ammattitutkinto");
    await userEvent.click(within(form).getByRole("checkbox", { name: "C-luokka" }));
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));

    expect(await screen.findByText("Työpaikan tiedot tallennettu (versio 2), tallensi Sanna Heikkinen.")).toHaveFocus();
    const patch = calls.find((call) => call.method === "PATCH");
    expect(patch?.headers.get("If-Match")).toBe('"v1"');
    expect(patch?.body).toEqual({
      title_fi: "Koneistaja",
      title_sv: "Maskinarbetare",
      title_en: null,
      description: "CNC-koneistus",
      occupation_code: "7223",
      municipality: "398",
      address: "Niemenkatu 73, Lahti",
      remote: false,
      employment_type: "fixed_term",
      working_time: "full_time",
      starts_on: "2027-01-01",
      ends_on: "2027-06-30",
      application_deadline: "2026-12-31",
      languages: ["fi"],
      driving_licences: ["B", "C"],
      other_licences: ["Tulityökortti"],
      competences: ["7212"],
      requirements: "Koneistajan ammattitutkinto",
      supports: ["pay_subsidy"],
      positions: 1,
    });
  });

  it("shows the service's field error next to the field", async () => {
    fakeApi(() => ({
      status: 422,
      body: {
        type: "https://polku.fi/problems/invalid-vacancy",
        title: "The vacancy is not valid",
        status: 422,
        errors: [{ field: "body.ends_on", message: "is before starts_on", code: "value_error" }],
      },
    }));
    const form = await open();
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    const summary = await within(form).findByRole("alert");
    expect(within(summary).getByRole("link")).toHaveAttribute("href", "#ends_on");
    expect(within(form).getByLabelText(/^Päättyy/)).toHaveAttribute("aria-invalid", "true");
  });

  it("says that nothing was overwritten when someone saved in between (412)", async () => {
    fakeApi(() => ({
      status: 412,
      body: {
        type: "https://polku.fi/problems/precondition-failed",
        title: "Changed",
        status: 412,
        current_version: 5,
      },
    }));
    const form = await open();
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    const conflict = await within(form).findByRole("alert");
    expect(conflict).toHaveTextContent("Joku toinen tallensi työpaikasta uudemman version (versio 5)");
    expect(within(conflict).getByRole("button", { name: "Avaa uudempi versio" })).toBeInTheDocument();
  });

  it("says when the vacancy has ended meanwhile (409)", async () => {
    fakeApi(() => ({
      status: 409,
      body: { type: "https://polku.fi/problems/vacancy-not-editable", title: "Ended", status: 409 },
    }));
    const form = await open();
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("Työpaikka on jo täytetty tai suljettu");
  });
});
