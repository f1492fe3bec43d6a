import type { components } from "../../../client/generated/clients";

type Schemas = components["schemas"];
export type StatementRead = Schemas["StatementRead"];
export type StatementCreate = Schemas["StatementCreate"];
export type HearingCreate = Schemas["HearingCreate"];
export type IssueCreate = Schemas["IssueCreate"];
export type CoachStatements = Schemas["CoachStatements"];
export type CoachStatementItem = Schemas["CoachStatementItem"];
export type NeglectKind = Schemas["NeglectKind"];
export type Recipient = Schemas["Recipient"];
export type StatementState = Schemas["StatementState"];
export type StatementRequestRead = Schemas["StatementRequestRead"];
export type StatementRequestDecline = Schemas["StatementRequestDecline"];

/** The service's vocabularies, in the order the forms offer them (the translations test checks each has words). */
export const NEGLECT_KINDS = [
  "missed_interview",
  "unmet_obligation",
  "refused_job_offer",
  "interrupted_service",
] as const satisfies readonly NeglectKind[];
export const RECIPIENTS = ["kela", "unemployment_fund"] as const satisfies readonly Recipient[];
export const STATEMENT_STATES = ["draft", "heard", "issued"] as const satisfies readonly StatementState[];
export const CONSEQUENCES = ["reminder", "non_compensable_period", "until_further_notice"] as const;
/** Where a statement request stands (the service's words; open while pending or drafted). */
export const STATEMENT_REQUEST_STATES = ["pending", "drafted", "issued", "declined"] as const;
export const OPEN_REQUEST_STATES: readonly string[] = ["pending", "drafted"];
