import i18next from "i18next";

/** English dates the way they are read in Finland (day first), not the US way. */
function locale(): string {
  return i18next.language === "en" ? "en-GB" : i18next.language;
}

/** A date (``2026-11-25``) or timestamp in the reader's language, e.g. ``25.11.2026``. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), { day: "numeric", month: "numeric", year: "numeric" }).format(date);
}

export function formatDateTime(value: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "short", timeStyle: "short" }).format(new Date(value));
}

/** Today in Helsinki as ISO 8601 (``YYYY-MM-DD``), the default of date fields. */
export function todayInHelsinki(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date());
}
