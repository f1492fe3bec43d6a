"""The morning filters of a coach's caseload, as pure functions of one client's facts (no database, no clock).

Each condition is one named function so that it can be changed on its own; ``evaluate`` puts them together.
Dates are Europe/Helsinki calendar days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from clients_api.client.target_groups import age_on
from clients_api.kela.rules import threshold_reached_on
from clients_api.schedule.deadlines import Deadline, DeadlineStatus
from polku_kit.calendar import add_months

# How far ahead a coach is warned of a threshold of continuous unemployment (3, 6 and 12 months, and TYP).
APPROACHING_DAYS = 14
UNEMPLOYMENT_MILESTONES_MONTHS = (3, 6, 12)

# Laki työllistymistä edistävästä monialaisesta yhteispalvelusta 1369/2014, 2 § 2 mom. (as amended by 935/2022;
# carried into Laki työllistymisen monialaisesta edistämisestä 381/2023): the need for multi-sectoral joint
# service (TYP) is assessed when an unemployed person under 25 has been continuously unemployed for 6 months,
# and one aged 25 or over for 12 months. The third trigger, 300 days of labour market subsidy, is judged from
# Kela's count as imported or set by a coach (clients_api.kela.rules).
TYP_AGE_LIMIT = 25
TYP_MONTHS_UNDER_AGE_LIMIT = 6
TYP_MONTHS_FROM_AGE_LIMIT = 12

# How far ahead a coach is warned that a client's integration period (kotoutumisaika, Laki kotoutumisen
# edistämisestä 681/2023) ends: the services of the integration plan are to be arranged, or the client's plan
# changed to an employment plan, before the period runs out. A month is the time a coach needs for that.
INTEGRATION_ENDING_DAYS = 30


class TypTrigger(StrEnum):
    """Which threshold brings the TYP assessment due (1369/2014, 2 § 2 mom.): ``unemployment_months``, 6 months of
    continuous unemployment under 25, 12 months from 25; ``subsidy_days``, 300 days of labour market subsidy, by
    Kela's count."""

    unemployment_months = "unemployment_months"  # 6 months under 25, 12 months from 25
    subsidy_days = "subsidy_days"  # 300 days of labour market subsidy, by Kela's count


class MorningFilter(StrEnum):
    """The morning filters of a caseload; a client matches when: ``unassigned``, no coach is named for them;
    ``interviews_today``, a statutory interview falls due today and is not yet held, or one was recorded as held
    today; ``overdue_deadlines``, a statutory deadline has passed unmet; ``waiting_for_client``, the next step waits
    for the client; ``waiting_for_us``, the next step waits for the authority; ``needs_assessment``, no initial
    assessment (*alkukartoitus*) is recorded; ``approaching_unemployment_milestone``, 3, 6 or 12 months of continuous
    unemployment are reached within 14 days; ``typ_assessment_due``, the assessment for the multi-sectoral joint
    service (*TYP*) is due within 14 days or already, by months of unemployment or by 300 days of labour-market
    subsidy; ``integration_period_ending``, the integration period (*kotoutumisaika*) ends within 30 days."""

    unassigned = "unassigned"
    interviews_today = "interviews_today"
    overdue_deadlines = "overdue_deadlines"
    waiting_for_client = "waiting_for_client"
    waiting_for_us = "waiting_for_us"
    needs_assessment = "needs_assessment"
    approaching_unemployment_milestone = "approaching_unemployment_milestone"
    typ_assessment_due = "typ_assessment_due"
    integration_period_ending = "integration_period_ending"


@dataclass(frozen=True)
class ClientFacts:
    birth_date: date
    job_search_started_on: date
    coach_subject: str | None
    waiting_on: str | None
    unemployed_since: date | None
    interviews_held: Sequence[date]
    deadlines: Sequence[Deadline]
    assessed: bool = False  # an initial assessment has been recorded
    subsidy_days: tuple[int, date] | None = None  # Kela's count of labour market subsidy days, and its day
    integration_ends_on: date | None = None  # the last day of the integration period, from the assessment


@dataclass(frozen=True)
class Milestone:
    months: int
    reached_on: date


@dataclass(frozen=True)
class Evaluation:
    filters: frozenset[MorningFilter]
    overdue_deadlines: int
    next_deadline_on: date | None
    milestone: Milestone | None
    typ_assessment_due_on: date | None
    typ_trigger: TypTrigger | None = None
    integration_ends_on: date | None = None


def needs_assessment(facts: ClientFacts) -> bool:
    """The client still needs the initial assessment (*alkukartoitus*): none has been recorded."""
    return not facts.assessed


def interviews_today(facts: ClientFacts, today: date) -> bool:
    """A statutory interview falls due today and is not yet held, or an interview was recorded as held today.
    (There is no booking calendar: the deadlines are what a coach plans the day by.)"""
    return today in facts.interviews_held or any(
        deadline.due_on == today and deadline.status is DeadlineStatus.due for deadline in facts.deadlines
    )


def approaching_milestone(unemployed_since: date | None, today: date) -> Milestone | None:
    """The 3, 6 or 12 months of continuous unemployment reached within the next ``APPROACHING_DAYS`` days
    (today included). DOMAIN.md: warn the coach before 3, 6 and 12 months of unemployment."""
    if unemployed_since is None:
        return None
    for months in UNEMPLOYMENT_MILESTONES_MONTHS:
        reached = add_months(unemployed_since, months)
        if today <= reached <= today + timedelta(days=APPROACHING_DAYS):
            return Milestone(months=months, reached_on=reached)
    return None


def typ_assessment_due_on(birth_date: date, unemployed_since: date) -> date:
    """The day the TYP assessment falls due if the unemployment goes on (1369/2014, 2 § 2 mom.): 6 months if the
    person is still under 25 on that day, otherwise 12 months."""
    six_months = add_months(unemployed_since, TYP_MONTHS_UNDER_AGE_LIMIT)
    if age_on(birth_date, six_months) < TYP_AGE_LIMIT:
        return six_months
    return add_months(unemployed_since, TYP_MONTHS_FROM_AGE_LIMIT)


def typ_assessment_due(facts: ClientFacts, today: date) -> tuple[date, TypTrigger] | None:
    """When the client is due for a TYP assessment, and by which threshold, if that day is reached or within
    ``APPROACHING_DAYS`` days. Only an unemployed client is due; of the two thresholds the earlier counts."""
    if facts.unemployed_since is None:
        return None
    due = [(typ_assessment_due_on(facts.birth_date, facts.unemployed_since), TypTrigger.unemployment_months)]
    if facts.subsidy_days is not None:
        due.append((threshold_reached_on(*facts.subsidy_days), TypTrigger.subsidy_days))
    due_on, trigger = min(due)
    return (due_on, trigger) if due_on <= today + timedelta(days=APPROACHING_DAYS) else None


def integration_period_ending(facts: ClientFacts, today: date) -> bool:
    """The integration period ends within ``INTEGRATION_ENDING_DAYS`` days (today included)."""
    ends_on = facts.integration_ends_on
    return ends_on is not None and today <= ends_on <= today + timedelta(days=INTEGRATION_ENDING_DAYS)


def evaluate(facts: ClientFacts, today: date) -> Evaluation:
    overdue = sum(1 for deadline in facts.deadlines if deadline.status is DeadlineStatus.overdue)
    upcoming = [deadline.due_on for deadline in facts.deadlines if deadline.status is DeadlineStatus.due]
    milestone = approaching_milestone(facts.unemployed_since, today)
    typ_due = typ_assessment_due(facts, today)
    matched: set[MorningFilter] = set()
    if facts.coach_subject is None:
        matched.add(MorningFilter.unassigned)
    if interviews_today(facts, today):
        matched.add(MorningFilter.interviews_today)
    if overdue:
        matched.add(MorningFilter.overdue_deadlines)
    if facts.waiting_on == "client":
        matched.add(MorningFilter.waiting_for_client)
    if facts.waiting_on == "us":
        matched.add(MorningFilter.waiting_for_us)
    if needs_assessment(facts):
        matched.add(MorningFilter.needs_assessment)
    if milestone is not None:
        matched.add(MorningFilter.approaching_unemployment_milestone)
    if typ_due is not None:
        matched.add(MorningFilter.typ_assessment_due)
    ending = integration_period_ending(facts, today)
    if ending:
        matched.add(MorningFilter.integration_period_ending)
    return Evaluation(
        filters=frozenset(matched),
        overdue_deadlines=overdue,
        next_deadline_on=min(upcoming) if upcoming else None,
        milestone=milestone,
        typ_assessment_due_on=typ_due[0] if typ_due else None,
        typ_trigger=typ_due[1] if typ_due else None,
        integration_ends_on=facts.integration_ends_on if ending else None,
    )
