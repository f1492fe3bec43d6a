import type { components } from "../../../client/generated/clients";

type Schemas = components["schemas"];
export type ClientSummary = Schemas["ClientSummary"];
export type ClientRead = Schemas["ClientRead"];
export type ClientCreate = Schemas["ClientCreate"];
export type ClientStatus = Schemas["ClientStatus"];
export type StatusChange = Schemas["StatusChange"];
export type StatusChangeRead = Schemas["StatusChangeRead"];
export type DueList = Schemas["DueList"];
export type DueItem = Schemas["DueItem"];
export type ScheduleRead = Schemas["ScheduleRead"];
export type DeadlineRead = Schemas["DeadlineRead"];
export type InterviewCreate = Schemas["InterviewCreate"];
export type InterviewRead = Schemas["InterviewRead"];
export type InterviewChannel = Schemas["InterviewChannel"];
export type PlanRead = Schemas["PlanRead"];
export type PlanWrite = Schemas["PlanWrite"];
export type PlanType = Schemas["PlanType"];
export type ConsentRead = Schemas["ConsentRead"];
export type ConsentCreate = Schemas["ConsentCreate"];
export type DataCategory = Schemas["DataCategory"];

export type TargetGroup = Schemas["TargetGroup"];
export type DeadlineKind = Schemas["DeadlineKind"];
export type DeadlineStatus = Schemas["DeadlineStatus"];

/**
 * Every value of an enum of the API, in display order. Written as a record so that the type check fails when the
 * API gains a value the SPA does not yet name (and translate).
 */
function values<Value extends string>(record: Record<Value, true>): Value[] {
  return Object.keys(record) as Value[];
}

export const CLIENT_STATUSES = values<ClientStatus>({
  unemployed: true,
  in_activating_service: true,
  employed: true,
  in_education: true,
  outside_labour_force: true,
  search_ended: true,
});
export const TARGET_GROUPS = values<TargetGroup>({
  under_25: true,
  under_30: true,
  newly_unemployed: true,
  long_term_unemployed: true,
  immigrant_in_integration_period: true,
  partial_work_ability: true,
});
export const DEADLINE_KINDS = values<DeadlineKind>({
  initial_interview: true,
  supplementary_interview: true,
  periodic_interview: true,
  intensified_interview: true,
});
export const DEADLINE_STATUSES = values<DeadlineStatus>({
  met: true,
  met_late: true,
  due: true,
  overdue: true,
  waived: true,
});
export const INTERVIEW_CHANNELS = values<InterviewChannel>({ in_person: true, phone: true, video: true });
export const PLAN_TYPES = values<PlanType>({ employment: true, activation: true, integration: true });
export const DATA_CATEGORIES = values<DataCategory>({
  identity: true,
  contact_details: true,
  assessment: true,
  plan: true,
  job_search_history: true,
  health_and_social: true,
});
