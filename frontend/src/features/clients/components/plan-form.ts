import type { Problem } from "../../../lib/problem";
import type { PlanRead, PlanType, PlanWrite } from "../api/types";

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
    tasks: plan.tasks.map((task) => ({ description: task.description, due_on: task.due_on ?? "", done: task.done ?? false })),
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
