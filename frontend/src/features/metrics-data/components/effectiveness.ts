import type { CellRead, Destination } from "../api/types";
import { DESTINATIONS } from "../api/types";

/** One destination of a cohort: its share in percent and persons, or withheld. */
export interface Part {
  share: number | null;
  persons: number | null;
  suppressed: boolean;
}

/** A cohort: the clients whose service, support, referral or offer ended in a month, followed ``horizon`` months. */
export interface Cohort {
  month: string;
  municipality: string | null;
  horizon: number;
  origin: string;
  key: string;
  /** The cohort's size (the destinations' common denominator); null when withheld. */
  size: number | null;
  parts: Record<Destination, Part>;
}

const BREAKDOWN = /^(\d+)m\/([^:/]+):(.*)\/([^/]+)$/;

function isDestination(value: string): value is Destination {
  return (DESTINATIONS as readonly string[]).includes(value);
}

/**
 * The cohorts of ``GET /v1/effectiveness`` (breakdown ``{h}m/{origin}:{key}/{destination}``) of one municipality,
 * or of the whole organisation when ``municipality`` is undefined, in month and then cohort order.
 */
export function cohortsOf(cells: readonly CellRead[], municipality?: string): Cohort[] {
  const cohorts = new Map<string, Cohort>();
  for (const cell of cells) {
    if ((cell.municipality ?? undefined) !== municipality) continue;
    const match = BREAKDOWN.exec(cell.breakdown ?? "");
    if (!match) continue;
    const [, horizon = "", origin = "", key = "", destination = ""] = match;
    if (!isDestination(destination)) continue;
    const id = `${cell.month}|${horizon}|${origin}|${key}`;
    let cohort = cohorts.get(id);
    if (!cohort) {
      const empty = () => ({ share: 0, persons: 0, suppressed: false });
      cohort = {
        month: cell.month,
        municipality: cell.municipality,
        horizon: Number(horizon),
        origin,
        key,
        size: null,
        parts: Object.fromEntries(DESTINATIONS.map((name) => [name, empty()])) as Record<Destination, Part>,
      };
      cohorts.set(id, cohort);
    }
    cohort.parts[destination] = cell.suppressed
      ? { share: null, persons: null, suppressed: true }
      : { share: cell.value, persons: cell.persons, suppressed: false };
    if (!cell.suppressed && cell.denominator !== null) cohort.size = cell.denominator;
  }
  return [...cohorts.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      a.horizon - b.horizon ||
      a.origin.localeCompare(b.origin) ||
      a.key.localeCompare(b.key),
  );
}
