"""The rule sets of the job seeker's service process, as data, each with its validity and legal source.

The rules changed on 1 January 2026 (HE 108/2025). A deadline is judged by the rule set in force on the day
it concerns: the initial interview by the set in force when the job search started, a later interview by
the set in force on its due day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from polku_kit.calendar import add_months


@dataclass(frozen=True)
class RuleSet:
    key: str
    name: str
    valid_from: date
    valid_until: date | None
    # Initial interview (alkuhaastattelu) at the latest on this working day after the job search starts.
    initial_interview_working_days: int
    # Supplementary job-search discussions (täydentävät työnhakukeskustelut) on a fixed schedule:
    # this many within this many months of the initial interview, about every `supplementary_interval_days`.
    supplementary_count: int
    supplementary_within_months: int
    supplementary_interval_days: int
    # Job-search discussion (työnhakukeskustelu) whenever this many months have passed since the last one.
    periodic_months: int
    # After this many months of continuous unemployment, an intensified month with extra discussions (0: none),
    # repeated every such many months of the same unemployment.
    intensified_after_months: int
    intensified_extra: int
    # The employment plan (työllistymissuunnitelma) is due this many calendar days after the initial interview
    # (the day it was held, or its deadline while it is not): 0 means in the initial interview itself.
    plan_within_days: int
    sources: tuple[str, ...]
    # Supplementary discussions as the recorded service need requires (2026): when an assessment records a
    # need for more support, this many (unless the assessment names a number), this many days apart.
    need_based_supplementary: bool = False
    need_based_supplementary_count: int = 0
    need_based_supplementary_interval_days: int = 0


NORDIC_MODEL = RuleSet(
    key="nordic-2022",
    name="Nordic labour market service model",
    valid_from=date(2022, 5, 2),
    valid_until=date(2025, 12, 31),
    initial_interview_working_days=5,
    supplementary_count=5,
    supplementary_within_months=3,
    supplementary_interval_days=14,
    periodic_months=3,
    intensified_after_months=6,
    intensified_extra=2,
    plan_within_days=14,
    sources=(
        "Laki julkisesta työvoima- ja yrityspalvelusta 916/2012, 2 luku, as amended by 1379/2021 (HE 167/2021, "
        "TyVM 17/2021), in force 2.5.2022; from 1.1.2025 Laki työvoimapalveluiden järjestämisestä 380/2023, 4 luku",
        "Initial interview within five working days (arkipäivää) of the start of the job search, and the "
        "employment plan in it or at the latest two weeks after it (HE 167/2021, 916/2012 2 luku as amended)",
        "tyomarkkinatori.fi, Alkuhaastattelu ja työnhakukeskustelut: five supplementary discussions within three "
        "months of the initial interview; a job-search discussion 'aina, kun alkuhaastattelusta tai edellisestä "
        "työnhakukeskustelusta on kulunut kolme kuukautta' (counted from the initial interview or the previous "
        "job-search discussion, never from a supplementary one)",
        "HE 167/2021: 'puolen vuoden välein kuukauden kestävä jakso, jonka aikana järjestettäisiin kaksi "
        "työnhakukeskustelua', counted from six months of continuous unemployment (yhdenjaksoinen työttömyys, "
        "916/2012 1 luku 3 §); the period ends with the rule set on 31.12.2025 and gives no deadline after it",
    ),
)

REFORM_2026 = RuleSet(
    key="reform-2026",
    name="Job seeker's service process, 2026 reform",
    valid_from=date(2026, 1, 1),
    valid_until=None,
    initial_interview_working_days=10,
    supplementary_count=0,  # as the recorded service need requires, not on a fixed schedule
    supplementary_within_months=0,
    supplementary_interval_days=0,
    periodic_months=3,
    intensified_after_months=0,
    intensified_extra=0,
    plan_within_days=0,
    sources=(
        "Act 380/2023 as amended by HE 108/2025 (TyVM 9/2025), in force 1.1.2026: initial interview without "
        "undue delay and at the latest within 10 working days; supplementary discussions as needed; a "
        "job-search discussion whenever three months have passed since the initial interview or the previous "
        "job-search discussion ('alkuhaastattelusta lukien kolmen kuukauden välein', TyVM 9/2025)",
        "Employment plan drawn up in the initial interview (or in a supplementary discussion held before it): "
        "380/2023 4 luku as amended by HE 108/2025; tyomarkkinatori.fi, Työllistymissuunnitelma; the platform's "
        "guidance names no two-week grace after the initial interview, so the plan is due with it (Decision 26)",
        "Supplementary job-search discussions (täydentävät työnhakukeskustelut) are arranged as the service "
        "need assessed in the initial interview requires (Act 380/2023 ch. 6 as amended by HE 108/2025); the "
        "law fixes no number, so Polku's default is two, two weeks apart, unless the assessment names a number",
    ),
    need_based_supplementary=True,
    need_based_supplementary_count=2,
    need_based_supplementary_interval_days=14,
)

RULE_SETS = (NORDIC_MODEL, REFORM_2026)

# A new job-search period brings a new initial interview only when at least this many months have passed since
# the previous period ended (tyomarkkinatori.fi, Initial interview and job search discussions: "A new initial
# interview will only be organised if at least six months have passed since the end of your job search and you
# are re-registered as a job seeker"; 380/2023 29 §, työnhaun käynnistäminen uudelleen). Both rule sets.
NEW_INITIAL_INTERVIEW_AFTER_MONTHS = 6

# The transition of 1.1.2026 (Decision 26), as one dated setting: a job search that started on or after this day
# has its initial interview and plan judged by the 2026 rules; one that started before keeps the Nordic model's
# (five working days, the plan two weeks after), even when those deadlines fall in January 2026. No transitional
# rule for a search pending at the change was found in the material read (HE 108/2025, TyVM 9/2025), so the start
# day decides, as for any search; if the enacted text or the ministry's guidance says otherwise, move this date.
REFORM_2026_FOR_SEARCHES_STARTED_FROM = date(2026, 1, 1)


class NoRuleSet(LookupError):
    pass


def initial_rules(job_search_started_on: date) -> RuleSet:
    """The rule set that judges the initial interview and the plan of a job search started on this day."""
    if job_search_started_on >= REFORM_2026_FOR_SEARCHES_STARTED_FROM:
        return REFORM_2026
    return in_force(min(job_search_started_on, NORDIC_MODEL.valid_until or job_search_started_on))


def in_force(day: date) -> RuleSet:
    for rule_set in RULE_SETS:
        if rule_set.valid_from <= day and (rule_set.valid_until is None or day <= rule_set.valid_until):
            return rule_set
    raise NoRuleSet(f"no statutory schedule is recorded for {day} (the first starts on 2 May 2022)")


def new_initial_interview(previous_ended_on: date | None, started_on: date) -> bool:
    """Whether a job-search period starting on ``started_on`` has an initial interview of its own: the first one
    does, a later one only when at least six months have passed since the previous one ended
    (:data:`NEW_INITIAL_INTERVIEW_AFTER_MONTHS`)."""
    return previous_ended_on is None or started_on >= add_months(previous_ended_on, NEW_INITIAL_INTERVIEW_AFTER_MONTHS)
