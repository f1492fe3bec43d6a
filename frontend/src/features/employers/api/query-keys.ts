/**
 * The employers feature's query keys, in one place: queries and the mutations that refresh them name keys through
 * this factory, never by hand. An employer's reads nest under ``detail(employerId)``.
 */
export const employerKeys = {
  all: ["employers"] as const,
  list: (search: unknown) => [...employerKeys.all, "list", search] as const,
  detail: (employerId: string) => [...employerKeys.all, employerId] as const,
  contacts: (employerId: string) => [...employerKeys.detail(employerId), "contacts"] as const,
  vacancies: (search: unknown) => ["vacancies", "list", search] as const,
};
