import { useQuery } from "@tanstack/react-query";

import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { partnerKeys } from "./query-keys";

export async function getService(serviceId: string) {
  const { data } = await unwrap(
    api.referrals.GET("/v1/services/{service_id}", { params: { path: { service_id: serviceId } } }),
  );
  return data;
}

/** One service as its maintainer edits it: its version is what a change sends back in If-Match. */
export const useMaintainedService = (serviceId: string) =>
  useQuery({ queryKey: partnerKeys.service(serviceId), queryFn: () => getService(serviceId) });
