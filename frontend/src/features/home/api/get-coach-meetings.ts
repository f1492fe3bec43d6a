import { useQuery } from "@tanstack/react-query";

import type { components } from "../../../client/generated/clients";
import { api } from "../../../lib/api";
import { unwrap } from "../../../lib/problem";
import { homeKeys } from "./query-keys";

export type CoachMeeting = components["schemas"]["CoachMeetingRead"];

/** The caller's own meetings for ``days`` days from ``since`` (Helsinki time). */
export async function getCoachMeetings(since: string, days: number) {
  const { data } = await unwrap(api.clients.GET("/v1/meetings", { params: { query: { since, days } } }));
  return data;
}

export const useCoachMeetings = (since: string, days: number) =>
  useQuery({ queryKey: homeKeys.days(since, days), queryFn: () => getCoachMeetings(since, days) });

/** The caller's own meetings as an iCalendar file, saved through the browser. */
export async function downloadCalendar(): Promise<void> {
  const { data } = await unwrap(api.clients.GET("/v1/meetings/calendar.ics", { parseAs: "blob" }));
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = "polku-meetings.ics";
  link.click();
  URL.revokeObjectURL(url);
}
