import type { components as ClientsComponents } from "../../../client/generated/clients";
import type { components } from "../../../client/generated/referrals";

type Schemas = components["schemas"];
export type ServiceRead = Schemas["ServiceRead"];
export type ReferralRead = Schemas["ReferralRead"];
export type ReferralCreate = Schemas["ReferralCreate"];
export type ReferralUpdate = Schemas["ReferralUpdate"];
export type ReferralStatus = Schemas["ReferralStatus"];
export type DueReferral = Schemas["DueReferral"];
export type TransitionCreate = Schemas["TransitionCreate"];
export type TransitionRead = Schemas["TransitionRead"];
export type DocumentRead = Schemas["DocumentRead"];
export type FeedbackCreate = Schemas["FeedbackCreate"];
export type ReferralClientData = Schemas["ReferralClientData"];
export type NetworkMap = Schemas["NetworkMap"];
export type NetworkNode = Schemas["NetworkNode"];
export type NetworkEdge = Schemas["NetworkEdge"];
export type Outcome = Schemas["Outcome"];
export type DataCategory = Schemas["DataCategory"];
export type OrganisationType = Schemas["OrganisationType"];
export type Channel = Schemas["Channel"];
export type ProductionModel = Schemas["ProductionModel"];
export type ServiceTargetGroup = Schemas["ServiceTargetGroup"];
export type CapacityPeriod = Schemas["CapacityPeriod"];
/** A client's consent as clients-api answers it (the referral form checks it before sending). */
export type ConsentRead = ClientsComponents["schemas"]["ConsentRead"];

/**
 * Every value of an enum of the API, in display order. Written as a record so that the type check fails when the
 * API gains a value the SPA does not yet name (and translate).
 */
function values<Value extends string>(record: Record<Value, true>): Value[] {
  return Object.keys(record) as Value[];
}

export const REFERRAL_STATUSES = values<ReferralStatus>({
  draft: true,
  requested: true,
  received: true,
  accepted: true,
  rejected: true,
  in_progress: true,
  on_hold: true,
  completed: true,
  cancelled: true,
  expired: true,
});
export const OUTCOMES = values<Outcome>({
  started_work: true,
  started_subsidised_work: true,
  started_education: true,
  moved_to_another_service: true,
  rehabilitation: true,
  interrupted: true,
  no_change: true,
});
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
export const SERVICE_CHANNELS = values<Channel>({ in_person: true, remote: true, hybrid: true });
export const PRODUCTION_MODELS = values<ProductionModel>({
  own_service: true,
  in_house_company: true,
  purchased: true,
  partnership: true,
});
export const SERVICE_TARGET_GROUPS = values<ServiceTargetGroup>({
  under_25: true,
  under_30: true,
  newly_unemployed: true,
  long_term_unemployed: true,
  structurally_unemployed: true,
  immigrants: true,
  partial_work_ability: true,
});
export const CAPACITY_PERIODS = values<CapacityPeriod>({ month: true, quarter: true, year: true });
export const REFERRAL_DATA_CATEGORIES = values<DataCategory>({
  identity: true,
  contact_details: true,
  assessment: true,
  plan: true,
  job_search_history: true,
  health_and_social: true,
});
