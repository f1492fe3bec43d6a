import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export async function getEmployer(employerId: string) {
  const { data } = await unwrap(
    api.employer.GET("/v1/employers/{employer_id}", { params: { path: { employer_id: employerId } } }),
  );
  return data;
}

export const useEmployer = (employerId: string) =>
  useQuery({ queryKey: employerKeys.detail(employerId), queryFn: () => getEmployer(employerId) });
