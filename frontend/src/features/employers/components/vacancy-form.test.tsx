import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import i18n from "../../../lib/i18n";
import { EMPLOYER_ID, vacancy } from "../../../testing/employers";
import { fakeApi } from "../../../testing/fetch";
import { renderWithProviders } from "../../../testing/render";
import { VacancyForm } from "./vacancy-form";

function renderForm() {
  return renderWithProviders(
    <Routes>
      <Route path="/employers/:employerId" element={<VacancyForm employerId={EMPLOYER_ID} />} />
      <Route path="/vacancies/:vacancyId" element={<p>vacancy page</p>} />
    </Routes>,
    { route: `/employers/${EMPLOYER_ID}` },
  );
}

async function fill() {
  const form = screen.getByRole("form", { name: "Uusi työpaikka" });
  await userEvent.type(within(form).getByLabelText(/^Tehtävä suomeksi/), "Toimistotyöntekijä");
  await userEvent.type(within(form).getByLabelText(/^Kuvaus/), "Asiakaspalvelu");
  await userEvent.type(within(form).getByLabelText(/^Ammatti \(ISCO-08\)/), "4110");
  await userEvent.selectOptions(within(form).getByLabelText(/^Kunta/), "398");
  await userEvent.type(within(form).getByLabelText(/^Hakuaika päättyy/), "2027-01-15");
  await userEvent.clear(within(form).getByLabelText(/^Vaaditut kielet/));
  await userEvent.type(within(form).getByLabelText(/^Vaaditut kielet/), "fi, SV");
  await userEvent.click(within(form).getByRole("checkbox", { name: "Palkkatuki" }));
  return form;
}

/** The fields beyond the required ones: address, licences, competences and requirements. */
async function fillMore(form: HTMLElement) {
  await userEvent.type(within(form).getByLabelText(/^Työpaikan osoite/), "Vesijärvenkatu 11, Lahti");
  await userEvent.click(within(form).getByRole("checkbox", { name: "B-luokka" }));
  await userEvent.type(within(form).getByLabelText(/^Muut vaaditut luvat/), "hygieniapassi, työturvallisuuskortti");
  await userEvent.type(within(form).getByLabelText(/^Osaamiset/), "4120 4131");
  await userEvent.type(within(form).getByLabelText("Vaatimukset"), "Hyvä asiakaspalveluasenne");
  return form;
}

describe("VacancyForm", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("records the vacancy for the employer and opens its page", async () => {
    const calls = fakeApi((call) =>
      call.method === "POST" && call.path === "/api/employer/v1/vacancies"
        ? { status: 201, body: vacancy({ status: "draft" }) }
        : undefined,
    );
    renderForm();
    const form = await fill();
    await fillMore(form);
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna työpaikka luonnoksena" }));
    expect(await screen.findByText("vacancy page")).toBeInTheDocument();
    expect(calls[0].body).toEqual({
      employer_id: EMPLOYER_ID,
      title_fi: "Toimistotyöntekijä",
      title_sv: null,
      title_en: null,
      description: "Asiakaspalvelu",
      occupation_code: "4110",
      municipality: "398",
      address: "Vesijärvenkatu 11, Lahti",
      remote: false,
      employment_type: "permanent",
      working_time: "full_time",
      starts_on: null,
      ends_on: null,
      application_deadline: "2027-01-15",
      languages: ["fi", "sv"],
      driving_licences: ["B"],
      other_licences: ["hygieniapassi", "työturvallisuuskortti"],
      competences: ["4120", "4131"],
      requirements: "Hyvä asiakaspalveluasenne",
      supports: ["pay_subsidy"],
      positions: 1,
    });
  });

  it("checks what the service would refuse before sending: a fixed-term job's end, a place, the codes", async () => {
    const calls = fakeApi(() => undefined);
    renderForm();
    const form = await fill();
    await userEvent.selectOptions(within(form).getByLabelText(/^Työsuhde/), "fixed_term");
    await userEvent.type(within(form).getByLabelText(/^Osaamiset/), "hitsaus");
    await userEvent.selectOptions(within(form).getByLabelText(/^Kunta/), "");
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna työpaikka luonnoksena" }));
    expect(await within(form).findByLabelText(/^Päättyy/)).toHaveAccessibleDescription(
      expect.stringContaining("Määräaikaisella työllä on päättymispäivä"),
    );
    expect(within(form).getByLabelText(/^Kunta/)).toHaveAccessibleDescription(
      "Valitse kunta tai merkitse työ etätyöksi",
    );
    expect(within(form).getByLabelText(/^Osaamiset/)).toHaveAccessibleDescription(
      expect.stringContaining("Anna osaamiset ISCO-08-koodeina"),
    );
    expect(calls).toEqual([]);
  });

  it("shows the service's field errors next to the fields and in the summary", async () => {
    fakeApi(() => ({
      status: 422,
      body: {
        type: "https://polku.fi/problems/validation",
        title: "Unprocessable",
        status: 422,
        errors: [{ field: "body.occupation_code", message: "is not an ISCO-08 code", code: "value_error" }],
      },
    }));
    renderForm();
    const form = await fill();
    await userEvent.click(within(form).getByRole("button", { name: "Tallenna työpaikka luonnoksena" }));
    const summary = await within(form).findByRole("alert");
    expect(within(summary).getByRole("link")).toHaveAttribute("href", "#occupation_code");
    expect(within(form).getByLabelText(/^Ammatti \(ISCO-08\)/)).toHaveAttribute("aria-invalid", "true");
  });
});
