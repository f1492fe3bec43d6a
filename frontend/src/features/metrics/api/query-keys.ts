import type { FigureSearch } from "./get-figures";

/**
 * The metrics feature's query keys, in one place: queries name keys through this factory, never by hand.
 */
export const metricsKeys = {
  all: ["metrics"] as const,
  indicators: () => [...metricsKeys.all, "indicators"] as const,
  coachNames: () => [...metricsKeys.all, "coach-names"] as const,
  figures: (search: FigureSearch) => [...metricsKeys.all, "figures", search] as const,
};
