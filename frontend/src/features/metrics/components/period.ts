import { todayInHelsinki } from "../../../lib/format";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: string | null): value is string {
  return value !== null && MONTH.test(value);
}

/** The month ``count`` months before ``month`` (YYYY-MM). */
export function monthsBefore(month: string, count: number): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (number - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The default period: the twelve months up to the current month in Helsinki. */
export function defaultPeriod(): { from: string; to: string } {
  const to = todayInHelsinki().slice(0, 7);
  return { from: monthsBefore(to, 11), to };
}
