"""The up-to-date plan (*ajantasainen suunnitelma*) as a computed status. There is no official definition; Polku's,
shown beside every figure (:data:`DEFINITION`): a plan exists, it was reviewed at the latest mandatory interview,
that interview is at most three months old, and the job-search obligation is set or its reduction is recorded.
The plan debt (*suunnitelmavelka*) is the number of clients in the job search without an up-to-date plan.

Pure functions: no database, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from polku_kit.calendar import add_months

DEFINITION = (
    "Up-to-date plan (Polku's definition; there is no official one): a plan exists, it was reviewed (a version "
    "saved) on or after the day of the latest mandatory interview held, that interview is at most three months "
    "old, and the job-search obligation is set at the default or its reduction is recorded."
)
# A mandatory interview is at most this many months old (the three-month rhythm of the job-search discussions).
INTERVIEW_AT_MOST_MONTHS = 3
# The default obligation: four applications a month (Työttömyysturvalaki 1290/2002 2 a luku, HE 167/2021).
DEFAULT_APPLICATIONS_PER_MONTH = 4


class NotUpToDate(StrEnum):
    """Why a client's plan is not up to date (*ajantasainen suunnitelma*, Polku's definition: there is no official one):
    ``no_plan``, no plan has been saved; ``no_mandatory_interview``, no mandatory interview has been held in this job
    search yet; ``interview_too_old``, the latest mandatory interview is more than three months old;
    ``not_reviewed_at_latest_interview``, no version of the plan was saved on or after the day of that interview;
    ``obligation_not_recorded``, the job-search obligation is not set, or is below the default of four applications a
    month without a recorded reason for the reduction."""

    no_plan = "no_plan"
    no_mandatory_interview = "no_mandatory_interview"  # none held in this job search yet
    interview_too_old = "interview_too_old"
    not_reviewed_at_latest_interview = "not_reviewed_at_latest_interview"
    obligation_not_recorded = "obligation_not_recorded"


@dataclass(frozen=True)
class PlanFacts:
    """What the status is computed from: the latest plan version (its day and obligation) and the day of the latest
    mandatory interview held (initial interview, supplementary, job-search discussion, intensified month)."""

    plan_reviewed_on: date | None
    applications_per_period: int | None
    period_months: int | None
    obligation_reduction_reason: str | None
    latest_mandatory_interview_on: date | None


def not_up_to_date(facts: PlanFacts, today: date) -> list[NotUpToDate]:
    """Why the plan is not up to date on ``today``; empty when it is."""
    if facts.plan_reviewed_on is None:
        return [NotUpToDate.no_plan]
    reasons = []
    interview = facts.latest_mandatory_interview_on
    if interview is None:
        reasons.append(NotUpToDate.no_mandatory_interview)
    else:
        if add_months(interview, INTERVIEW_AT_MOST_MONTHS) < today:
            reasons.append(NotUpToDate.interview_too_old)
        if facts.plan_reviewed_on < interview:
            reasons.append(NotUpToDate.not_reviewed_at_latest_interview)
    if not obligation_recorded(facts.applications_per_period, facts.period_months, facts.obligation_reduction_reason):
        reasons.append(NotUpToDate.obligation_not_recorded)
    return reasons


def obligation_recorded(
    applications_per_period: int | None, period_months: int | None, obligation_reduction_reason: str | None
) -> bool:
    """The plan sets the job-search obligation at the default (or above), or records why it is reduced."""
    default = DEFAULT_APPLICATIONS_PER_MONTH * (period_months or 1)
    if applications_per_period is None:
        return False
    return applications_per_period >= default or bool((obligation_reduction_reason or "").strip())


def up_to_date_until(facts: PlanFacts) -> date | None:
    """The last day on which the plan is up to date, or None when it is not on any day: of the reasons of
    :func:`not_up_to_date` only the interview's age moves with the day, so the status is stored as this day
    (``client.plan_up_to_date_until``) and read as ``today <= it``."""
    interview = facts.latest_mandatory_interview_on
    if interview is None or not_up_to_date(facts, interview):
        return None
    return add_months(interview, INTERVIEW_AT_MOST_MONTHS)
