"""Deadlines of the statutory schedule for one client, computed from the job-search start and the interviews
held. Pure functions: no database, no clock (``today`` is given), so the rules can be tested exhaustively.

Every later deadline counts from when the interview it counts from was actually held (or, while it is not held,
from its own deadline), so recording an interview late can only move later deadlines later, never earlier. The
job-search discussions count from the initial interview and from each other, never from a supplementary one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from clients_api.schedule.rules import RULE_SETS, RuleSet, in_force, initial_rules
from polku_kit.calendar import add_months, add_working_days, is_working_day, on_or_before

# How many periodic deadlines ahead of today to show (the next one is what a coach plans for).
MAX_PERIODIC = 60


class DeadlineKind(StrEnum):
    """A deadline of the statutory schedule, as the rule set in force gives it (the Nordic labour market service model,
    *pohjoismainen työvoimapalvelumalli*, and its 2026 reform): ``initial_interview``, the initial interview
    (*alkuhaastattelu*) within 5 working days of the start of the job search (10 from 2026); ``employment_plan``, the
    employment plan (*työllistymissuunnitelma*) in the initial interview or at the latest two weeks after it (in it,
    from 2026); ``supplementary_interview``, a supplementary job-search discussion (*täydentävä työnhakukeskustelu*):
    five within three months of the initial interview until 2025, as the recorded service need requires from 2026;
    ``periodic_interview``, the job-search discussion (*työnhakukeskustelu*) due whenever three months have passed
    since the initial interview or the previous one; ``intensified_interview``, one of the two extra discussions of
    the intensified month after every six months of continuous unemployment (none after 31 December 2025)."""

    initial_interview = "initial_interview"
    employment_plan = "employment_plan"  # työllistymissuunnitelma: made, or overdue like an interview
    supplementary_interview = "supplementary_interview"
    periodic_interview = "periodic_interview"
    intensified_interview = "intensified_interview"


def kind_order(kind: DeadlineKind) -> int:
    """Deadlines of one day in the order of the process: the initial interview before the plan made in it."""
    return _KIND_ORDER[kind]


_KIND_ORDER = {kind: index for index, kind in enumerate(DeadlineKind)}


class DeadlineStatus(StrEnum):
    """Where a deadline stands: ``met``, held on or before its due day; ``met_late``, held after it; ``due``, not held
    yet, and the due day is today or later; ``overdue``, not held, and the due day has passed; ``waived``, not held,
    and the coach recorded why it need not be (a waiver with a reason)."""

    met = "met"
    met_late = "met_late"
    due = "due"
    overdue = "overdue"
    waived = "waived"  # not held, and the coach recorded why it need not be (a waiver with a reason)


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    number: int
    due_on: date
    status: DeadlineStatus
    held_on: date | None
    rule_set: RuleSet


@dataclass(frozen=True)
class SupplementaryNeed:
    """A need for more support recorded in the assessment on ``recorded_on``; ``count`` supplementary
    discussions, or the rule set's default when ``None``."""

    recorded_on: date
    count: int | None = None


def _status(due_on: date, held_on: date | None, today: date, waived: bool = False) -> DeadlineStatus:
    if held_on is not None:
        return DeadlineStatus.met if held_on <= due_on else DeadlineStatus.met_late
    if waived:
        return DeadlineStatus.waived
    return DeadlineStatus.overdue if today > due_on else DeadlineStatus.due


class _Held:
    """The interviews held, taken in date order as deadlines claim them."""

    def __init__(self, days: Iterable[date]):
        self._days = sorted(days)

    def take_after(self, after: date) -> date | None:
        for index, day in enumerate(self._days):
            if day > after:
                return self._days.pop(index)
        return None


def schedule(
    *,
    job_search_started_on: date,
    interviews_held: Iterable[date],
    today: date,
    waived: Collection[tuple[DeadlineKind, int]] = (),
    supplementary_need: SupplementaryNeed | None = None,
    initial_interview: bool = True,
    ended_on: date | None = None,
    plan_made_on: date | None = None,
    unemployment: Sequence[tuple[date, date | None]] | None = None,
) -> list[Deadline]:
    """Every deadline of one job-search period (*työnhaku*). ``waived`` names deadlines (kind, number) the coach
    waived with a reason: not held, they are ``waived`` instead of due or overdue, and later deadlines count from
    their due day as from any deadline not held. ``supplementary_need`` adds the need-based supplementary
    discussions of a rule set that has them (2026).

    ``initial_interview`` is false for a period that began less than six months after the previous one ended
    (:data:`~clients_api.schedule.rules.NEW_INITIAL_INTERVIEW_AFTER_MONTHS`): it has no initial interview, no plan
    deadline and no fixed supplementary discussions, and its three-month rhythm runs from its first day.
    ``ended_on`` is the period's last day: nothing falls due after it. ``plan_made_on`` is the day the first plan of
    the period was made. ``unemployment`` lists the spells of continuous unemployment (first day, last day or
    ``None`` while it lasts) from which the intensified months are counted; without it, the period itself."""
    return schedule_with_horizon(
        job_search_started_on=job_search_started_on,
        interviews_held=interviews_held,
        today=today,
        waived=waived,
        supplementary_need=supplementary_need,
        initial_interview=initial_interview,
        ended_on=ended_on,
        plan_made_on=plan_made_on,
        unemployment=unemployment,
    )[0]


def schedule_with_horizon(
    *,
    job_search_started_on: date,
    interviews_held: Iterable[date],
    today: date,
    waived: Collection[tuple[DeadlineKind, int]] = (),
    supplementary_need: SupplementaryNeed | None = None,
    initial_interview: bool = True,
    ended_on: date | None = None,
    plan_made_on: date | None = None,
    unemployment: Sequence[tuple[date, date | None]] | None = None,
) -> tuple[list[Deadline], date]:
    """:func:`schedule`, and the last day until which it stays the same: for every day ``d`` from ``today`` to
    that day, ``schedule(today=d)`` has the same deadlines (kind, number, due day, day held, rule set), and only
    the statuses of open deadlines move (:func:`status_on`), so stored deadlines need no rewrite until then.

    Today enters the schedule in two places only: the job-search discussions are listed up to the first not held
    that falls due on or after today (so the list grows the day after that one falls due), and an intensified
    month is listed once it has begun. ``date.max`` when neither can change any more (an ended period)."""
    start = job_search_started_on
    interviews_held = [day for day in interviews_held if day >= start and (ended_on is None or day <= ended_on)]
    waived = frozenset(waived)
    # The day up to which the job-search discussions are listed: an ended period lists none after its end.
    listing_day = today if ended_on is None else min(today, ended_on)

    def status(kind: DeadlineKind, number: int, due_on: date, held_on: date | None) -> DeadlineStatus:
        return _status(due_on, held_on, today, (kind, number) in waived)

    held = _Held(interviews_held)
    deadlines: list[Deadline] = []

    if start < RULE_SETS[0].valid_from:
        # The job search began under rules Polku does not hold: no initial or supplementary deadlines are
        # judged, and the three-month rhythm runs from the first day of the earliest rule set held.
        anchor = RULE_SETS[0].valid_from
    elif not initial_interview:
        # A period begun within six months of the previous one's end: no new initial interview (380/2023 29 §;
        # tyomarkkinatori.fi), so no plan deadline or fixed supplementary discussions either; the three months
        # of the job-search discussions run from the first day of the period.
        anchor = start
    else:
        # Initial interview, by the rule set of the job search's start (the transition: Decision 26).
        rules = initial_rules(start)
        due = add_working_days(start, rules.initial_interview_working_days)
        initial = held.take_after(start - timedelta(days=1))
        deadlines.append(
            Deadline(
                DeadlineKind.initial_interview,
                1,
                due,
                status(DeadlineKind.initial_interview, 1, due, initial),
                initial,
                rules,
            )
        )
        # The job-search discussions count from the initial interview held, or its deadline while it is not.
        anchor = initial or due

        # The employment plan: in the initial interview, or under the Nordic model at the latest two weeks
        # after it (HE 167/2021; 916/2012 2 luku as amended); in the initial interview from 2026 (380/2023 4 luku
        # as amended by HE 108/2025). Made before the interview (in a supplementary discussion) meets it too.
        if rules.plan_within_days == 0:
            plan_due = anchor  # in the initial interview (on a day off, the next working day)
            while not is_working_day(plan_due):
                plan_due += timedelta(days=1)
        else:
            plan_due = on_or_before(anchor + timedelta(days=rules.plan_within_days))
        plan_held = plan_made_on if plan_made_on is not None and plan_made_on >= start else None
        deadlines.append(
            Deadline(
                DeadlineKind.employment_plan,
                1,
                plan_due,
                status(DeadlineKind.employment_plan, 1, plan_due, plan_held),
                plan_held,
                rules,
            )
        )

        # Supplementary discussions on a fixed schedule, where the rule set in force still has one: five
        # within three months of the initial interview, about every two weeks (Nordic model).
        last = anchor
        base_rules = in_force(last)
        limit = add_months(last, base_rules.supplementary_within_months)
        for number in range(1, base_rules.supplementary_count + 1):
            due = on_or_before(min(last + timedelta(days=base_rules.supplementary_interval_days), limit))
            rules = in_force(due)
            if rules.supplementary_count == 0:
                break  # the schedule was lifted before this one fell due
            held_on = held.take_after(last)
            deadlines.append(
                Deadline(
                    DeadlineKind.supplementary_interview,
                    number,
                    due,
                    status(DeadlineKind.supplementary_interview, number, due, held_on),
                    held_on,
                    rules,
                )
            )
            last = held_on or due

        # Supplementary discussions as the recorded service need requires, where the rule set in force when
        # the need was recorded has them (2026: Act 380/2023 ch. 4 as amended by HE 108/2025). They count
        # from the later of the need's recording and the last discussion, one interval apart.
        if supplementary_need is not None:
            need_anchor = max(last, supplementary_need.recorded_on)
            need_rules = in_force(need_anchor)
            count = (
                need_rules.need_based_supplementary_count
                if supplementary_need.count is None
                else supplementary_need.count
            )
            if need_rules.need_based_supplementary and count > 0:
                first_number = sum(d.kind is DeadlineKind.supplementary_interview for d in deadlines) + 1
                interval = timedelta(days=need_rules.need_based_supplementary_interval_days)
                for number in range(first_number, first_number + count):
                    due = on_or_before(need_anchor + interval)
                    held_on = held.take_after(need_anchor)
                    deadlines.append(
                        Deadline(
                            DeadlineKind.supplementary_interview,
                            number,
                            due,
                            status(DeadlineKind.supplementary_interview, number, due, held_on),
                            held_on,
                            need_rules,
                        )
                    )
                    need_anchor = held_on or due

    # A job-search discussion whenever three months have passed since the initial interview or the previous
    # job-search discussion (tyomarkkinatori.fi: "aina, kun alkuhaastattelusta tai edellisestä
    # työnhakukeskustelusta on kulunut kolme kuukautta"; 2026: "alkuhaastattelusta lukien kolmen kuukauden
    # välein", TyVM 9/2025). Supplementary discussions, fixed or need-based, are a kind of their own and never
    # move it. Shown up to the first that is still ahead.
    last = anchor
    valid_until = date.max
    for number in range(1, MAX_PERIODIC + 1):
        due = on_or_before(add_months(last, in_force(last).periodic_months))
        held_on = held.take_after(last)
        if held_on is None and ended_on is not None and due > ended_on:
            break  # the period ended before this one fell due
        deadlines.append(
            Deadline(
                DeadlineKind.periodic_interview,
                number,
                due,
                status(DeadlineKind.periodic_interview, number, due, held_on),
                held_on,
                in_force(due),
            )
        )
        last = held_on or due
        if held_on is None and due >= listing_day:
            valid_until = due  # the day after it falls due unmet, the next discussion is listed
            break

    # Nordic model: after six months of continuous unemployment, an intensified month with two more discussions,
    # every half year of the same unemployment (HE 167/2021). Judged by the rule set in force when the month
    # begins; a month that would end after that rule set's last day (31.12.2025) gives no deadline.
    spells = list(unemployment) if unemployment is not None else [(start, ended_on)]
    number = 0
    for spell_start, spell_end in spells:
        for half_year in range(1, 100):
            begins = add_months(spell_start, 6 * half_year)
            if (spell_end is not None and begins > spell_end) or (ended_on is not None and begins > ended_on):
                break
            if begins > today:
                valid_until = min(valid_until, _before_next_intensified_month(spell_start, half_year))
                break
            if begins < RULE_SETS[0].valid_from:
                continue
            rules = in_force(begins)
            due = on_or_before(add_months(begins, 1))
            if rules.intensified_extra == 0 or (rules.valid_until is not None and due > rules.valid_until):
                continue
            window = [day for day in interviews_held if begins <= day <= due]
            for extra in range(rules.intensified_extra):
                held_on = window[extra] if extra < len(window) else None
                number += 1
                deadlines.append(
                    Deadline(
                        DeadlineKind.intensified_interview,
                        number,
                        due,
                        status(DeadlineKind.intensified_interview, number, due, held_on),
                        held_on,
                        rules,
                    )
                )
    if ended_on is not None and ended_on <= today:
        valid_until = date.max  # an ended period's deadlines no longer change
    return sorted(deadlines, key=lambda d: (d.due_on, kind_order(d.kind), d.number)), valid_until


def _before_next_intensified_month(spell_start: date, half_year: int) -> date:
    """The day before the next intensified month of this spell (from ``half_year`` on) that can add deadlines;
    ``date.max`` when no rule set from then on has intensified months."""
    for later in range(half_year, 100):
        begins = add_months(spell_start, 6 * later)
        if begins < RULE_SETS[0].valid_from:
            continue
        rules = in_force(begins)
        ends_in_force = rules.valid_until is None or on_or_before(add_months(begins, 1)) <= rules.valid_until
        if rules.intensified_extra > 0 and ends_in_force:
            return begins - timedelta(days=1)
        if rules.valid_until is None:
            return date.max  # the rules in force from then on have no intensified months
    return date.max


def status_on(due_on: date, held_on: date | None, waived: bool, today: date) -> DeadlineStatus:
    """The status on ``today`` of a deadline stored with its due day, the day it was held and whether it was
    waived: the same as :func:`schedule` gives it on that day."""
    return _status(due_on, held_on, today, waived)
