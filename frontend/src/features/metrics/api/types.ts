import type { components } from "../../../client/generated/metrics";

type Schemas = components["schemas"];
export type Figures = Schemas["Figures"];
export type CellRead = Schemas["CellRead"];
export type DefinitionRead = Schemas["DefinitionRead"];
export type Group = Schemas["Group"];
export type IndicatorCode = Schemas["IndicatorCode"];
export type Unit = Schemas["Unit"];

/**
 * Every value of an enum of the API, in display order. Written as a record so that the type check fails when the
 * API gains a value the SPA does not yet name (and translate).
 */
function values<Value extends string>(record: Record<Value, true>): Value[] {
  return Object.keys(record) as Value[];
}

export const GROUPS = values<Group>({
  all: true,
  under_25: true,
  under_30: true,
  foreign_citizens: true,
  long_term_unemployed: true,
});

/** The headline indicators of the manager's home, in the order shown. */
export const HEADLINE_INDICATORS: readonly IndicatorCode[] = [
  "unemployed_job_seekers",
  "unemployed_share_of_labour_force",
  "long_term_unemployed",
  "activation_rate",
  "job_seekers",
];
