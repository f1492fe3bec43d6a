import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { employerKeys } from "./query-keys";
import type { OfferStatus } from "./types";

export interface OfferSearch {
  client_id?: string;
  vacancy_id?: string;
  status?: OfferStatus;
}

export async function listOffers(search: OfferSearch) {
  const { data } = await unwrap(api.employer.GET("/v1/job-offers", { params: { query: { ...search, limit: 200 } } }));
  return data;
}

/** Job offers (*työtarjoukset*) by client, vacancy or status. */
export const useOffers = (search: OfferSearch, enabled = true) =>
  useQuery({ queryKey: employerKeys.offers(search), queryFn: () => listOffers(search), enabled });
