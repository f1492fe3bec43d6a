/**
 * What the employer-services forms check before sending: the rules employer-api enforces (lengths, formats, a
 * vacancy somewhere or remote, a fixed-term job with its last day), so that most mistakes are shown at once next to
 * their fields. The service remains the authority; its field errors are shown in the same places.
 */
import type { TFunction } from "i18next";
import { z } from "zod";

import { isoDate } from "../../lib/date-field";
import type {
  ContactPerson,
  DrivingLicence,
  EmployerRead,
  EmploymentType,
  SizeClass,
  VacancyCreate,
  VacancyRead,
  VacancySupport,
} from "./api/types";

/** The service refuses the NUL character in any text. */
const noNul = (value: string) => !value.includes(String.fromCharCode(0));

const required = (t: TFunction, max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(1, { error: t("errors.code.missing") })
    .min(min, { error: t("employers.form.tooShort", { count: min }) })
    .max(max, { error: t("errors.code.string_too_long") })
    .refine(noNul, { error: t("errors.code.string_pattern_mismatch") });

const optional = (t: TFunction, max: number, min = 0) =>
  z
    .string()
    .trim()
    .max(max, { error: t("errors.code.string_too_long") })
    .refine(noNul, { error: t("errors.code.string_pattern_mismatch") })
    .refine((value) => value === "" || value.length >= min, { error: t("employers.form.tooShort", { count: min }) });

/** Words typed in one field, separated by commas, semicolons or line breaks; blanks dropped. */
export function listOf(typed: string): string[] {
  return typed
    .split(/[,;\n]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The same list for codes: also spaces separate them, and they are written in lower case. */
export function codesOf(typed: string): string[] {
  return typed
    .split(/[\s,;]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,40}$/;

function contactPersonSchema(t: TFunction) {
  return z.object({
    name: required(t, 200),
    role: optional(t, 200),
    phone: z
      .string()
      .trim()
      .refine((value) => value === "" || PHONE.test(value), { error: t("employers.form.phoneInvalid") }),
    email: z
      .string()
      .trim()
      .refine((value) => value === "" || EMAIL.test(value), { error: t("employers.form.emailInvalid") }),
  });
}

/** An employer as the register and edit forms hold it. */
export function employerSchema(t: TFunction) {
  return z.object({
    business_id: required(t, 20),
    name: required(t, 200, 2),
    industry_code: required(t, 5).regex(/^\d{2,5}$/, { error: t("employers.form.industryCodeInvalid") }),
    size_class: z.string(),
    municipalities: z.array(z.string()).max(400, { error: t("errors.code.too_long") }),
    contact_people: z.array(contactPersonSchema(t)).max(50, { error: t("errors.code.too_long") }),
    account_manager_subject: z.string(),
    consents_to_contact: z.boolean(),
    network_member: z.boolean(),
  });
}
export type EmployerForm = z.infer<ReturnType<typeof employerSchema>>;

export const EMPLOYER_FIELDS = [
  "business_id",
  "name",
  "industry_code",
  "size_class",
  "municipalities",
  "contact_people",
  "account_manager_subject",
  "consents_to_contact",
  "network_member",
] as const;

export const emptyContactPerson = () => ({ name: "", role: "", phone: "", email: "" });

/** A new registration: the signed-in worker looks after the employer unless another is chosen. */
export function emptyEmployer(accountManager: string): EmployerForm {
  return {
    business_id: "",
    name: "",
    industry_code: "",
    size_class: "",
    municipalities: [],
    contact_people: [],
    account_manager_subject: accountManager,
    consents_to_contact: false,
    network_member: false,
  };
}

export function employerToForm(employer: EmployerRead): EmployerForm {
  return {
    business_id: employer.business_id,
    name: employer.name,
    industry_code: employer.industry_code,
    size_class: employer.size_class ?? "",
    municipalities: [...employer.municipalities],
    contact_people: employer.contact_people.map((person) => ({
      name: person.name,
      role: person.role ?? "",
      phone: person.phone ?? "",
      email: person.email ?? "",
    })),
    account_manager_subject: employer.account_manager_subject ?? "",
    consents_to_contact: employer.consents_to_contact,
    network_member: employer.network_member,
  };
}

/** The body the service takes, the same for a registration and a change: every field, blanks as null. */
export function employerBody(form: EmployerForm) {
  return {
    business_id: form.business_id.trim(),
    name: form.name.trim(),
    industry_code: form.industry_code.trim(),
    size_class: (form.size_class || null) as SizeClass | null,
    municipalities: form.municipalities,
    contact_people: form.contact_people.map((person): ContactPerson => ({
      name: person.name.trim(),
      role: person.role.trim() || null,
      phone: person.phone.trim() || null,
      email: person.email.trim() || null,
    })),
    account_manager_subject: form.account_manager_subject || null,
    consents_to_contact: form.consents_to_contact,
    network_member: form.network_member,
  };
}

const ISCO = /^\d{1,4}$/;
const LANGUAGE = /^[a-z]{2,3}$/;

/** A vacancy as its form holds it, for a new one and for a change alike. */
export function vacancySchema(t: TFunction) {
  return z
    .object({
      title_fi: required(t, 200, 2),
      title_sv: optional(t, 200, 2),
      title_en: optional(t, 200, 2),
      description: required(t, 10000),
      occupation_code: z
        .string()
        .trim()
        .min(1, { error: t("errors.code.missing") })
        .regex(ISCO, { error: t("employers.vacancyForm.occupationInvalid") }),
      municipality: z.string(),
      address: optional(t, 300),
      remote: z.boolean(),
      employment_type: z.string(),
      working_time: z.string(),
      starts_on: isoDate(t, { optional: true }),
      ends_on: isoDate(t, { optional: true }),
      application_deadline: isoDate(t),
      languages: z
        .string()
        .refine((typed) => codesOf(typed).every((code) => LANGUAGE.test(code)), {
          error: t("employers.vacancyForm.languagesInvalid"),
        })
        .refine((typed) => codesOf(typed).length <= 10, { error: t("errors.code.too_long") }),
      driving_licences: z.array(z.string()),
      other_licences: z
        .string()
        .refine((typed) => listOf(typed).length <= 20, { error: t("errors.code.too_long") })
        .refine(noNul, { error: t("errors.code.string_pattern_mismatch") }),
      competences: z
        .string()
        .refine((typed) => codesOf(typed).every((code) => ISCO.test(code)), {
          error: t("employers.vacancyForm.competencesInvalid"),
        })
        .refine((typed) => codesOf(typed).length <= 20, { error: t("errors.code.too_long") }),
      requirements: optional(t, 5000),
      supports: z.array(z.string()),
      positions: z
        .string()
        .trim()
        .refine((value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1000, {
          error: t("employers.vacancyForm.positionsInvalid"),
        }),
    })
    .superRefine((form, context) => {
      if (!form.municipality && !form.remote) {
        context.addIssue({ code: "custom", path: ["municipality"], message: t("employers.vacancyForm.somewhere") });
      }
      if (form.employment_type !== "permanent" && !form.ends_on) {
        context.addIssue({ code: "custom", path: ["ends_on"], message: t("employers.vacancyForm.endsOnRequired") });
      }
      if (form.starts_on && form.ends_on && form.ends_on < form.starts_on) {
        context.addIssue({ code: "custom", path: ["ends_on"], message: t("employers.vacancyForm.endsBeforeStart") });
      }
    });
}
export type VacancyForm = z.infer<ReturnType<typeof vacancySchema>>;

export const VACANCY_FIELDS = [
  "title_fi",
  "title_sv",
  "title_en",
  "description",
  "occupation_code",
  "municipality",
  "address",
  "remote",
  "employment_type",
  "working_time",
  "starts_on",
  "ends_on",
  "application_deadline",
  "languages",
  "driving_licences",
  "other_licences",
  "competences",
  "requirements",
  "supports",
  "positions",
] as const;

export const EMPTY_VACANCY: VacancyForm = {
  title_fi: "",
  title_sv: "",
  title_en: "",
  description: "",
  occupation_code: "",
  municipality: "",
  address: "",
  remote: false,
  employment_type: "permanent",
  working_time: "full_time",
  starts_on: "",
  ends_on: "",
  application_deadline: "",
  languages: "fi",
  driving_licences: [],
  other_licences: "",
  competences: "",
  requirements: "",
  supports: [],
  positions: "1",
};

export function vacancyToForm(vacancy: VacancyRead): VacancyForm {
  return {
    title_fi: vacancy.title_fi,
    title_sv: vacancy.title_sv ?? "",
    title_en: vacancy.title_en ?? "",
    description: vacancy.description,
    occupation_code: vacancy.occupation_code,
    municipality: vacancy.municipality ?? "",
    address: vacancy.address ?? "",
    remote: vacancy.remote,
    employment_type: vacancy.employment_type,
    working_time: vacancy.working_time,
    starts_on: vacancy.starts_on ?? "",
    ends_on: vacancy.ends_on ?? "",
    application_deadline: vacancy.application_deadline,
    languages: vacancy.languages.join(", "),
    driving_licences: [...vacancy.driving_licences],
    other_licences: vacancy.other_licences.join(", "),
    competences: vacancy.competences.join(", "),
    requirements: vacancy.requirements ?? "",
    supports: [...vacancy.supports],
    positions: String(vacancy.positions),
  };
}

/** The body the service takes for a new vacancy and for a change alike (less the employer): every field. */
export function vacancyBody(form: VacancyForm): Omit<VacancyCreate, "employer_id"> {
  return {
    title_fi: form.title_fi.trim(),
    title_sv: form.title_sv.trim() || null,
    title_en: form.title_en.trim() || null,
    description: form.description.trim(),
    occupation_code: form.occupation_code.trim(),
    municipality: form.municipality || null,
    address: form.address.trim() || null,
    remote: form.remote,
    employment_type: form.employment_type as EmploymentType,
    working_time: form.working_time as NonNullable<VacancyCreate["working_time"]>,
    starts_on: form.starts_on || null,
    ends_on: form.ends_on || null,
    application_deadline: form.application_deadline,
    languages: codesOf(form.languages),
    driving_licences: form.driving_licences as DrivingLicence[],
    other_licences: listOf(form.other_licences),
    competences: codesOf(form.competences),
    requirements: form.requirements.trim() || null,
    supports: form.supports as VacancySupport[],
    positions: Number(form.positions),
  };
}

/** A contact's next step and outcome, as the form that changes them holds them. */
export function nextStepSchema(t: TFunction) {
  return z.object({
    outcome: optional(t, 2000),
    next_step: optional(t, 500),
    next_step_due: isoDate(t, { optional: true }),
  });
}
export type NextStepForm = z.infer<ReturnType<typeof nextStepSchema>>;

/** Why a support is cancelled, if told (the service keeps it as the reason the support ended). */
export function cancelSupportSchema(t: TFunction) {
  return z.object({ reason: optional(t, 500) });
}
export type CancelSupportForm = z.infer<ReturnType<typeof cancelSupportSchema>>;
