"""Who may read which figures, and the figures themselves: facts from the repository, computed, suppressed."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.indicator import casework, commitments, compute, followup, imported, repository
from metrics_api.indicator.compute import Cell, Month
from metrics_api.indicator.definitions import (
    ACTIVATING_SERVICES,
    CODES,
    Audience,
    Definition,
    Group,
    in_force,
)
from metrics_api.indicator.schemas import ActivatingServiceRead, CellRead, DefinitionRead, EmploymentAreaRead, Figures
from polku_classifications import sub_regions
from polku_kit.auth import Principal, Role
from polku_kit.calendar import today
from polku_kit.errors import FieldError, Forbidden, Unprocessable

MAX_MONTHS = 36
PERSON_FIGURES = {
    **compute.PERSON_FIGURES,
    "structurally_unemployed": followup.structurally_unemployed,
    "without_post_basic_education": followup.without_post_basic_education,
}
# Figures by employment area group the municipalities by Statistics Finland's sub-regional units
# (``polku_classifications.sub_regions``, all 308 municipalities); a code the classification does not know (not a
# municipality of 2025, and not Pertunmaa's former 588) is shown under this one.
UNPLACED = "unplaced"


def _area(municipality: str | None) -> str:
    return (sub_regions.sub_region(municipality) if municipality is not None else None) or UNPLACED


def _areas_named(cells: list[CellRead]) -> list[EmploymentAreaRead]:
    """The employment areas the cells name, with their names in Finnish and Swedish, in code order."""
    names = sub_regions.names()
    codes = sorted({c.employment_area for c in cells if c.employment_area is not None and c.employment_area in names})
    return [EmploymentAreaRead(code=code, fi=names[code]["fi"], sv=names[code]["sv"]) for code in codes]


def _people_by_area(people: dict[uuid.UUID, compute.Person]) -> None:
    for person in people.values():
        person.municipality_changes = [(d, t, i, _area(m)) for d, t, i, m in person.municipality_changes]


# The stock figures aggregated in PostgreSQL (``repository.stocks``): the same rules as ``compute``, which stays the
# reference the property tests check them against.
SQL_STOCKS: dict[str, Callable[[repository.StockRow], list[int]]] = {
    "job_seekers": lambda r: [r.job_seekers, 0, 0],
    "unemployed_job_seekers": lambda r: [r.unemployed, 0, 0],
    "long_term_unemployed": lambda r: [r.long_term_unemployed, 0, 0],
    "activation_rate": lambda r: [r.in_service, r.active, 0],
}


async def _stock_cells(
    session: AsyncSession, organisation: uuid.UUID, indicator: str, months: list[Month], group: Group, by_area: bool
) -> list[Cell] | None:
    """The cells of a stock figure from PostgreSQL's tallies: the stored cross-section's where it holds the count
    dates, otherwise aggregated now; None when the list of activating services changes within the period and the
    cross-section does not hold it (then ``compute`` answers, day by day)."""
    days = [month.count_date for month in months]
    stored = await repository.cross_section_days(session)
    if stored is not None and set(days) <= set(stored):
        rows = await repository.stored_stocks(session, organisation, days, group.value)
    else:
        listed = [_listed_on(day) for day in days]
        if any(types != listed[0] for types in listed):
            return None
        rows = await repository.stocks(session, organisation, days, group.value, listed[0])
    numbers_of = SQL_STOCKS[indicator]
    by_day: dict[date, compute.Tally] = {day: defaultdict(lambda: [0, 0, 0]) for day in days}
    for row in rows:
        numbers = numbers_of(row)
        if numbers[0] or numbers[1]:  # as ``compute``: a municipality appears where someone is counted
            place = _area(row.municipality) if by_area and row.municipality is not None else row.municipality
            tally = by_day[row.day][(place, None)]
            for i, n in enumerate(numbers):
                tally[i] += n
    value = compute.as_share if indicator == "activation_rate" else compute.as_count
    return [
        cell
        for month, day in zip(months, days, strict=True)
        for cell in compute.tally_cells(month, day, group, compute.with_totals(by_day[day]), value)
    ]


def _listed_on(day: date) -> list[str]:
    return [
        s.service_type for s in ACTIVATING_SERVICES if s.valid_from <= day and (s.valid_to is None or day <= s.valid_to)
    ]


def _tally_cells(
    months: list[Month],
    group: Group,
    rows: list[repository.TallyRow],
    value: Callable[[list[int]], float | None],
    *,
    by_area: bool,
    stock: bool,
) -> list[Cell]:
    """Cells from PostgreSQL's tallies (keyed by count date, or by the month's first day for a flow), with the
    organisation's totals, as ``compute`` makes them."""
    keys = [month.count_date if stock else month.first for month in months]
    by_key: dict[date, compute.Tally] = {key: defaultdict(lambda: [0, 0, 0]) for key in keys}
    for row in rows:
        place = _area(row.municipality) if by_area and row.municipality is not None else row.municipality
        tally = by_key[row.day][(place, row.breakdown)]
        for i, n in enumerate(row.numbers):
            tally[i] += n
    return [
        cell
        for month, key in zip(months, keys, strict=True)
        for cell in compute.tally_cells(month, key if stock else None, group, compute.with_totals(by_key[key]), value)
    ]


async def _history_cells(
    session: AsyncSession, organisation: uuid.UUID, indicator: str, months: list[Month], group: Group, by_area: bool
) -> list[Cell] | None:
    """The figures of the job seekers' history besides the stocks, aggregated in PostgreSQL; None for one that is
    not (or, for the share without post-basic education, when the list of activating services changes within the
    period: then ``followup`` answers)."""
    first, last = months[0].first, months[-1].last
    days = [month.count_date for month in months]
    if indicator.startswith("flow_over_"):
        threshold = int(indicator.removeprefix("flow_over_").removesuffix("_months"))
        rows = await repository.flows(session, organisation, first, last, group.value, threshold)
        return _tally_cells(months, group, rows, compute.as_count, by_area=by_area, stock=False)
    if indicator in ("ended_job_searches", "average_job_search_duration"):
        rows = await repository.ended_searches(session, organisation, first, last, group.value)
        value = compute.as_count if indicator == "ended_job_searches" else compute.as_mean
        return _tally_cells(months, group, rows, value, by_area=by_area, stock=False)
    if indicator == "structurally_unemployed":
        listed = [(s.service_type, s.valid_from, s.valid_to) for s in ACTIVATING_SERVICES]
        rows = await repository.structural(session, organisation, days, group.value, listed)
        return _tally_cells(months, group, rows, compute.as_count, by_area=by_area, stock=True)
    if indicator == "without_post_basic_education":
        listed_each = [_listed_on(day) for day in days]
        if any(types != listed_each[0] for types in listed_each):
            return None
        rows = await repository.education(
            session, organisation, days, group.value, listed_each[0], sorted(followup.NO_POST_BASIC)
        )
        return _tally_cells(months, group, rows, compute.as_share, by_area=by_area, stock=True)
    return None


async def _follow_up_cells(
    session: AsyncSession,
    organisation: uuid.UUID,
    months: list[Month],
    *,
    horizons: tuple[int, ...],
    by: str,
    by_area: bool,
) -> list[Cell]:
    """The effectiveness follow-up's cohorts counted in PostgreSQL (``repository.follow_up``), as
    ``followup.effectiveness`` counts them."""
    rows = await repository.follow_up(
        session,
        organisation,
        first=months[0].first,
        last=months[-1].last,
        horizons=list(horizons),
        by=by,
        as_of=today(),
        listed=[(s.service_type, s.valid_from, s.valid_to) for s in ACTIVATING_SERVICES],
        subsidised=sorted(followup.SUBSIDISED_TYPES),
        education=sorted(followup.EDUCATION_TYPES),
    )
    by_month: dict[date, dict[tuple[str | None, str], dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: dict.fromkeys(followup.DESTINATIONS, 0))
    )
    for row in rows:
        place = _area(row.municipality) if by_area and row.municipality is not None else row.municipality
        for region in {place, None}:
            by_month[row.month][(region, f"{row.horizon}m/{row.key}")][row.destination] += row.persons
    return [cell for month in months for cell in followup.cohort_cells(month, by_month.get(month.first, {}))]


def _rows_by_area(rows: list[imported.LabourForceRow]) -> list[imported.LabourForceRow]:
    """The municipalities' rows summed by area, month and group (a vintage per distinct vintage)."""
    summed: dict[tuple[str, date, str], imported.LabourForceRow] = {}
    for row in rows:
        key = (_area(row.municipality), row.month, row.group)
        before = summed.get(key)
        summed[key] = imported.LabourForceRow(
            key[0],
            row.month,
            row.labour_force + (before.labour_force if before else 0),
            row.population + (before.population if before else 0),
            "; ".join(sorted({row.vintage, *((before.vintage,) if before else ())})),
            None
            if row.employed is None or (before and before.employed is None)
            else row.employed + (before.employed or 0 if before else 0),
            row.group,
        )
    return list(summed.values())


class NotForThisRole(Forbidden):
    slug = "indicator-not-for-this-role"
    title = "This indicator is not for this role"


def definition_read(definition: Definition) -> DefinitionRead:
    return DefinitionRead(
        code=definition.code,
        version=definition.version,
        valid_from=definition.valid_from,
        name_fi=definition.name_fi,
        name_en=definition.name_en,
        formula=definition.formula,
        unit=definition.unit,
        kind=definition.kind,
        count_date_rule=definition.count_date_rule,
        source=definition.source,
        audience=definition.audience,
        statuses=list(definition.statuses),
        service_types=list(definition.service_types),
        activating_services=[
            ActivatingServiceRead(
                service_type=s.service_type,
                name_fi=s.name_fi,
                valid_from=s.valid_from,
                valid_to=s.valid_to,
                note=s.note,
            )
            for s in ACTIVATING_SERVICES
        ]
        if definition.service_types
        else [],
        groups=list(definition.groups),
        breakdown=definition.breakdown,
        awaiting=list(definition.awaiting),
    )


def _readable(principal: Principal, definition: Definition) -> bool:
    if principal.has_any(Role.manager, Role.admin):
        return True
    if Role.coach in principal.roles and definition.audience is Audience.casework:
        return True
    return Role.partner in principal.roles and definition.audience is Audience.partner


def definitions(*, principal: Principal, day: date) -> list[DefinitionRead]:
    """The definitions in force on ``day`` of the indicators this caller may read."""
    return [definition_read(d) for code in CODES if _readable(principal, d := in_force(code, day))]


def _months(first: str, last: str) -> list[Month]:
    start, end = Month.parse(first), Month.parse(last)
    months = start.until(end)
    if not months:
        raise Unprocessable(
            "The period ends before it starts",
            errors=[FieldError(field="query.to", message="before `from`", code="out_of_range").model_dump()],
        )
    if len(months) > MAX_MONTHS:
        raise Unprocessable(
            f"At most {MAX_MONTHS} months at a time",
            errors=[
                FieldError(
                    field="query.to", message=f"more than {MAX_MONTHS} months after `from`", code="out_of_range"
                ).model_dump()
            ],
        )
    return months


async def figures(
    *,
    session: AsyncSession,
    principal: Principal,
    indicator: str,
    first: str,
    last: str,
    group: Group,
    municipality: str | None,
    by_area: bool = False,
    by: str = "service_type",
    horizon: int | None = None,
) -> Figures:
    months = _months(first, last)
    if horizon is not None and horizon not in followup.HORIZONS:
        raise Unprocessable(
            "The follow-up is 3, 6 or 12 months",
            errors=[FieldError(field="query.horizon", message="not 3, 6 or 12", code="invalid").model_dump()],
        )
    used = sorted({in_force(indicator, m.count_date) for m in months}, key=lambda d: d.version)
    definition = used[-1]
    if not _readable(principal, definition):
        raise NotForThisRole("Coaches see their own caseload's case-work figures, partners their own services' figures")
    if group not in definition.groups:
        raise Unprocessable(
            f"{indicator} is not computed for the group {group.value}",
            errors=[
                FieldError(field="query.group", message="not a group of this indicator", code="invalid").model_dump()
            ],
        )
    organisation = principal.organisation()
    manager = principal.has_any(Role.manager, Role.admin)
    cells: list[Cell]
    available = True
    if indicator == "unemployed_share_of_labour_force":
        unemployed = await _stock_cells(session, organisation, "unemployed_job_seekers", months, group, by_area)
        if unemployed is None:
            people = await repository.people(session, organisation)
            if by_area:
                _people_by_area(people)
            unemployed = compute.unemployed(people.values(), months, group)
        force = await repository.labour_force(session, organisation, group)
        cells = imported.share_of_labour_force(unemployed, _rows_by_area(force) if by_area else force)
        if group is Group.foreign_citizens:
            available = await repository.any_citizenship(session, organisation)
    elif indicator in ("kela_benefits", "labour_market_subsidy_per_resident"):
        benefits = await repository.kela_benefits(
            session,
            organisation,
            months[0].first,
            months[-1].first,
            None if indicator == "kela_benefits" else "labour_market_subsidy",
        )
        if indicator == "kela_benefits":
            cells = imported.kela_benefits(benefits, months)
        else:
            population = await repository.labour_force(session, organisation, Group.all.value)
            cells = imported.per_resident(benefits, population, months)
    elif indicator == "budget":
        years = date(months[0].year, 1, 1), date(months[-1].year, 12, 31)  # the forecast needs whole years
        lines = await repository.budget_lines(session, organisation, *years)
        decided = commitments.by_class(await repository.support_decisions(session, organisation), *years)
        cells = imported.budget(lines, months, decided)
    elif indicator == "employment_rate":
        employment = await repository.employment(session, organisation)
        cells = imported.employment_rate(_rows_by_area(employment) if by_area else employment, months)
    elif indicator == "effectiveness_follow_up":
        horizons = followup.HORIZONS if horizon is None else (horizon,)
        cells = await _follow_up_cells(session, organisation, months, horizons=horizons, by=by, by_area=by_area)
    elif indicator in SQL_STOCKS and (
        stock := await _stock_cells(session, organisation, indicator, months, group, by_area)
    ):
        cells = stock
        if group is Group.foreign_citizens:
            available = await repository.any_citizenship(session, organisation)
    elif (
        indicator in PERSON_FIGURES
        and (history := await _history_cells(session, organisation, indicator, months, group, by_area)) is not None
    ):
        cells = history
        if group is Group.foreign_citizens:
            available = await repository.any_citizenship(session, organisation)
    elif indicator in PERSON_FIGURES:
        people = await repository.people(session, organisation)
        if by_area:
            _people_by_area(people)
        cells = PERSON_FIGURES[indicator](people.values(), months, group)
        if group is Group.foreign_citizens:
            available = any(p.citizenship is not None for p in people.values())
    elif indicator in ("deadlines_missed", "deadlines_waived"):
        rows = await repository.deadline_tallies(
            session,
            organisation,
            months[0].first,
            months[-1].last,
            indicator.removeprefix("deadlines_"),
            None if manager else principal.subject,  # a coach: the deadlines of their own caseload on the due day
        )
        cells = _tally_cells(months, Group.all, rows, compute.as_count, by_area=False, stock=False)
    elif indicator in ("deadlines_met_on_time", "offers_and_introductions", "pay_subsidy_periods_started"):
        rows = await repository.casework_tallies(
            session, organisation, indicator, months[0].first, months[-1].last, None if manager else principal.subject
        )
        value = compute.as_share if indicator == "deadlines_met_on_time" else compute.as_count
        cells = _tally_cells(months, Group.all, rows, value, by_area=False, stock=False)
    elif indicator in ("plans_up_to_date", "plan_debt"):
        rows = await repository.plans(
            session, organisation, [month.count_date for month in months], None if manager else principal.subject
        )
        if indicator == "plan_debt":  # those without an up-to-date plan
            rows = [replace(row, numbers=(row.numbers[1] - row.numbers[0], 0, 0)) for row in rows]
        value = compute.as_share if indicator == "plans_up_to_date" else compute.as_count
        cells = _tally_cells(months, Group.all, rows, value, by_area=False, stock=True)
    elif indicator == "caseload_per_coach":
        loads = await repository.caseloads(session, organisation, [month.count_date for month in months])
        cells = casework.caseload_cells(months, {(row.day, row.breakdown or ""): row.numbers[0] for row in loads})
        if not manager:
            cells = [c for c in cells if c.breakdown == principal.subject]
    elif indicator == "statement_processing_time":
        cells = casework.statement_processing_time(await repository.issued_statements(session, organisation), months)
    else:
        rows_of = await (
            repository.referrals(session, sender_organisation_id=organisation)
            if manager
            else repository.referrals(session, partner_organisation_id=organisation)
        )
        cells = (
            casework.referral_fill_rate(rows_of, months)
            if indicator == "referral_fill_rate"
            else casework.referral_first_response_time(rows_of, months)
        )
    if not available:
        for cell in cells:
            cell.value, cell.persons, cell.denominator, cell.available = None, None, None, False
    if indicator == "effectiveness_follow_up":
        followup.protect_cohorts(cells)
    else:
        compute.suppress_all(cells)  # before a municipality is picked: the totals protect the parts left out
    if municipality is not None:  # by area: the area of the municipality named
        picked = _area(municipality) if by_area else municipality
        cells = [c for c in cells if c.municipality == picked]
    out = []
    for cell in cells:
        out.append(
            CellRead(
                month=cell.month,
                count_date=cell.reference_day,
                municipality=None if by_area else cell.municipality,
                employment_area=cell.municipality if by_area else None,
                group=cell.group,
                breakdown=cell.breakdown,
                value=cell.value,
                persons=cell.persons,
                denominator=cell.denominator,
                available=cell.available,
                suppressed=cell.suppressed,
                vintage=cell.vintage,
                amounts=cell.amounts,
            )
        )
    return Figures(
        indicator=indicator,
        definitions=[definition_read(d) for d in used],
        suppression_threshold=compute.SUPPRESSION_THRESHOLD,
        cells=out,
        employment_areas=_areas_named(out) if by_area else [],
    )
