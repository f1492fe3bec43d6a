import type { TeamRead } from "../api/types";

/** The coaches' names from the teams they are members of, by their subject; a coach of no team is named by the
 * subject alone. */
export function coachNames(teams: readonly TeamRead[] | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const team of teams ?? []) {
    for (const member of team.members) names.set(member.coach_subject, member.display_name);
  }
  return names;
}

export const nameOf = (names: Map<string, string>, subject: string) => names.get(subject) ?? subject;
