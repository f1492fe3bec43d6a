import type { components } from "../../../client/generated/employer";

type Schemas = components["schemas"];

export type EmployerRead = Schemas["EmployerRead"];
export type EmployerCreate = Schemas["EmployerCreate"];
export type EmployerUpdate = Schemas["EmployerUpdate"];
export type ContactPerson = Schemas["ContactPerson"];
export type SizeClass = Schemas["SizeClass"];
export type DrivingLicence = Schemas["DrivingLicence"];
export type EmployerContactRead = Schemas["EmployerContactRead"];
export type VacancyRead = Schemas["VacancyRead"];
export type VacancyStatus = Schemas["VacancyStatus"];
export type EmploymentType = Schemas["EmploymentType"];
export type VacancySupport = Schemas["employer_api__vacancy__models__SupportKind"];
export type ContactKind = Schemas["ContactKind"];

export const VACANCY_STATUSES: readonly VacancyStatus[] = ["draft", "published", "filled", "closed", "expired"];
export const EMPLOYMENT_TYPES: readonly EmploymentType[] = ["permanent", "fixed_term", "summer_job", "apprenticeship"];
export const VACANCY_SUPPORTS: readonly VacancySupport[] = [
  "pay_subsidy",
  "work_trial",
  "apprenticeship",
  "summer_job_voucher",
  "recruitment_bonus",
];
/** The main classes (*pääluokat*) of Statistics Finland's Standard Industrial Classification TOL 2008. */
export const INDUSTRY_MAIN_CLASSES = [..."ABCDEFGHIJKLMNOPQRSTU", "X"] as const;

export type VacancyCreate = Schemas["VacancyCreate"];
export type EmployerContactCreate = Schemas["EmployerContactCreate"];
export type EmployerContactUpdate = Schemas["EmployerContactUpdate"];
export type NextStepDue = Schemas["NextStepDue"];
export type VacancyUpdate = Schemas["VacancyUpdate"];
export type CandidateMatch = Schemas["CandidateMatch"];
export type VacancyMatch = Schemas["VacancyMatch"];
export type ScorePart = Schemas["ScorePart"];
export type JobOfferCreate = Schemas["JobOfferCreate"];
export type JobOfferRead = Schemas["JobOfferRead"];
export type JobOfferOutcome = Schemas["JobOfferOutcome"];
export type OfferStatus = Schemas["OfferStatus"];
export type IntroductionCreate = Schemas["IntroductionCreate"];
export type IntroductionRead = Schemas["IntroductionRead"];
export type IntroductionStatus = Schemas["IntroductionStatus"];
export type SupportCreate = Schemas["SupportCreate"];
export type SupportRead = Schemas["SupportRead"];
export type SupportKind = Schemas["employer_api__support__models__SupportKind"];
export type SupportStatus = Schemas["SupportStatus"];
export type CommittedSummary = Schemas["CommittedSummary"];

export const CONTACT_KINDS: readonly ContactKind[] = ["visit", "call", "event", "email"];
export const WORKING_TIMES: readonly Schemas["WorkingTime"][] = ["full_time", "part_time"];
/** What a coach records of an offer: the client applied or did not (with the reason), then hired or not. */
export const OFFER_OUTCOMES: readonly OfferStatus[] = ["applied", "did_not_apply", "hired", "not_hired"];
export const INTRODUCTION_OUTCOMES: readonly IntroductionStatus[] = ["invited_to_interview", "hired", "not_hired"];
export const SUPPORT_KINDS: readonly SupportKind[] = [
  "pay_subsidy",
  "recruitment_bonus",
  "summer_job_voucher",
  "association_grant",
];
/** The grounds of a pay subsidy the service knows (its rules give each its percentage). */
export const PAY_SUBSIDY_GROUNDS = ["unemployed", "reduced_productivity", "association_long_term_unemployed"] as const;
/** Statistics Finland's size classes of enterprises by personnel, smallest first. */
export const SIZE_CLASSES: readonly SizeClass[] = ["micro", "small", "medium", "large"];
/** The driving licence classes a vacancy may require (Ajokorttilaki 386/2011, 4 §), in the law's order. */
export const DRIVING_LICENCES: readonly DrivingLicence[] = [
  "AM",
  "A1",
  "A2",
  "A",
  "B",
  "BE",
  "C1",
  "C1E",
  "C",
  "CE",
  "D1",
  "D1E",
  "D",
  "DE",
  "T",
];
