/**
 * What the partner network's forms check before sending: the same limits referrals-api enforces (names of 2–200
 * characters, descriptions of 10–5,000, ages 0–120, a postal code of five digits), so that most mistakes are shown
 * at once next to their fields. The service remains the authority; its field errors are shown in the same places.
 */
import type { TFunction } from "i18next";
import { z } from "zod";

import { isoDate } from "../../lib/date-field";

import type { ServiceCreate, ServiceRead, ServiceUpdate } from "./api/types";

const text = (t: TFunction, min: number, max: number, required: boolean) =>
  z
    .string()
    .trim()
    .max(max, { error: t("errors.code.string_too_long") })
    .refine((value) => (required ? value.length >= min : value === "" || value.length >= min), {
      error: required && min <= 1 ? t("errors.code.missing") : t("partners.errors.tooShort", { min }),
    });
const whole = (t: TFunction, low: number, high: number) =>
  z
    .string()
    .trim()
    .refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) >= low && Number(value) <= high), {
      error: t("partners.errors.wholeNumber", { low, high }),
    });

export function serviceSchema(t: TFunction) {
  return z
    .object({
      organisation_id: z.string(),
      name_fi: text(t, 2, 200, true),
      name_sv: text(t, 2, 200, true),
      name_en: text(t, 2, 200, false),
      description_fi: text(t, 10, 5000, true),
      description_sv: text(t, 10, 5000, true),
      description_en: text(t, 10, 5000, false),
      minimum_age: whole(t, 0, 120),
      maximum_age: whole(t, 0, 120),
      target_groups: z.array(z.string()),
      municipalities: z.array(z.string()),
      languages: z.array(z.string()).min(1, { error: t("partners.errors.language") }),
      channel: z.string(),
      street_address: text(t, 0, 200, false),
      postal_code: z
        .string()
        .trim()
        .refine((value) => value === "" || /^\d{5}$/.test(value), { error: t("partners.errors.postalCode") }),
      city: text(t, 0, 100, false),
      capacity_seats: whole(t, 0, 100000),
      capacity_period: z.string(),
      production_model: z.string().min(1, { error: t("errors.code.missing") }),
      activating_service_type: z.string(),
      status: z.string(),
      response_days: whole(t, 1, 60).refine((value) => value !== "", { error: t("errors.code.missing") }),
    })
    .refine(
      (values) =>
        values.minimum_age === "" ||
        values.maximum_age === "" ||
        Number(values.maximum_age) >= Number(values.minimum_age),
      { path: ["maximum_age"], error: t("partners.errors.ageOrder") },
    );
}
export type ServiceForm = z.infer<ReturnType<typeof serviceSchema>>;

/** The fields a 422 of the service may name (``body.<field>``), in the form's order. */
export const SERVICE_FIELDS = [
  "organisation_id",
  "name_fi",
  "name_sv",
  "name_en",
  "description_fi",
  "description_sv",
  "description_en",
  "minimum_age",
  "maximum_age",
  "target_groups",
  "municipalities",
  "languages",
  "channel",
  "street_address",
  "postal_code",
  "city",
  "capacity_seats",
  "capacity_period",
  "production_model",
  "activating_service_type",
  "status",
  "response_days",
] as const satisfies readonly (keyof ServiceForm)[];

export function serviceToForm(service: ServiceRead | null): ServiceForm {
  const number = (value: number | null | undefined) => (value == null ? "" : String(value));
  return {
    organisation_id: service?.organisation_id ?? "",
    name_fi: service?.name_fi ?? "",
    name_sv: service?.name_sv ?? "",
    name_en: service?.name_en ?? "",
    description_fi: service?.description_fi ?? "",
    description_sv: service?.description_sv ?? "",
    description_en: service?.description_en ?? "",
    minimum_age: number(service?.minimum_age),
    maximum_age: number(service?.maximum_age),
    target_groups: service?.target_groups ?? [],
    municipalities: service?.municipalities ?? [],
    languages: service?.languages ?? ["fi"],
    channel: service?.channel ?? "in_person",
    street_address: service?.street_address ?? "",
    postal_code: service?.postal_code ?? "",
    city: service?.city ?? "",
    capacity_seats: number(service?.capacity_seats),
    capacity_period: service?.capacity_period ?? "month",
    production_model: service?.production_model ?? "",
    activating_service_type: service?.activating_service_type ?? "",
    status: service?.status ?? "active",
    response_days: number(service?.response_days ?? 5),
  };
}

/**
 * The body of a publication or of a change: empty optional fields are sent as null (a change clears them), numbers
 * as numbers. The cost fields are not on the form and are left as they are.
 */
export function formToService(form: ServiceForm): ServiceUpdate & Omit<ServiceCreate, "organisation_id"> {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  const number = (value: string) => (value.trim() ? Number(value) : null);
  return {
    name_fi: form.name_fi.trim(),
    name_sv: form.name_sv.trim(),
    name_en: optional(form.name_en),
    description_fi: form.description_fi.trim(),
    description_sv: form.description_sv.trim(),
    description_en: optional(form.description_en),
    minimum_age: number(form.minimum_age),
    maximum_age: number(form.maximum_age),
    target_groups: form.target_groups as ServiceCreate["target_groups"],
    municipalities: form.municipalities,
    languages: form.languages,
    channel: form.channel as ServiceCreate["channel"],
    street_address: optional(form.street_address),
    postal_code: optional(form.postal_code),
    city: optional(form.city),
    capacity_seats: number(form.capacity_seats),
    capacity_period: form.capacity_period as ServiceCreate["capacity_period"],
    production_model: form.production_model as ServiceCreate["production_model"],
    activating_service_type: (form.activating_service_type || null) as ServiceCreate["activating_service_type"],
    status: form.status as ServiceCreate["status"],
    response_days: Number(form.response_days),
  };
}

export function organisationSchema(t: TFunction) {
  return z.object({
    id: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: t("partners.errors.uuid") }),
    name: text(t, 2, 200, true),
    type: z.string().min(1, { error: t("errors.code.missing") }),
    business_id: z
      .string()
      .trim()
      .regex(/^\d{7}-\d$/, { error: t("partners.errors.businessId") }),
    email: z
      .string()
      .trim()
      .refine((value) => value === "" || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value), {
        error: t("partners.errors.email"),
      }),
    website: z
      .string()
      .trim()
      .refine((value) => value === "" || /^https?:\/\//.test(value), { error: t("partners.errors.website") }),
    municipalities: z.array(z.string()),
    contact_name: text(t, 0, 200, false),
    contact_email: z
      .string()
      .trim()
      .refine((value) => value === "" || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value), {
        error: t("partners.errors.email"),
      }),
  });
}
export type OrganisationForm = z.infer<ReturnType<typeof organisationSchema>>;

export function jointSchema(t: TFunction) {
  return z.object({
    service_ids: z.array(z.string()).min(2, { error: t("partners.errors.twoServices") }),
    categories: z.array(z.string()).min(1, { error: t("partners.errors.category") }),
    reason: text(t, 3, 2000, true),
    team_name: text(t, 2, 200, true),
    decided_on: isoDate(t),
    decision: text(t, 3, 4000, true),
  });
}
export type JointForm = z.infer<ReturnType<typeof jointSchema>>;
