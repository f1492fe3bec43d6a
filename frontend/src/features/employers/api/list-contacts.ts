import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";

export async function listContacts(employerId: string) {
  const { data } = await unwrap(
    api.employer.GET("/v1/employers/{employer_id}/contacts", {
      params: { path: { employer_id: employerId }, query: { limit: 50 } },
    }),
  );
  return data;
}

/** The log of an employer's contacts (visits, calls, events, e-mails). */
export const useEmployerContacts = (employerId: string) =>
  useQuery({ queryKey: employerKeys.contacts(employerId), queryFn: () => listContacts(employerId) });
