import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";

import { useTeams } from "../api/get-teams";

/** The signed-in person, to name them in what they did. */
export interface Me {
  subject: string;
  name?: string;
  /** The roles of the token: what the screens offer (an offer is a coach's, an introduction employer services'). */
  roles?: readonly string[];
  /** The organisation the signed-in person acts for: another organisation's name is shown beside a person's. */
  organisationName?: string;
}

/** Roles that read clients-api's teams (and the clients by name). */
export const CLIENT_STAFF = ["coach", "manager", "admin"];

/**
 * Names the person who acted, as employer-api records them (by subject): the signed-in person by their name, a
 * coach by the name their team has for them (for readers who may read the teams), anyone else by the subject the
 * service recorded.
 */
export function usePersonName(me?: Me): (subject: string | null | undefined) => string {
  const { t } = useTranslation();
  const readsTeams = me?.roles?.some((role) => CLIENT_STAFF.includes(role)) ?? false;
  const teams = useTeams(readsTeams);
  const names = useMemo(() => {
    const bySubject = new Map<string, string>();
    for (const team of teams.data ?? []) {
      for (const member of team.members) bySubject.set(member.coach_subject, member.display_name);
    }
    return bySubject;
  }, [teams.data]);
  return useCallback(
    (subject: string | null | undefined) => {
      if (!subject) return "";
      if (me && subject === me.subject) return me.name ?? t("employers.you");
      return names.get(subject) ?? subject;
    },
    [me, names, t],
  );
}

/** Names who made an act, from what employer-api recorded: the subject, and the name and organisation. */
export type ActedBy = (
  subject: string | null | undefined,
  name?: string | null,
  organisationName?: string | null,
) => string;

/**
 * Names who made an act as employer-api recorded it from their token at the time: the person's name (and their
 * organisation when it is not the reader's), a machine client's id, a periodic job as the system. An act recorded
 * before names were kept is named by the signed-in person's or the team's name when the subject is theirs, else
 * the screen says that who acted was not recorded; never "the system" for a person's act.
 */
export function useActedBy(me?: Me): ActedBy {
  const { t } = useTranslation();
  const personName = usePersonName(me);
  return useCallback(
    (subject: string | null | undefined, name?: string | null, organisationName?: string | null) => {
      if (subject?.startsWith("system:")) return t("employers.acted.system");
      if (name) {
        return organisationName && me?.organisationName && organisationName !== me.organisationName
          ? t("employers.acted.person", { name, organisation: organisationName })
          : name;
      }
      if (!subject) return t("employers.acted.unknown");
      const known = personName(subject);
      return known === subject ? t("employers.acted.unknown") : known;
    },
    [me, personName, t],
  );
}

/** A client's name when the reader may read it, else the start of the client's id as a reference. */
export function clientLabel(names: Map<string, string>, clientId: string, reference: string): string {
  return names.get(clientId) ?? `${reference} ${clientId.slice(0, 8)}`;
}
