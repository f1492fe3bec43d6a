import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";

import { useTeams } from "../api/get-teams";
import type { TeamRead } from "../api/types";

/** The signed-in person, to name them in what they did. */
export interface Me {
  subject: string;
  name?: string;
}

/** The coaches' names from the teams they are members of, by their subject. */
export function coachNames(teams: readonly TeamRead[] | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const team of teams ?? []) {
    for (const member of team.members) names.set(member.coach_subject, member.display_name);
  }
  return names;
}

/**
 * Names the person who acted, as the services record them (by subject): the signed-in person by their name, a
 * member of a team by the name the team has for them, anyone else by the subject.
 */
export function usePersonName(me?: Me): (subject: string) => string {
  const { t } = useTranslation();
  const teams = useTeams();
  const names = useMemo(() => coachNames(teams.data), [teams.data]);
  return useCallback(
    (subject: string) => {
      if (me && subject === me.subject) return me.name ?? t("coachwork.you");
      return names.get(subject) ?? subject;
    },
    [me, names, t],
  );
}
