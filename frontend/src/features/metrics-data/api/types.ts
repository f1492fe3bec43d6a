import type { components } from "../../../client/generated/metrics";

type Schemas = components["schemas"];
export type ImportRead = Schemas["ImportRead"];
export type Figures = Schemas["Figures"];
export type CellRead = Schemas["CellRead"];
export type DefinitionRead = Schemas["DefinitionRead"];
export type FollowUpBy = Schemas["FollowUpBy"];

/** The kinds of file a manager imports, as the API's paths name them. */
export const IMPORT_KINDS = ["labour-force", "kela-benefits", "budget-lines"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The kind as the import list names it (``labour_force``) from the path's (``labour-force``). */
export function storedKind(kind: ImportKind): string {
  return kind.replaceAll("-", "_");
}

/** The budget classes (*talousarvion sitovuusluokat*), in display order. */
export const BUDGET_CLASSES = ["voluntary", "appropriation_bound", "appropriation_independent", "need_based"] as const;
export type BudgetClass = (typeof BUDGET_CLASSES)[number];

export const BUDGET_CATEGORIES = [
  "operating_costs",
  "benefit_contributions",
  "purchased_services",
  "supports",
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** The follow-up's destinations: where a client stands 3, 6 or 12 months later, in display order. */
export const DESTINATIONS = [
  "open_labour_market",
  "subsidised_work",
  "education",
  "in_other_service",
  "unemployed",
  "outside_labour_force",
  "not_known",
] as const;
export type Destination = (typeof DESTINATIONS)[number];

export const FOLLOW_UP_BY = ["service_type", "provider", "employer_sector"] as const satisfies readonly FollowUpBy[];
export const HORIZONS = [3, 6, 12] as const;
export type Horizon = (typeof HORIZONS)[number];

/** What a follow-up starts from. */
export const ORIGINS = ["service", "support", "referral", "job_offer"] as const;
