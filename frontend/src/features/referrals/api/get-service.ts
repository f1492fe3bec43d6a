import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { referralKeys } from "./query-keys";

export async function getService(serviceId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/services/{service_id}", { params: { path: { service_id: serviceId } } }),
  );
  return data;
}

/** One service of the directory; its details change seldom while a page is open. */
export const useService = (serviceId: string | undefined) =>
  useQuery({
    queryKey: referralKeys.service(serviceId),
    queryFn: () => getService(serviceId!),
    enabled: Boolean(serviceId),
    staleTime: 5 * 60 * 1000,
  });
