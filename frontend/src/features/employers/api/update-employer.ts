import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { EmployerRead, EmployerUpdate } from "./types";

/**
 * Changes an employer's details (If-Match: the version the person edited). Someone else's save in between is a 412
 * naming the version saved now; a business id registered already is a 409 naming that employer.
 */
export async function updateEmployer(employer: EmployerRead, body: EmployerUpdate) {
  const { data } = await unwrap(
    api.employer.PATCH("/v1/employers/{employer_id}", {
      params: { path: { employer_id: employer.id }, header: { "if-match": `"v${employer.version}"` } },
      body,
    }),
  );
  return data;
}

export function useUpdateEmployer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ employer, body }: { employer: EmployerRead; body: EmployerUpdate }) =>
      updateEmployer(employer, body),
    onSuccess: (employer) => {
      queryClient.setQueryData(employerKeys.detail(employer.id), employer);
      // The register's lists and the next steps name the employer.
      void queryClient.invalidateQueries({ queryKey: [...employerKeys.all, "list"] });
      void queryClient.invalidateQueries({ queryKey: employerKeys.nextSteps() });
    },
  });
}
