import type { TFunction } from "i18next";
import { z } from "zod";

import { isoDate } from "../../../lib/date-field";
import type { Problem } from "../../../lib/problem";
import { PLAN_TYPES, type PlanRead, type PlanType, type PlanWrite } from "../api/types";

/** The job-search obligation needs no reason at four applications a month or more (see clients-api plan schemas). */
export const DEFAULT_APPLICATIONS_PER_MONTH = 4;

export interface PlanFormValues {
  plan_type: PlanType;
  goals: { text: string }[];
  tasks: { description: string; due_on: string; done: boolean }[];
  applications_per_period: number;
  period_months: number;
  obligation_reduction_reason: string;
  next_review_on: string;
}

export const PLAN_FIELDS = [
  "plan_type",
  "goals",
  "tasks",
  "applications_per_period",
  "period_months",
  "obligation_reduction_reason",
  "next_review_on",
] as const;

export function isReduced(applications: number, months: number): boolean {
  return applications < DEFAULT_APPLICATIONS_PER_MONTH * months;
}

/** The plan's rules as the service has them (clients-api plan schemas), checked before saving. */
export function planSchema(t: TFunction) {
  const required = z
    .string()
    .trim()
    .min(1, { error: t("errors.code.missing") });
  const whole = (min: number, max: number) =>
    z
      .number({ error: t("errors.code.int_parsing") })
      .int({ error: t("errors.code.int_parsing") })
      .min(min, { error: t("errors.code.greater_than_equal") })
      .max(max, { error: t("errors.code.less_than_equal") });
  return z
    .object({
      plan_type: z.enum(PLAN_TYPES as [PlanType, ...PlanType[]]),
      goals: z
        .array(z.object({ text: required.max(1000, { error: t("errors.code.string_too_long") }) }))
        .min(1, { error: t("errors.code.list_too_short") })
        .max(20, { error: t("errors.code.too_long") }),
      tasks: z
        .array(
          z.object({
            description: required.max(1000, { error: t("errors.code.string_too_long") }),
            due_on: isoDate(t, { optional: true }),
            done: z.boolean(),
          }),
        )
        .max(50, { error: t("errors.code.too_long") }),
      applications_per_period: whole(0, 30),
      period_months: whole(1, 3),
      obligation_reduction_reason: z.string().max(1000, { error: t("errors.code.string_too_long") }),
      next_review_on: isoDate(t),
    })
    .refine(
      (plan) =>
        !isReduced(plan.applications_per_period, plan.period_months) || plan.obligation_reduction_reason.trim() !== "",
      { error: t("plan.errors.obligation_reduction_reason.reason_required"), path: ["obligation_reduction_reason"] },
    );
}

export function planToForm(plan: PlanRead | null, nextReview: string): PlanFormValues {
  if (!plan) {
    return {
      plan_type: "employment",
      goals: [{ text: "" }],
      tasks: [],
      applications_per_period: DEFAULT_APPLICATIONS_PER_MONTH,
      period_months: 1,
      obligation_reduction_reason: "",
      next_review_on: nextReview,
    };
  }
  return {
    plan_type: plan.plan_type,
    goals: plan.goals.map((text) => ({ text })),
    tasks: plan.tasks.map((task) => ({
      description: task.description,
      due_on: task.due_on ?? "",
      done: task.done ?? false,
    })),
    applications_per_period: plan.applications_per_period,
    period_months: plan.period_months,
    obligation_reduction_reason: plan.obligation_reduction_reason ?? "",
    next_review_on: plan.next_review_on,
  };
}

export function formToPlan(form: PlanFormValues): PlanWrite {
  const reduced = isReduced(form.applications_per_period, form.period_months);
  return {
    plan_type: form.plan_type,
    goals: form.goals.map((goal) => goal.text.trim()).filter(Boolean),
    tasks: form.tasks
      .filter((task) => task.description.trim())
      .map((task) => ({ description: task.description.trim(), due_on: task.due_on || null, done: task.done })),
    applications_per_period: form.applications_per_period,
    period_months: form.period_months,
    obligation_reduction_reason: reduced ? form.obligation_reduction_reason.trim() || null : null,
    next_review_on: form.next_review_on,
  };
}

/**
 * The service checks "a reduction needs a reason" across fields, so its error names the whole body; this puts
 * it on the reason field, where the coach can fix it.
 */
export function placeReductionError(problem: Problem | null): Problem | null {
  if (!problem?.errors) return problem;
  return {
    ...problem,
    errors: problem.errors.map((error) =>
      error.field === "body" && error.message.includes("obligation_reduction_reason")
        ? { ...error, field: "body.obligation_reduction_reason", code: "reason_required" }
        : error,
    ),
  };
}
