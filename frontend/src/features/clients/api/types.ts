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
  employment_plan: true,
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

export type AssessmentRead = Schemas["AssessmentRead"];
export type AssessmentWrite = Schemas["AssessmentWrite"];
export type OccupationRead = Schemas["OccupationRead"];
export type EducationLevel = Schemas["EducationLevel"];
export type LanguageLevel = Schemas["LanguageLevel"];
export type ServiceNeed = Schemas["ServiceNeed"];
export type DrivingLicence = Schemas["DrivingLicence"];
export type WorkAbility = Schemas["WorkAbility"];
export type TimelineEntryRead = Schemas["TimelineEntryRead"];
export type MorningFilter = Schemas["MorningFilter"];
export type CaseloadView = Schemas["CaseloadView"];
export type CaseloadItem = Schemas["CaseloadItem"];
export type SavedFilterRead = Schemas["SavedFilterRead"];

export const EDUCATION_LEVELS = values<EducationLevel>({
  none: true,
  basic: true,
  upper_secondary_general: true,
  upper_secondary_vocational: true,
  post_secondary: true,
  short_cycle_tertiary: true,
  bachelor: true,
  master: true,
  doctorate: true,
});
export const LANGUAGE_LEVELS = values<LanguageLevel>({
  native: true,
  A1: true,
  A2: true,
  B1: true,
  B2: true,
  C1: true,
  C2: true,
});
export const SERVICE_NEEDS = values<ServiceNeed>({
  job_placement: true,
  career_guidance: true,
  training: true,
  language_training: true,
  integration_training: true,
  coaching: true,
  work_trial: true,
  pay_subsidy: true,
  start_up_support: true,
  intensified_job_search_support: true,
  work_ability_assessment: true,
  rehabilitation: true,
  social_services: true,
  health_services: true,
  multi_sectoral_joint_service: true,
});
export const DRIVING_LICENCES = values<DrivingLicence>({
  AM: true,
  A1: true,
  A2: true,
  A: true,
  B: true,
  BE: true,
  C1: true,
  C1E: true,
  C: true,
  CE: true,
  D1: true,
  D1E: true,
  D: true,
  DE: true,
  T: true,
});
export const WORK_ABILITIES = values<WorkAbility>({ full: true, partial: true });
export const MORNING_FILTERS = values<MorningFilter>({
  unassigned: true,
  interviews_today: true,
  overdue_deadlines: true,
  waiting_for_client: true,
  waiting_for_us: true,
  needs_assessment: true,
  approaching_unemployment_milestone: true,
  typ_assessment_due: true,
  integration_period_ending: true,
});

export type JobSearchRead = Schemas["JobSearchRead"];
export type PeriodRead = Schemas["PeriodRead"];
export type NeglectRead = Schemas["NeglectRead"];
export type ApplicationKind = Schemas["ApplicationKind"];
export type Consequence = Schemas["Consequence"];

export const APPLICATION_KINDS = values<ApplicationKind>({
  advertised_vacancy: true,
  open_application: true,
  employer_contact: true,
  assigned_vacancy: true,
});
export const CONSEQUENCES = values<Consequence>({
  reminder: true,
  non_compensable_period: true,
  until_further_notice: true,
});

export type EpisodeRead = Schemas["EpisodeRead"];
export type EpisodeType = Schemas["EpisodeType"];
export type EpisodeOrigin = Schemas["EpisodeOrigin"];

export const EPISODE_TYPES = values<EpisodeType>({
  pay_subsidised_work: true,
  work_trial: true,
  labour_market_training: true,
  coaching: true,
  self_motivated_study: true,
  rehabilitative_work_activity: true,
  job_alternation_substitute: true,
  start_up_grant: true,
});

export const EPISODE_ORIGINS = values<EpisodeOrigin>({ coach: true, referral: true, pay_subsidy: true });
export type EpisodeCreate = Schemas["EpisodeCreate"];

export type PlanStatusRead = Schemas["PlanStatusRead"];
export type NotUpToDate = Schemas["NotUpToDate"];
export const NOT_UP_TO_DATE_REASONS = values<NotUpToDate>({
  no_plan: true,
  no_mandatory_interview: true,
  interview_too_old: true,
  not_reviewed_at_latest_interview: true,
  obligation_not_recorded: true,
});

export type DutyRead = Schemas["DutyRead"];
export type DutyKind = Schemas["DutyKind"];
export type DutyClearanceCreate = Schemas["DutyClearanceCreate"];
export const DUTY_KINDS = values<DutyKind>({ job_search_profile: true, education_application: true });

export type WaitingOn = Schemas["WaitingOn"];
export type WaitingOnUpdate = Schemas["WaitingOnUpdate"];
export const WAITING_ON = values<WaitingOn>({ client: true, us: true });

export type RegistrationDataUpdate = Schemas["RegistrationDataUpdate"];

export type MeetingRead = Schemas["MeetingRead"];
export type MeetingCreate = Schemas["MeetingCreate"];
export type MeetingState = Schemas["MeetingState"];
