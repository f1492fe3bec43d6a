import type { TFunction } from "i18next";

import { locale } from "../../../lib/format";
import type { CellRead, Figures, Unit } from "../api/types";
import type { ChartPoint, ChartSeries } from "./line-chart";

export function formatValue(value: number, unit: Unit, language: string): string {
  const digits = unit === "percent" || unit === "days" || unit === "hours" ? 1 : 0;
  const number = new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(value);
  return unit === "percent" ? `${number} %` : unit === "euros" ? `${number} €` : number;
}

/** The unit of the newest version of the definition. */
export function unitOf(figures: Figures): Unit {
  return [...figures.definitions].sort((a, b) => b.version - a.version)[0]?.unit ?? "persons";
}

/** Every month from ``from`` to ``to`` (YYYY-MM), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split("-").map(Number) as [number, number];
  const end = to;
  for (let guard = 0; guard < 120; guard += 1) {
    const current = `${year}-${String(month).padStart(2, "0")}`;
    if (current > end) break;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The cells of the place shown: the municipality (or area) picked, else the organisation's totals. */
function placeCells(cells: readonly CellRead[], picked: boolean): CellRead[] {
  return picked
    ? cells.filter((cell) => cell.municipality !== null || cell.employment_area !== null)
    : cells.filter((cell) => cell.municipality === null && cell.employment_area === null);
}

function pointsOf(cells: readonly CellRead[], months: readonly string[]): ChartPoint[] {
  return months.map((month) => {
    const cell = cells.find((c) => c.month === month);
    return {
      month,
      value: cell && !cell.suppressed && cell.available ? cell.value : null,
      suppressed: cell?.suppressed ?? false,
    };
  });
}

/** The lines of a chart: the total where the figures have one, else one line per breakdown (at most five). */
export function seriesOf(
  figures: Figures,
  months: readonly string[],
  picked: boolean,
  totalLabel: string,
): ChartSeries[] {
  const cells = placeCells(figures.cells, picked);
  const totals = cells.filter((cell) => cell.breakdown === null);
  if (totals.length) return [{ key: "total", label: totalLabel, points: pointsOf(totals, months) }];
  const breakdowns = [...new Set(cells.map((cell) => cell.breakdown ?? ""))].slice(0, 5);
  return breakdowns.map((breakdown) => ({
    key: breakdown,
    label: breakdown,
    points: pointsOf(
      cells.filter((cell) => cell.breakdown === breakdown),
      months,
    ),
  }));
}

export interface Trend {
  latest: ChartPoint | undefined;
  earliest: ChartPoint | undefined;
}

/** The last month of the series and the first month shown with a figure before it. */
export function trendOf(points: readonly ChartPoint[]): Trend {
  const latest = points[points.length - 1];
  const earliest = points.slice(0, -1).find((point) => point.value !== null);
  return { latest, earliest };
}

/** The change in words and numbers: "up 1.2 percentage points since 2025-01 (12.3 % → 13.5 %)". */
export function describeTrend(t: TFunction, trend: Trend, unit: Unit, language: string): string {
  const { latest, earliest } = trend;
  if (!latest || latest.value === null) {
    return latest?.suppressed ? t("metrics.trend.latestSuppressed") : t("metrics.trend.noLatest");
  }
  const now = formatValue(latest.value, unit, language);
  if (!earliest || earliest.value === null) return t("metrics.trend.noEarlier", { value: now });
  const difference = latest.value - earliest.value;
  const before = formatValue(earliest.value, unit, language);
  const amount =
    unit === "percent"
      ? t("metrics.trend.points", {
          value: new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(Math.abs(difference)),
        })
      : formatValue(Math.abs(difference), unit, language);
  const key = Math.abs(difference) < 1e-9 ? "same" : difference > 0 ? "up" : "down";
  return t(`metrics.trend.${key}`, { amount, since: earliest.month, before, now });
}
