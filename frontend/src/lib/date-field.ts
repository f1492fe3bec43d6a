import type { TFunction } from "i18next";
import { z } from "zod";

import { parseDateInput } from "./format";

/** A day of the calendar as a date field keeps it (ISO 8601). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a date field holds for what was typed: ISO 8601 for a day of the calendar, "" for nothing, else the text. */
export function dateFieldValue(text: string): string {
  if (!text.trim()) return "";
  return parseDateInput(text) ?? text;
}

/** A date field's check in a form schema: a day of the calendar (ISO 8601, as the date field keeps it). */
export function isoDate(t: TFunction | ((key: string) => string), { optional = false }: { optional?: boolean } = {}) {
  const day = z.string().refine((value) => value === "" || ISO_DATE.test(value), { error: t("common.dateInvalid") });
  return optional ? day : day.refine((value) => value !== "", { error: t("errors.code.missing") });
}
