import type { CellRead } from "../api/types";

/** A budget cell as the page reads it: one category and class in one month. */
export interface BudgetCell {
  month: string;
  category: string;
  budgetClass: string;
  /** Null when no actuals are recorded for the month. */
  actual: number | null;
  budgeted: number;
  /** Committed by the imported budget lines (the file's ``Sidottu``). */
  committed: number;
  /** Committed by employer-api's support decisions (category ``supports``). */
  committedFromDecisions: number;
  yearBudget: number;
  yearActualToDate: number;
  /** The forecast of the year's end as of this month; null before the year has actuals or commitments. */
  forecast: number | null;
}

/** The cells of ``GET /v1/figures?indicator=budget`` (breakdown ``category/budget_class``). */
export function budgetCells(cells: readonly CellRead[]): BudgetCell[] {
  return cells.flatMap((cell) => {
    const [category, budgetClass] = (cell.breakdown ?? "").split("/");
    if (!category || !budgetClass || !cell.amounts) return [];
    const amounts = cell.amounts;
    return [
      {
        month: cell.month,
        category,
        budgetClass,
        actual: cell.value,
        budgeted: amounts.budgeted ?? 0,
        committed: amounts.committed ?? 0,
        committedFromDecisions: amounts.committed_from_decisions ?? 0,
        yearBudget: amounts.year_budget ?? 0,
        yearActualToDate: amounts.year_actual_to_date ?? 0,
        forecast: amounts.year_end_forecast ?? null,
      },
    ];
  });
}

export interface BudgetFilter {
  budgetClass?: string;
  category?: string;
}

function matches(cell: BudgetCell, filter: BudgetFilter): boolean {
  return (
    (!filter.budgetClass || cell.budgetClass === filter.budgetClass) &&
    (!filter.category || cell.category === filter.category)
  );
}

function sumOrNull(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length ? round(present.reduce((sum, value) => sum + value, 0)) : null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface BudgetMonth {
  month: string;
  budgetClass: string;
  budgeted: number;
  actual: number | null;
  committed: number;
  committedFromDecisions: number;
  forecast: number | null;
}

/** By class and month (the categories the filter keeps summed): budgeted, actual, committed and the forecast. */
export function byClassAndMonth(cells: readonly BudgetCell[], filter: BudgetFilter = {}): BudgetMonth[] {
  const groups = new Map<string, BudgetCell[]>();
  for (const cell of cells) {
    if (!matches(cell, filter)) continue;
    const key = `${cell.month}|${cell.budgetClass}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.entries()]
    .map(([key, parts]) => {
      const [month = "", budgetClass = ""] = key.split("|");
      return {
        month,
        budgetClass,
        budgeted: round(parts.reduce((sum, part) => sum + part.budgeted, 0)),
        actual: sumOrNull(parts.map((part) => part.actual)),
        committed: round(parts.reduce((sum, part) => sum + part.committed, 0)),
        committedFromDecisions: round(parts.reduce((sum, part) => sum + part.committedFromDecisions, 0)),
        forecast: sumOrNull(parts.map((part) => part.forecast)),
      };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || a.budgetClass.localeCompare(b.budgetClass));
}

/** By month only (the classes and categories the filter keeps summed): what the chart draws. */
export function byMonth(cells: readonly BudgetCell[], filter: BudgetFilter = {}): BudgetMonth[] {
  const kept = cells.filter((cell) => matches(cell, filter));
  return byClassAndMonth(
    kept.map((cell) => ({ ...cell, budgetClass: "*" })),
    {},
  );
}

export interface ClassSummary {
  budgetClass: string;
  yearBudget: number;
  actualToDate: number;
  committed: number;
  committedFromDecisions: number;
  /**
   * The year-end forecast as of ``asOf``, the last month with actuals (null: from the commitments alone, before any
   * actuals); null when the year has neither.
   */
  forecast: number | null;
  asOf: string | null;
}

/**
 * The year by class: its budget, actuals to date, commitments by source, and the forecast as of the last month of
 * actuals (before any, the commitments' forecast as of the year's last month).
 */
export function classSummaries(cells: readonly BudgetCell[], filter: BudgetFilter = {}): ClassSummary[] {
  const kept = cells.filter((cell) => matches(cell, filter));
  const classes = [...new Set(kept.map((cell) => cell.budgetClass))];
  return classes.map((budgetClass) => {
    const mine = kept.filter((cell) => cell.budgetClass === budgetClass);
    const withActuals = mine.filter((cell) => cell.actual !== null).map((cell) => cell.month);
    const asOf = withActuals.length ? withActuals.sort().at(-1)! : null;
    const lastMonth = mine
      .map((cell) => cell.month)
      .sort()
      .at(-1);
    // Each month's forecast counts every actual up to that month: the last month's counts them all.
    const atLast = mine.filter((cell) => cell.month === lastMonth);
    return {
      budgetClass,
      yearBudget: round(atLast.reduce((sum, cell) => sum + cell.yearBudget, 0)),
      actualToDate: round(atLast.reduce((sum, cell) => sum + cell.yearActualToDate, 0)),
      committed: round(mine.reduce((sum, cell) => sum + cell.committed, 0)),
      committedFromDecisions: round(mine.reduce((sum, cell) => sum + cell.committedFromDecisions, 0)),
      forecast: sumOrNull(atLast.map((cell) => cell.forecast)),
      asOf,
    };
  });
}
