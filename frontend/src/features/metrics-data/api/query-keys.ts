import type { BudgetSearch } from "./get-budget";
import type { EffectivenessSearch } from "./get-effectiveness";

/** The managers' data pages' query keys, in one place: queries name keys through this factory, never by hand. */
export const metricsDataKeys = {
  all: ["metrics-data"] as const,
  imports: () => [...metricsDataKeys.all, "imports"] as const,
  budget: (search: BudgetSearch) => [...metricsDataKeys.all, "budget", search] as const,
  effectiveness: (search: EffectivenessSearch) => [...metricsDataKeys.all, "effectiveness", search] as const,
};
