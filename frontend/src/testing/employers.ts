import type {
  CandidateMatch,
  EmployerContactRead,
  EmployerRead,
  IntroductionRead,
  JobOfferRead,
  SupportRead,
  VacancyRead,
} from "../features/employers/api/types";
import type { Call } from "./fetch";

export const EMPLOYER_ID = "5b1f0e8c-4c7a-4f5e-9a51-3f1b2c3d4e5f";
export const EMPLOYER_SERVICES = "5e0f2a4c-1d2b-4a7e-8c3f-000000000003";
export const CITY = "Lahden kaupunki";

/** The organisation's employer services as ``GET /v1/staff`` lists them (by name, the Finnish way). */
export const STAFF = [
  { subject: "es-aino", name: "Aino Aalto", roles: ["employer_services"], last_seen_at: "2026-11-30T08:00:00Z" },
  {
    subject: EMPLOYER_SERVICES,
    name: "Sanna Heikkinen",
    roles: ["employer_services"],
    last_seen_at: "2026-11-30T08:00:00Z",
  },
  { subject: "es-orjan", name: "Örjan Öhman", roles: ["employer_services"], last_seen_at: "2026-11-30T08:00:00Z" },
];

type Answer = { status: number; body?: unknown };

/** A fake API's answers, with ``GET /v1/staff`` answered by ``STAFF`` first. */
export function withStaff(route: (call: Call) => Answer | undefined) {
  return (call: Call): Answer | undefined =>
    call.path.startsWith("/api/employer/v1/staff") ? { status: 200, body: STAFF } : route(call);
}

export function employer(overrides: Partial<EmployerRead> = {}): EmployerRead {
  return {
    id: EMPLOYER_ID,
    authority_id: "0f0e0d0c-0b0a-4909-8807-060504030201",
    business_id: "0246246-0",
    name: "Lahden Konepaja Oy",
    industry_code: "25620",
    industry_main_class: "C",
    size_class: "small",
    municipalities: ["398"],
    contact_people: [{ name: "Riikka Rekrytoija", role: "HR-päällikkö", email: null, phone: null }],
    account_manager_subject: "employer-services-1",
    consents_to_contact: true,
    network_member: false,
    created_by: EMPLOYER_SERVICES,
    created_by_name: "Eija Työnantajapalvelu",
    created_by_organisation_name: CITY,
    changed_by: null,
    changed_by_name: null,
    changed_by_organisation_name: null,
    created_at: "2026-11-02T08:00:00Z",
    updated_at: "2026-11-02T08:00:00Z",
    version: 1,
    ...overrides,
  };
}

export function contact(overrides: Partial<EmployerContactRead> = {}): EmployerContactRead {
  return {
    id: "a1b2c3d4-0000-4000-8000-000000000001",
    employer_id: EMPLOYER_ID,
    kind: "visit",
    contacted_on: "2026-11-20",
    staff_subject: EMPLOYER_SERVICES,
    staff_name: "Eija Työnantajapalvelu",
    staff_organisation_name: CITY,
    topic: "Kesätyöpaikat",
    outcome: "Kolme kesätyöpaikkaa tulossa",
    next_step: "Soita hakuajasta",
    next_step_due: "2026-12-10",
    next_step_done_at: null,
    next_step_done_by: null,
    next_step_done_by_name: null,
    next_step_done_by_organisation_name: null,
    changed_by: null,
    changed_by_name: null,
    changed_by_organisation_name: null,
    created_at: "2026-11-20T10:00:00Z",
    updated_at: "2026-11-20T10:00:00Z",
    version: 1,
    ...overrides,
  };
}

export function vacancy(overrides: Partial<VacancyRead> = {}): VacancyRead {
  return {
    id: "c0ffee00-0000-4000-8000-000000000001",
    authority_id: "0f0e0d0c-0b0a-4909-8807-060504030201",
    employer_id: EMPLOYER_ID,
    title_fi: "Koneistaja",
    title_sv: "Maskinarbetare",
    title_en: null,
    description: "CNC-koneistus",
    occupation_code: "7223",
    occupation_minor_group: "722",
    municipality: "398",
    address: null,
    remote: false,
    working_time: "full_time",
    employment_type: "permanent",
    starts_on: null,
    ends_on: null,
    at_least_two_weeks: true,
    application_deadline: "2026-12-31",
    languages: ["fi"],
    driving_licences: [],
    other_licences: [],
    competences: [],
    requirements: null,
    supports: ["pay_subsidy"],
    positions: 1,
    status: "published",
    allowed_transitions: ["filled", "closed"],
    source: "here",
    source_system: null,
    external_id: null,
    external_url: null,
    imported_at: null,
    removed: false,
    removed_at: null,
    national: { state: "sent", national_id: "tmt-1001", attempts: 0, last_error: null, retry_at: null },
    published_at: "2026-11-21T08:00:00Z",
    ended_at: null,
    created_by: EMPLOYER_SERVICES,
    created_by_name: "Eija Työnantajapalvelu",
    created_by_organisation_name: CITY,
    changed_by: EMPLOYER_SERVICES,
    changed_by_name: "Eija Työnantajapalvelu",
    changed_by_organisation_name: CITY,
    created_at: "2026-11-21T08:00:00Z",
    updated_at: "2026-11-21T08:00:00Z",
    version: 1,
    ...overrides,
  };
}

export const CLIENT_ID = "d1e2f3a4-0000-4000-8000-000000000001";
export const COACH = "5e0f2a4c-1d2b-4a7e-8c3f-000000000001";

export function candidate(overrides: Partial<CandidateMatch> = {}): CandidateMatch {
  return {
    client_id: CLIENT_ID,
    score: 85,
    parts: [
      { part: "occupation", points: 40, maximum: 40, reason: "same_unit_group" },
      { part: "competences_and_licences", points: 10, maximum: 20, reason: "some_missing" },
      { part: "location", points: 15, maximum: 15, reason: "same_municipality" },
      { part: "languages", points: 10, maximum: 10, reason: "speaks_all" },
      { part: "availability", points: 10, maximum: 10, reason: "in_job_search" },
      { part: "support_fit", points: 0, maximum: 5, reason: "no_support_fit" },
    ],
    ...overrides,
  };
}

export function offer(overrides: Partial<JobOfferRead> = {}): JobOfferRead {
  return {
    id: "0ffe0000-0000-4000-8000-000000000001",
    vacancy_id: "c0ffee00-0000-4000-8000-000000000001",
    client_id: CLIENT_ID,
    offered_by: COACH,
    offered_by_name: "Kaisa Valmentaja",
    offered_by_organisation_name: CITY,
    respond_by: "2026-12-20",
    status: "sent",
    reason: null,
    counts_toward_job_search: false,
    outcome_by: null,
    outcome_by_name: null,
    outcome_by_organisation_name: null,
    outcome_at: null,
    created_at: "2026-12-03T09:00:00Z",
    version: 1,
    ...overrides,
  };
}

export function introduction(overrides: Partial<IntroductionRead> = {}): IntroductionRead {
  return {
    id: "1e7d0000-0000-4000-8000-000000000001",
    vacancy_id: "c0ffee00-0000-4000-8000-000000000001",
    employer_id: EMPLOYER_ID,
    client_id: CLIENT_ID,
    anonymous: false,
    consent_id: "c0a5e000-0000-4000-8000-000000000001",
    introduced_by: EMPLOYER_SERVICES,
    introduced_by_name: "Eija Työnantajapalvelu",
    introduced_by_organisation_name: CITY,
    status: "made",
    outcome_by: null,
    outcome_by_name: null,
    outcome_by_organisation_name: null,
    outcome_at: null,
    disclosed_by: null,
    disclosed_by_name: null,
    disclosed_by_organisation_name: null,
    disclosed_at: null,
    created_at: "2026-12-03T10:00:00Z",
    version: 1,
    ...overrides,
  };
}

export function support(overrides: Partial<SupportRead> = {}): SupportRead {
  return {
    id: "50bb0000-0000-4000-8000-000000000001",
    kind: "pay_subsidy",
    employer_id: EMPLOYER_ID,
    client_id: CLIENT_ID,
    vacancy_id: "c0ffee00-0000-4000-8000-000000000001",
    decided_on: "2026-12-03",
    decided_by: EMPLOYER_SERVICES,
    decided_by_name: "Eija Työnantajapalvelu",
    decided_by_organisation_name: CITY,
    changed_by: null,
    changed_by_name: null,
    changed_by_organisation_name: null,
    status: "decided",
    ground: "unemployed",
    percent: 50,
    starts_on: "2027-01-01",
    ends_on: "2027-06-30",
    monthly_wage_cost: "2400.00",
    amount: null,
    committed_by_month: [{ month: "2027-01", euros: "1200.00" }],
    total_committed: "7200.00",
    ended_reason: null,
    created_at: "2026-12-03T11:00:00Z",
    updated_at: "2026-12-03T11:00:00Z",
    version: 1,
    ...overrides,
  };
}
