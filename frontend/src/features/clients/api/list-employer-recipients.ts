import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";

export interface Recipient {
  id: string;
  name: string;
}

/** The authority's employers by name (the first 200), as recipients a client may consent to introduce them to. */
export async function listEmployerRecipients(): Promise<Recipient[]> {
  const { data } = await unwrap(api.employer.GET("/v1/employers", { params: { query: { limit: 200 } } }));
  return data.items
    .map((employer) => ({ id: employer.id, name: employer.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "fi"));
}

/** Employers a consent may name (employer services introduce candidates to them under the client's consent). */
export const useEmployerRecipients = () =>
  useQuery({
    queryKey: ["employers", "recipients"] as const,
    queryFn: listEmployerRecipients,
    staleTime: 5 * 60 * 1000,
    retry: false,
  });
