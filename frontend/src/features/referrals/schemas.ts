/**
 * What the referral screens check before sending: the same rules referrals-api enforces (lengths, a reason to
 * reject, an outcome to complete), so that mistakes are shown at once next to their fields. The service remains
 * the authority; its field errors are shown in the same places.
 */
import type { TFunction } from "i18next";
import { z } from "zod";

import { OUTCOMES, type Outcome, REFERRAL_DATA_CATEGORIES, type DataCategory } from "./api/types";
import { MAX_DOCUMENT_BYTES, mediaTypeOf } from "./documents";

const text = (t: TFunction, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: t("errors.code.missing") })
    .min(min, { error: t("referral.tooShort", { count: min }) })
    .max(max, { error: t("errors.code.string_too_long") });

export function referSchema(t: TFunction) {
  return z.object({
    service_id: z.string().min(1, { error: t("refer.chooseService") }),
    categories: z
      .array(z.enum(REFERRAL_DATA_CATEGORIES as [DataCategory, ...DataCategory[]]))
      .min(1, { error: t("consent.chooseCategory") }),
    reason: text(t, 3, 2000),
  });
}
export type ReferForm = z.infer<ReturnType<typeof referSchema>>;

export function transitionSchema(t: TFunction) {
  return z
    .object({
      status: z.string().min(1, { error: t("transition.chooseMove") }),
      reason: z
        .string()
        .trim()
        .max(2000, { error: t("errors.code.string_too_long") }),
      outcome: z.union([z.literal(""), z.enum(OUTCOMES as [Outcome, ...Outcome[]])]),
      note: z
        .string()
        .trim()
        .max(2000, { error: t("errors.code.string_too_long") }),
    })
    .superRefine((form, context) => {
      if (form.status === "rejected" && form.reason.length < 3) {
        context.addIssue({ code: "custom", path: ["reason"], message: t("transition.reasonRequired") });
      }
      if (form.status === "completed" && !form.outcome) {
        context.addIssue({ code: "custom", path: ["outcome"], message: t("transition.outcomeRequired") });
      }
    });
}
export type TransitionForm = z.infer<ReturnType<typeof transitionSchema>>;

export function progressSchema(t: TFunction) {
  return z.object({ note: text(t, 3, 2000) });
}
export type ProgressForm = z.infer<ReturnType<typeof progressSchema>>;

export const FEEDBACK_SCORES = ["1", "2", "3", "4", "5"] as const;

/** The client's feedback as referrals-api takes it: a score of 1–5 and at most 2,000 characters of text. */
export function feedbackSchema(t: TFunction) {
  return z.object({
    score: z.string().refine((score) => (FEEDBACK_SCORES as readonly string[]).includes(score), {
      error: t("referral.feedback.chooseScore"),
    }),
    text: z
      .string()
      .trim()
      .max(2000, { error: t("errors.code.string_too_long") }),
  });
}
export type FeedbackForm = z.infer<ReturnType<typeof feedbackSchema>>;

/** A document to attach: one file, of an accepted type, not empty and at most 1 MiB. */
export function uploadSchema(t: TFunction) {
  return z.object({
    file: z.custom<FileList | null | undefined>().superRefine((files, context) => {
      const file = files?.[0];
      const issue = (message: string) => context.addIssue({ code: "custom", message });
      if (!file) return issue(t("referral.upload.chooseFile"));
      if (!mediaTypeOf(file)) return issue(t("referral.upload.wrongType"));
      if (file.size > MAX_DOCUMENT_BYTES) return issue(t("referral.upload.tooLarge"));
      if (file.size === 0) return issue(t("referral.upload.empty"));
    }),
  });
}
export type UploadForm = z.infer<ReturnType<typeof uploadSchema>>;
