import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { partnerKeys } from "./query-keys";
import type { OrganisationCreate } from "./types";

export async function listOrganisations() {
  const { data } = await unwrap(api.referrals.GET("/v1/organisations", { params: { query: { limit: 200 } } }));
  return data;
}

/** The partner organisations of the signed-in person's network (a partner: only itself). */
export const useOrganisations = (enabled = true) =>
  useQuery({ queryKey: partnerKeys.organisations(), queryFn: listOrganisations, enabled });

export async function registerOrganisation(body: OrganisationCreate) {
  const { data } = await unwrap(api.referrals.POST("/v1/organisations", { body }));
  return data;
}

/** An administrator registers a partner in the network; the same organisation or business id twice is a 409. */
export function useRegisterOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerOrganisation,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: partnerKeys.organisations() }),
  });
}
