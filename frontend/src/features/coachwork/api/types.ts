import type { components } from "../../../client/generated/clients";

type Schemas = components["schemas"];
export type AssignmentRead = Schemas["AssignmentRead"];
export type AssignmentCreate = Schemas["AssignmentCreate"];
export type AssignmentAction = Schemas["AssignmentAction"];
export type CaseloadSizes = Schemas["CaseloadSizes"];
export type CancellingParty = Schemas["CancellingParty"];
export type DeadlineKind = Schemas["DeadlineKind"];
export type DeadlineRead = Schemas["DeadlineRead"];
export type InterviewRead = Schemas["InterviewRead"];
export type SearchEndReason = Schemas["SearchEndReason"];
export type SearchPeriodRead = Schemas["SearchPeriodRead"];
export type SearchPeriodEnd = Schemas["SearchPeriodEnd"];
export type TeamRead = Schemas["TeamRead"];
export type TeamCreate = Schemas["TeamCreate"];
export type MemberCreate = Schemas["MemberCreate"];
export type MemberRead = Schemas["MemberRead"];
export type CoachRead = Schemas["CoachRead"];
export type WaiverCreate = Schemas["WaiverCreate"];

/** The service's vocabularies, in the order the forms offer them (the translations test checks each has words). */
export const CANCELLING_PARTIES = [
  "client",
  "authority",
  "recorded_in_error",
] as const satisfies readonly CancellingParty[];
export const ASSIGNMENT_ACTIONS = [
  "assigned",
  "reassigned",
  "unassigned",
] as const satisfies readonly AssignmentAction[];
export const SEARCH_END_REASONS = [
  "employed",
  "in_education",
  "moved",
  "client_request",
  "not_in_contact",
  "missed_interview",
  "other",
] as const satisfies readonly SearchEndReason[];
