import type { components } from "../../../client/generated/referrals";

type Schemas = components["schemas"];
export type ServiceRead = Schemas["ServiceRead"];
export type ServiceCreate = Schemas["ServiceCreate"];
export type ServiceUpdate = Schemas["ServiceUpdate"];
export type ServiceStatus = Schemas["ServiceStatus"];
export type ActivatingServiceType = Schemas["ActivatingServiceType"];
export type ServiceTargetGroup = Schemas["ServiceTargetGroup"];
export type Channel = Schemas["Channel"];
export type CapacityPeriod = Schemas["CapacityPeriod"];
export type ProductionModel = Schemas["ProductionModel"];
export type DataCategory = Schemas["DataCategory"];
export type OrganisationRead = Schemas["OrganisationRead"];
export type OrganisationCreate = Schemas["OrganisationCreate"];
export type JointReferralCreate = Schemas["JointReferralCreate"];
export type JointReferralRead = Schemas["JointReferralRead"];

/** Every value of an enum of the API, in display order; the type check fails when the API gains a value. */
function values<Value extends string>(record: Record<Value, true>): Value[] {
  return Object.keys(record) as Value[];
}

export const SERVICE_STATUSES = values<ServiceStatus>({
  active: true,
  temporarily_closed: true,
  inactive: true,
  defunct: true,
});
export const ACTIVATING_SERVICE_TYPES = values<ActivatingServiceType>({
  pay_subsidised_work: true,
  work_trial: true,
  labour_market_training: true,
  coaching: true,
  self_motivated_study: true,
  rehabilitative_work_activity: true,
  job_alternation_substitute: true,
  start_up_grant: true,
});
export const TARGET_GROUPS = values<ServiceTargetGroup>({
  under_25: true,
  under_30: true,
  newly_unemployed: true,
  long_term_unemployed: true,
  structurally_unemployed: true,
  immigrants: true,
  partial_work_ability: true,
});
export const CHANNELS = values<Channel>({ in_person: true, remote: true, hybrid: true });
export const CAPACITY_PERIODS = values<CapacityPeriod>({ month: true, quarter: true, year: true });
export const PRODUCTION_MODELS = values<ProductionModel>({
  own_service: true,
  in_house_company: true,
  purchased: true,
  partnership: true,
});
export const DATA_CATEGORIES = values<DataCategory>({
  identity: true,
  contact_details: true,
  assessment: true,
  plan: true,
  job_search_history: true,
  health_and_social: true,
});

/** A service's name or description in the reader's language, else in Finnish. */
export function localized(service: ServiceRead, field: "name" | "description", language: string): string {
  const own = service[`${field}_${language === "sv" ? "sv" : language === "en" ? "en" : "fi"}`];
  return own || service[`${field}_fi`];
}
export type OrganisationType = Schemas["OrganisationType"];
export const ORGANISATION_TYPES = values<OrganisationType>({
  wellbeing_services_county: true,
  kela: true,
  education_provider: true,
  third_sector_workshop: true,
  multi_sectoral_joint_service: true,
  ohjaamo: true,
  purchased_service_provider: true,
  other: true,
});
