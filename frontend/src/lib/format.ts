import i18next from "i18next";

/**
 * The one place dates, times and numbers are formatted and read: Finnish and Swedish as written in Finland
 * (``3.12.2026``, ``1 234,5``), English day first (``03/12/2026``), never the browser's own locale.
 */
export function locale(language: string = i18next.language): string {
  if (language === "sv") return "sv-FI";
  if (language === "en") return "en-GB";
  return "fi-FI";
}

/** A date (``2026-11-25``) or timestamp in the reader's language, e.g. ``25.11.2026``. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), {
    day: "numeric",
    month: "numeric",
    year: "numeric",
    timeZone: value.length === 10 ? undefined : "Europe/Helsinki",
  }).format(date);
}

export function formatDateTime(value: string): string {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Helsinki",
  }).format(new Date(value));
}

/** The time of day in Helsinki (``9.30`` in Finnish, ``09:30`` in English). */
export function formatTime(value: string): string {
  return new Intl.DateTimeFormat(locale(), { hour: "numeric", minute: "2-digit", timeZone: "Europe/Helsinki" }).format(
    new Date(value),
  );
}

/** A number in the reader's language (``1 234,5``). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** Today in Helsinki as ISO 8601 (``YYYY-MM-DD``), the default of date fields. */
export function todayInHelsinki(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date());
}

/** A day after ``iso`` (``YYYY-MM-DD``), as ISO 8601. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** An ISO date (``2026-12-03``) as a date field shows it in the reader's language (``3.12.2026``). */
export function dateInputValue(iso: string | null | undefined): string {
  if (!iso) return "";
  const [year, month, day] = iso.split("-").map(Number);
  if (!year || !month || !day) return iso;
  if (i18next.language === "en") return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
  return `${day}.${month}.${year}`;
}

/**
 * What a person typed in a date field, read as Finland writes dates (``3.12.2026``, ``03.12.2026``; in English
 * also ``03/12/2026``) or as ISO 8601, to ISO 8601; null when it is not a day of the calendar.
 */
export function parseDateInput(text: string): string | null {
  const value = text.trim();
  let parts: RegExpMatchArray | null = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  let year: number, month: number, day: number;
  if (parts) {
    [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  } else {
    parts = value.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/);
    if (!parts) return null;
    [day, month, year] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** A time of day typed as ``9.30``, ``09:30`` or ``9``, as ``HH:MM``; null when it is not one. */
export function parseTimeInput(text: string): string | null {
  const parts = text.trim().match(/^(\d{1,2})(?:[.:](\d{2}))?$/);
  if (!parts) return null;
  const [hours, minutes] = [Number(parts[1]), Number(parts[2] ?? "0")];
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** A wall-clock time in Helsinki (``2026-12-03``, ``09:30``) as an instant in ISO 8601 UTC. */
export function helsinkiInstant(isoDate: string, time: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const [hours, minutes] = time.split(":").map(Number);
  const guess = Date.UTC(year, month - 1, day, hours, minutes);
  const offset = helsinkiOffsetMinutes(new Date(guess));
  let instant = guess - offset * 60_000;
  // Across a change of summer time the offset of the instant itself decides.
  const corrected = helsinkiOffsetMinutes(new Date(instant));
  if (corrected !== offset) instant = guess - corrected * 60_000;
  return new Date(instant).toISOString();
}

function helsinkiOffsetMinutes(at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Helsinki",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((local - at.getTime()) / 60_000);
}
