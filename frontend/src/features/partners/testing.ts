import type { OrganisationRead, ServiceRead } from "./api/types";

export const COUNTY = "0b0c8f6e-6f1a-4c36-9d55-000000000002";
export const WORKSHOP = "0b0c8f6e-6f1a-4c36-9d55-000000000009";

/** A directory service as referrals-api answers it, the wellbeing county's unless told otherwise. */
export function service(overrides: Partial<ServiceRead> = {}): ServiceRead {
  return {
    id: crypto.randomUUID(),
    authority_id: "lahti",
    organisation_id: COUNTY,
    organisation_name: "Päijät-Hämeen hyvinvointialue",
    organisation_type: "wellbeing_services_county",
    name_fi: "Työ- ja toimintakyvyn arviointi",
    name_sv: "Bedömning av arbets- och funktionsförmåga",
    name_en: null,
    description_fi: "Arvioidaan asiakkaan työ- ja toimintakyky.",
    description_sv: "Klientens arbets- och funktionsförmåga bedöms.",
    description_en: null,
    minimum_age: null,
    maximum_age: null,
    target_groups: [],
    municipalities: ["398"],
    languages: ["fi", "sv"],
    channel: "in_person",
    street_address: null,
    postal_code: null,
    city: null,
    capacity_seats: 10,
    capacity_period: "month",
    cost_per_client_eur: null,
    cost_description: null,
    production_model: "own_service",
    activating_service_type: null,
    status: "active",
    response_days: 5,
    created_at: "2026-11-20T08:00:00Z",
    updated_at: "2026-12-01T10:00:00Z",
    changed_by: "leena",
    changed_by_name: "Leena Sosiaali",
    version: 3,
    ...overrides,
  };
}

export function organisation(overrides: Partial<OrganisationRead> = {}): OrganisationRead {
  return {
    id: COUNTY,
    authority_id: "lahti",
    name: "Päijät-Hämeen hyvinvointialue",
    type: "wellbeing_services_county",
    business_id: "3221301-5",
    email: null,
    website: null,
    municipalities: ["398"],
    contacts: [],
    created_at: "2026-11-20T08:00:00Z",
    updated_at: "2026-11-20T08:00:00Z",
    changed_by: "ilona",
    changed_by_name: "Ilona Admin",
    version: 1,
    ...overrides,
  };
}
