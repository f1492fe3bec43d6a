/**
 * What the Kela screens check before sending: the same rules the clients service enforces (a whole number of days
 * from 0 to 10,000, a count from a day not in the future). The service remains the authority; its field errors are
 * shown in the same places.
 */
import type { TFunction } from "i18next";
import { z } from "zod";

import { isoDate } from "../../lib/date-field";
import { todayInHelsinki } from "../../lib/format";

export const MAX_DAYS = 10_000;

export function subsidyDaysSchema(t: TFunction) {
  return z.object({
    days: z
      .string()
      .trim()
      .refine((value) => /^\d+$/.test(value) && Number(value) <= MAX_DAYS, { error: t("kela.days.errors.range") }),
    counted_on: isoDate(t).refine((value) => value === "" || value <= todayInHelsinki(), {
      error: t("errors.code.future_date"),
    }),
  });
}
export type SubsidyDaysForm = z.infer<ReturnType<typeof subsidyDaysSchema>>;
