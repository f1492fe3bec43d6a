import type { components } from "../../../client/generated/employer";

type Schemas = components["schemas"];

export type EmployerRead = Schemas["EmployerRead"];
export type EmployerCreate = Schemas["EmployerCreate"];
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
