import type { components } from "../../../client/generated/metrics";

type Schemas = components["schemas"];
export type Figures = Schemas["Figures"];
export type CellRead = Schemas["CellRead"];
export type DefinitionRead = Schemas["DefinitionRead"];
export type Group = Schemas["Group"];
export type IndicatorCode = Schemas["IndicatorCode"];
export type Region = Schemas["Region"];
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

export const REGIONS = values<Region>({ municipality: true, employment_area: true });

/** The headline indicators of the manager's home, in the order shown. */
export const HEADLINE_INDICATORS: readonly IndicatorCode[] = [
  "unemployed_share_of_labour_force",
  "unemployed_job_seekers",
  "job_seekers",
  "long_term_unemployed",
  "activation_rate",
  "deadlines_missed",
  "caseload_per_coach",
];

/** The dashboards' pages (the part of the address after /metrics/), each with its indicators in the order shown.
 * The effectiveness follow-up, the budget and the imports have pages of their own. */
export const INDICATOR_PAGES = {
  "labour-market": [
    "unemployed_share_of_labour_force",
    "unemployed_job_seekers",
    "job_seekers",
    "activation_rate",
    "employment_rate",
    "without_post_basic_education",
  ],
  "long-term-unemployment": [
    "long_term_unemployed",
    "structurally_unemployed",
    "flow_over_3_months",
    "flow_over_6_months",
    "flow_over_12_months",
  ],
  activation: ["activation_rate", "ended_job_searches", "average_job_search_duration"],
  "case-work": [
    "deadlines_missed",
    "deadlines_waived",
    "caseload_per_coach",
    "statement_processing_time",
    "referral_fill_rate",
    "referral_first_response_time",
  ],
  money: ["labour_market_subsidy_per_resident", "kela_benefits"],
} as const satisfies Record<string, readonly IndicatorCode[]>;

export type IndicatorPage = keyof typeof INDICATOR_PAGES;
export const PAGES = Object.keys(INDICATOR_PAGES) as IndicatorPage[];

export function isIndicatorPage(value: string | undefined): value is IndicatorPage {
  return value !== undefined && Object.hasOwn(INDICATOR_PAGES, value);
}

/** The page an indicator is shown on (the first that lists it). */
export function pageOf(code: IndicatorCode): IndicatorPage | undefined {
  return PAGES.find((page) => (INDICATOR_PAGES[page] as readonly IndicatorCode[]).includes(code));
}

/** Every indicator the dashboards name (and translate). */
export const SHOWN_INDICATORS: readonly IndicatorCode[] = [
  ...new Set([...HEADLINE_INDICATORS, ...PAGES.flatMap((page) => INDICATOR_PAGES[page])]),
];
