import type { components } from "../../../client/generated/clients";

type Schemas = components["schemas"];
export type ClientSummary = Schemas["ClientSummary"];
export type ClientRead = Schemas["ClientRead"];
export type ClientCreate = Schemas["ClientCreate"];
export type ClientStatus = Schemas["ClientStatus"];
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

export const CLIENT_STATUSES: ClientStatus[] = [
  "unemployed",
  "in_activating_service",
  "employed",
  "in_education",
  "outside_labour_force",
  "search_ended",
];
export const INTERVIEW_CHANNELS: InterviewChannel[] = ["in_person", "phone", "video"];
export const PLAN_TYPES: PlanType[] = ["employment", "activation", "integration"];
export const DATA_CATEGORIES: DataCategory[] = [
  "identity",
  "contact_details",
  "assessment",
  "plan",
  "job_search_history",
  "health_and_social",
];
