import { beforeEach, describe, expect, it } from "vitest";

import i18n from "../../lib/i18n";
import { todayInHelsinki } from "../../lib/format";
import { planSchema } from "./components/plan-form";
import { consentSchema, registrationSchema } from "./schemas";

const t = i18n.t.bind(i18n);

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

describe("form rules", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("fi");
  });

  const person = {
    personal_identity_code: "131052-308T",
    first_names: "Matti",
    last_name: "Meikäläinen",
    email: "",
    phone: "",
    home_municipality: "398",
    languages: ["fi"],
    job_search_started_on: todayInHelsinki(),
  };

  it("registration: accepts a complete person, leaves the check character to the service, refuses a future start", () => {
    expect(registrationSchema(t).safeParse(person).success).toBe(true);
    expect(registrationSchema(t).safeParse({ ...person, personal_identity_code: "131052-308A" }).success).toBe(true);
    const future = registrationSchema(t).safeParse({ ...person, job_search_started_on: "2999-01-01", email: "x@" });
    expect(messages(future)).toEqual({
      job_search_started_on: "Työnhaku ei voi alkaa tulevaisuudessa",
      email: "Anna sähköpostiosoite, esimerkiksi nimi@esimerkki.fi",
    });
  });

  const plan = {
    plan_type: "employment" as const,
    goals: [{ text: "Työ" }],
    tasks: [],
    applications_per_period: 8,
    period_months: 2,
    obligation_reduction_reason: "",
    next_review_on: "2027-01-01",
  };

  it("plan: four applications a month need no reason, fewer do (per month of the period)", () => {
    expect(planSchema(t).safeParse(plan).success).toBe(true);
    expect(messages(planSchema(t).safeParse({ ...plan, applications_per_period: 7 }))).toEqual({
      obligation_reduction_reason: "Kirjaa peruste, kun hakemuksia on alle neljä kuukaudessa",
    });
    expect(
      planSchema(t).safeParse({ ...plan, applications_per_period: 7, obligation_reduction_reason: "Osa-aikatyö" })
        .success,
    ).toBe(true);
    expect(
      messages(planSchema(t).safeParse({ ...plan, period_months: 4, applications_per_period: Number.NaN })),
    ).toMatchObject({
      period_months: "Luku on liian suuri",
      applications_per_period: "Anna kokonaisluku",
    });
  });

  it("consent: at least one category, and an end that is not before the start", () => {
    const result = consentSchema(t).safeParse({
      recipient_organisation_id: "0b0c8f6e-6f1a-4c36-9d55-000000000003",
      categories: [],
      purpose: "Kuntoutus",
      valid_from: "2026-12-01",
      valid_until: "2026-11-30",
    });
    expect(messages(result)).toEqual({
      categories: "Valitse vähintään yksi",
      valid_until: "Päättymispäivä ei voi olla ennen alkamispäivää",
    });
  });
});
