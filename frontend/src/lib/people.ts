import type { TFunction } from "i18next";

/**
 * Who saved or recorded something: "you" for the reader, else the person's name as their token gave it at the
 * time, and only for records made before names were kept, "another user".
 */
export function savedBy(t: TFunction, subject: string, me?: string, name?: string | null): string {
  if (subject === me) return t("plan.byYou");
  return name || t("plan.byOther");
}
