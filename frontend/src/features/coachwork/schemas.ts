/**
 * What the coach's work forms check before sending: the same rules the clients service enforces (a reason of at
 * least three characters, at most a thousand), so that most mistakes are shown at once next to their fields. The
 * service remains the authority; its field errors are shown in the same places.
 */
import type { TFunction } from "i18next";
import { z } from "zod";

import { isoDate } from "../../lib/date-field";

const required = (t: TFunction) =>
  z
    .string()
    .trim()
    .min(1, { error: t("errors.code.missing") });
const reason = (t: TFunction) =>
  z
    .string()
    .trim()
    .min(3, { error: t("coachwork.errors.reasonTooShort") })
    .max(1000, { error: t("errors.code.string_too_long") });

export function waiverSchema(t: TFunction) {
  return z.object({ deadline: required(t), reason: reason(t) });
}
export type WaiverForm = z.infer<ReturnType<typeof waiverSchema>>;

export function cancelSchema(t: TFunction) {
  return z.object({ interview: required(t), party: required(t), reason: reason(t) });
}
export type CancelForm = z.infer<ReturnType<typeof cancelSchema>>;

export function supplementarySchema(t: TFunction) {
  return z.object({
    // Empty: the rule set's number when the assessment records a need for more support.
    supplementary_interviews: z
      .string()
      .trim()
      .refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) <= 12), {
        error: t("coachwork.errors.supplementaryRange"),
      }),
  });
}
export type SupplementaryForm = z.infer<ReturnType<typeof supplementarySchema>>;

export function assignmentSchema(t: TFunction) {
  return z.object({ coach_subject: z.string(), team_id: z.string(), reason: reason(t) });
}
export type AssignmentForm = z.infer<ReturnType<typeof assignmentSchema>>;

export function periodEndSchema(t: TFunction) {
  return z.object({ ended_on: isoDate(t), reason: required(t), notes: z.string().trim().max(2000) });
}
export type PeriodEndForm = z.infer<ReturnType<typeof periodEndSchema>>;

export function periodStartSchema(t: TFunction) {
  return z.object({ started_on: isoDate(t) });
}
export type PeriodStartForm = z.infer<ReturnType<typeof periodStartSchema>>;

const name = (t: TFunction) => required(t).max(200, { error: t("errors.code.string_too_long") });

export function teamSchema(t: TFunction) {
  return z.object({ name: name(t) });
}
export type TeamForm = z.infer<ReturnType<typeof teamSchema>>;

export function memberSchema(t: TFunction) {
  return z.object({ coach_subject: required(t) });
}
export type MemberForm = z.infer<ReturnType<typeof memberSchema>>;
