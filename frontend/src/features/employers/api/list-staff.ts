import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

/** The organisation's employer services who have used employer-api, by name: whom an account manager is picked from. */
export async function listStaff() {
  const { data } = await unwrap(api.employer.GET("/v1/staff", { params: { query: { role: "employer_services" } } }));
  return data;
}

/** Roles that may list the staff (employer-api answers anyone else with 403). */
export const STAFF_READERS = ["employer_services", "manager", "admin"];

/** The staff to pick an account manager from; the query does not run for a reader the service would refuse. */
export const useStaff = (enabled: boolean) =>
  useQuery({ queryKey: employerKeys.staff(), queryFn: listStaff, enabled, staleTime: 5 * 60 * 1000, retry: false });
