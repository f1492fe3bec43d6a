import { useCallback } from "react";
import { useTranslation } from "react-i18next";

/** The signed-in person, to name them in what they did. */
export interface Me {
  subject: string;
  name?: string;
  /** The roles of the token: what the screens offer (an offer is a coach's, an introduction employer services'). */
  roles?: readonly string[];
}

/**
 * Names the person who acted, as employer-api records them (by subject): the signed-in person by their name, anyone
 * else by the subject the service recorded.
 */
export function usePersonName(me?: Me): (subject: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (subject: string | null | undefined) => {
      if (!subject) return "";
      if (me && subject === me.subject) return me.name ?? t("employers.you");
      return subject;
    },
    [me, t],
  );
}

/** A client's name when the reader may read it, else the start of the client's id as a reference. */
export function clientLabel(names: Map<string, string>, clientId: string, reference: string): string {
  return names.get(clientId) ?? `${reference} ${clientId.slice(0, 8)}`;
}
