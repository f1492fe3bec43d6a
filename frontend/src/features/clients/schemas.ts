/**
 * What the client screens check before sending: the same rules the clients service enforces, so that most
 * mistakes are shown at once next to their fields. The service remains the authority (the identity code's check
 * character, duplicates); its field errors are shown in the same places.
 */
import type { TFunction } from "i18next";
import { z } from "zod";

import { isoDate } from "../../lib/date-field";
import { parseDateInput, parseTimeInput, todayInHelsinki } from "../../lib/format";
import { DATA_CATEGORIES, type DataCategory } from "./api/types";

const IDENTITY_CODE_SHAPE = /^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/i; // ddmmyy, century sign, individual number, check
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

const required = (t: TFunction) =>
  z
    .string()
    .trim()
    .min(1, { error: t("errors.code.missing") });
const optionalText = (t: TFunction, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: t("errors.code.string_too_long") });

export function registrationSchema(t: TFunction) {
  return z.object({
    personal_identity_code: required(t).regex(IDENTITY_CODE_SHAPE, {
      error: t("register.errors.personal_identity_code.value_error"),
    }),
    first_names: required(t).max(200, { error: t("errors.code.string_too_long") }),
    last_name: required(t).max(200, { error: t("errors.code.string_too_long") }),
    email: z.union([z.literal(""), z.email({ error: t("register.errors.email.value_error") })]),
    phone: z.union([
      z.literal(""),
      z
        .string()
        .trim()
        .regex(PHONE, { error: t("register.errors.phone.string_pattern_mismatch") }),
    ]),
    home_municipality: z.string().regex(/^\d{3}$/, { error: t("errors.code.missing") }),
    languages: z.array(z.string()),
    job_search_started_on: isoDate(t).refine((day) => day <= todayInHelsinki(), {
      error: t("register.errors.job_search_started_on.future_date"),
    }),
  });
}
export type RegistrationForm = z.infer<ReturnType<typeof registrationSchema>>;

export function interviewSchema(t: TFunction) {
  return z.object({
    held_on: required(t).refine((value) => parseDateInput(value) !== null, {
      error: t("errors.code.date_from_datetime_parsing"),
    }),
    channel: required(t),
    notes: optionalText(t, 5000),
  });
}
export type InterviewForm = z.infer<ReturnType<typeof interviewSchema>>;

/** Booking a meeting: the day and time as written in Finland (``3.12.2026``, ``9.30``), read by lib/format. */
export function meetingSchema(t: TFunction) {
  return z.object({
    deadline: required(t),
    date: required(t).refine((value) => parseDateInput(value) !== null, {
      error: t("errors.code.date_from_datetime_parsing"),
    }),
    time: required(t).refine((value) => parseTimeInput(value) !== null, { error: t("meetings.errors.time.invalid") }),
    duration_minutes: required(t).regex(/^\d{2,3}$/, { error: t("meetings.errors.duration_minutes.invalid") }),
    channel: required(t),
    location: optionalText(t, 500),
  });
}
export type MeetingForm = z.infer<ReturnType<typeof meetingSchema>>;

export function statusChangeSchema(t: TFunction) {
  return z.object({
    status: required(t),
    changed_on: isoDate(t),
    reason: optionalText(t, 1000),
  });
}
export type StatusChangeForm = z.infer<ReturnType<typeof statusChangeSchema>>;

export function consentSchema(t: TFunction) {
  return z
    .object({
      recipient_organisation_id: required(t),
      categories: z
        .array(z.enum(DATA_CATEGORIES as [DataCategory, ...DataCategory[]]))
        .min(1, { error: t("consent.chooseCategory") }),
      purpose: required(t)
        .min(3, { error: t("consent.purposeTooShort") })
        .max(500, { error: t("errors.code.string_too_long") }),
      valid_from: isoDate(t),
      valid_until: isoDate(t, { optional: true }),
    })
    .refine((consent) => !consent.valid_until || consent.valid_until >= consent.valid_from, {
      error: t("consent.untilBeforeFrom"),
      path: ["valid_until"],
    });
}
export type ConsentForm = z.infer<ReturnType<typeof consentSchema>>;

export function episodeSchema(t: TFunction) {
  return z
    .object({
      type: required(t),
      starts_on: isoDate(t),
      ends_on: isoDate(t, { optional: true }),
      provider_name: optionalText(t, 200),
    })
    .refine((episode) => !episode.ends_on || episode.ends_on >= episode.starts_on, {
      error: t("episodes.errors.ends_on.ends_before_start"),
      path: ["ends_on"],
    });
}
export type EpisodeForm = z.infer<ReturnType<typeof episodeSchema>>;

export function episodeEndSchema(t: TFunction) {
  return z.object({ ends_on: isoDate(t) });
}
export type EpisodeEndForm = z.infer<ReturnType<typeof episodeEndSchema>>;

export function dutyClearanceSchema(t: TFunction) {
  return z.object({
    reason: required(t).max(2000, { error: t("errors.code.string_too_long") }),
  });
}
export type DutyClearanceForm = z.infer<ReturnType<typeof dutyClearanceSchema>>;

/** ``none`` clears it; the day it began is asked for only when someone is waited for. */
export function waitingOnSchema(t: TFunction) {
  return z
    .object({ waiting_on: required(t), since: isoDate(t, { optional: true }) })
    .refine((form) => form.waiting_on === "none" || form.since !== "", {
      error: t("errors.code.missing"),
      path: ["since"],
    });
}
export type WaitingOnForm = z.infer<ReturnType<typeof waitingOnSchema>>;

/** Empty clears the code; otherwise two letters (the service checks them against the ISO lists). */
export function registrationDataSchema(t: TFunction) {
  const code = (key: string) =>
    z
      .string()
      .trim()
      .refine((value) => value === "" || /^[A-Za-z]{2}$/.test(value), { error: t(key) });
  return z.object({
    citizenship: code("client.registration.errors.citizenship.value_error"),
    mother_tongue: code("client.registration.errors.mother_tongue.value_error"),
  });
}
export type RegistrationDataForm = z.infer<ReturnType<typeof registrationDataSchema>>;
