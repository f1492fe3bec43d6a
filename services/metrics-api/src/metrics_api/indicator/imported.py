"""Figures from imported statistics: the share of the labour force, Kela's benefits, the budget (pure functions)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from metrics_api.indicator.commitments import CATEGORY, Committed
from metrics_api.indicator.compute import Cell, Month, as_share, half_up
from metrics_api.indicator.definitions import Group


@dataclass(frozen=True)
class LabourForceRow:
    municipality: str
    month: date
    labour_force: int
    population: int
    vintage: str
    employed: int | None = None
    group: str = "all"


def latest(rows: Iterable[LabourForceRow], municipality: str, month: Month) -> LabourForceRow | None:
    """The municipality's row of the latest month at or before ``month``."""
    found = [r for r in rows if r.municipality == municipality and r.month <= month.first]
    return max(found, key=lambda r: r.month) if found else None


def share_of_labour_force(unemployed_cells: list[Cell], rows: list[LabourForceRow]) -> list[Cell]:
    """Unemployed job seekers (cells by municipality) over the imported labour force."""
    cells = []
    for month_text in dict.fromkeys(c.month for c in unemployed_cells):
        month = Month.parse(month_text)
        of_month = [c for c in unemployed_cells if c.month == month_text]
        counted = {c.municipality: c.persons or 0 for c in of_month if c.municipality is not None}
        places = sorted(set(counted) | {r.municipality for r in rows if r.month <= month.first})
        total_n = total_d = 0
        vintages = set()
        for place in places:
            row = latest(rows, place, month)
            if row is None:
                continue
            n = counted.get(place, 0)
            total_n, total_d = total_n + n, total_d + row.labour_force
            vintages.add(row.vintage)
            cells.append(
                Cell(
                    month_text,
                    of_month[0].reference_day,
                    place,
                    of_month[0].group,
                    None,
                    as_share([n, row.labour_force]),
                    n,
                    row.labour_force,
                    vintage=row.vintage,
                )
            )
        cells.append(
            Cell(
                month_text,
                of_month[0].reference_day,
                None,
                of_month[0].group,
                None,
                as_share([total_n, total_d]),
                total_n,
                total_d,
                available=bool(total_d),
                vintage="; ".join(sorted(vintages)) or None,
            )
        )
    return cells


@dataclass(frozen=True)
class BenefitRow:
    municipality: str
    month: date
    benefit_type: str
    recipients: int
    euros: float
    vintage: str


def kela_benefits(rows: list[BenefitRow], months: list[Month]) -> list[Cell]:
    cells = []
    for month in months:
        for row in sorted((r for r in rows if r.month == month.first), key=lambda r: (r.municipality, r.benefit_type)):
            cells.append(
                Cell(
                    str(month),
                    None,
                    row.municipality,
                    Group.all,
                    row.benefit_type,
                    row.euros,
                    row.recipients,
                    vintage=row.vintage,
                )
            )
    return cells


def per_resident(benefits: list[BenefitRow], population: list[LabourForceRow], months: list[Month]) -> list[Cell]:
    cells = []
    for month in months:
        for row in sorted((r for r in benefits if r.month == month.first), key=lambda r: r.municipality):
            people = latest(population, row.municipality, month)
            if people is None or not people.population:
                cells.append(
                    Cell(
                        str(month),
                        None,
                        row.municipality,
                        Group.all,
                        None,
                        None,
                        row.recipients,
                        available=False,
                        vintage=row.vintage,
                    )
                )
                continue
            cells.append(
                Cell(
                    str(month),
                    None,
                    row.municipality,
                    Group.all,
                    None,
                    half_up(row.euros / people.population, 2),
                    row.recipients,
                    vintage=f"{row.vintage}; {people.vintage}",
                )
            )
    return cells


@dataclass(frozen=True)
class BudgetRow:
    month: date
    line: str
    category: str
    budget_class: str
    budgeted: float
    actual: float | None
    committed: float | None


def budget(rows: list[BudgetRow], months: list[Month], decided: Sequence[Committed] = ()) -> list[Cell]:
    """By month and (category, class): the month's sums, the commitments of the imported lines and of the support
    decisions side by side (``decided``, category ``supports``), and the year's budget, actuals so far and forecast.

    The forecast as of a month: the year's actuals so far, and for each month after the last one with actuals the
    larger of their monthly mean and the euros known to be committed in it (the larger of the two sources' figures,
    which may count the same money: an imported commitment can already hold a decision's). Without actuals and
    commitments there is none."""
    cells = []
    for month in months:
        keys = sorted(
            {(r.category, r.budget_class) for r in rows if r.month.year == month.year}
            | {(CATEGORY, d.budget_class) for d in decided if d.month.year == month.year}
        )
        for category, budget_class in keys:
            mine = [
                r
                for r in rows
                if (r.category, r.budget_class) == (category, budget_class) and r.month.year == month.year
            ]
            from_decisions = {
                d.month.month: d.euros
                for d in decided
                if (CATEGORY, d.budget_class) == (category, budget_class) and d.month.year == month.year
            }
            imported_commitments: dict[int, float] = {}
            for r in mine:
                if r.committed is not None:
                    imported_commitments[r.month.month] = imported_commitments.get(r.month.month, 0.0) + r.committed
            this = [r for r in mine if r.month == month.first]
            so_far = [r for r in mine if r.month <= month.first and r.actual is not None]
            actual_months = {r.month.month for r in so_far}
            to_date = sum(r.actual or 0.0 for r in so_far)
            last = max(actual_months, default=0)
            mean = to_date / len(actual_months) if actual_months else 0.0
            known = {m: max(imported_commitments.get(m, 0.0), from_decisions.get(m, 0.0)) for m in range(last + 1, 13)}
            forecast = None
            if actual_months or any(known.values()):
                forecast = round(to_date + sum(max(mean, euros) for euros in known.values()), 2)
            actuals = [r.actual for r in this if r.actual is not None]
            commitments = [r.committed for r in this if r.committed is not None]
            cells.append(
                Cell(
                    str(month),
                    None,
                    None,
                    Group.all,
                    f"{category}/{budget_class}",
                    round(sum(actuals), 2) if actuals else None,
                    None,
                    amounts={
                        "budgeted": round(sum(r.budgeted for r in this), 2),
                        "actual": round(sum(actuals), 2) if actuals else 0.0,
                        "committed": round(sum(commitments), 2) if commitments else 0.0,
                        "committed_from_decisions": round(from_decisions.get(month.month, 0.0), 2),
                        "year_budget": round(sum(r.budgeted for r in mine), 2),
                        "year_actual_to_date": round(to_date, 2),
                        **({"year_end_forecast": forecast} if forecast is not None else {}),
                    },
                )
            )
    return cells


# Statistics Finland's employment rate (*työllisyysaste*): the employed of an age group as a share of its population;
# the imported rows of these groups carry both.
EMPLOYMENT_AGES = {"age_15_64": "15-64", "age_20_64": "20-64"}


def employment_rate(rows: list[LabourForceRow], months: list[Month]) -> list[Cell]:
    """By municipality, age group (the breakdown) and month: employed ÷ population × 100, from the latest imported
    month at or before; the organisation's cell sums the municipalities with both figures."""
    cells = []
    for month in months:
        for group, label in EMPLOYMENT_AGES.items():
            mine = [r for r in rows if r.group == group and r.employed is not None]
            total_n = total_d = 0
            vintages = set()
            for place in sorted({r.municipality for r in mine if r.month <= month.first}):
                row = latest(mine, place, month)
                if row is None or row.employed is None:
                    continue
                total_n, total_d = total_n + row.employed, total_d + row.population
                vintages.add(row.vintage)
                cells.append(
                    Cell(
                        str(month),
                        None,
                        place,
                        Group.all,
                        label,
                        as_share([row.employed, row.population]),
                        row.employed,
                        row.population,
                        vintage=row.vintage,
                    )
                )
            if total_d:
                cells.append(
                    Cell(
                        str(month),
                        None,
                        None,
                        Group.all,
                        label,
                        as_share([total_n, total_d]),
                        total_n,
                        total_d,
                        vintage="; ".join(sorted(vintages)),
                    )
                )
    return cells
