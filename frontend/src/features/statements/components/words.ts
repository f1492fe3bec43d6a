import type { TFunction } from "i18next";

import type { StatementRead } from "../api/types";

/** What the rules in force on the day of the neglect give, e.g. "7 days without benefit (2nd neglect)". */
export function consequenceText(t: TFunction, statement: StatementRead): string {
  return t(`statements.consequence.${statement.consequence}`, {
    days: statement.non_compensable_days ?? 0,
    ordinal: statement.ordinal,
  });
}
