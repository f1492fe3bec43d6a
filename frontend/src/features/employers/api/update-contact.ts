import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { ApiError, unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { EmployerContactUpdate } from "./types";

/** The contact changed, as the person saw it: its employer, its id and the version they saw. */
export interface ContactVersion {
  employer_id: string;
  contact_id: string;
  version: number;
}

/**
 * Records a contact's outcome, changes its next step or its due date, or marks the next step done (by the caller),
 * with If-Match: the version the person saw; someone else's change in between is a 412.
 */
export async function updateContact(contact: ContactVersion, body: EmployerContactUpdate) {
  const { data } = await unwrap(
    api.employer.PATCH("/v1/employers/{employer_id}/contacts/{contact_id}", {
      params: {
        path: { employer_id: contact.employer_id, contact_id: contact.contact_id },
        header: { "if-match": `"v${contact.version}"` },
      },
      body,
    }),
  );
  return data;
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contact, body }: { contact: ContactVersion; body: EmployerContactUpdate }) =>
      updateContact(contact, body),
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: employerKeys.contacts(contact.employer_id) });
      void queryClient.invalidateQueries({ queryKey: employerKeys.nextSteps() });
    },
    // Someone else changed the contact meanwhile: the lists are fetched again, so the next try starts from theirs.
    onError: (error, { contact }) => {
      if (!(error instanceof ApiError && error.status === 412)) return;
      void queryClient.invalidateQueries({ queryKey: employerKeys.contacts(contact.employer_id) });
      void queryClient.invalidateQueries({ queryKey: employerKeys.nextSteps() });
    },
  });
}
