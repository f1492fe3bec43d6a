"""The rule sets of the job seeker's service process, as data, each with its validity and legal source.

The rules changed on 1 January 2026 (HE 108/2025). A deadline is judged by the rule set in force on the day
it concerns: the initial interview by the set in force when the job search started, a later interview by
the set in force on its due day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
    # After this many months of job search, an intensified month with extra discussions (0: none).
    intensified_after_months: int
    intensified_extra: int
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
    sources=(
        "Act 916/2012 as amended by 380/2022 (HE 167/2021, TyVM 17/2021), in force 2.5.2022",
        "From 1.1.2025 Act on the Organisation of Employment Services 380/2023",
        "tyomarkkinatori.fi: Alkuhaastattelu ja työnhakukeskustelut (five supplementary discussions within "
        "three months of the initial interview)",
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
    sources=(
        "Act 380/2023 as amended by HE 108/2025 (TyVM 9/2025), in force 1.1.2026: initial interview without "
        "undue delay and at the latest within 10 working days; supplementary discussions as needed; a "
        "job-search discussion whenever three months have passed",
        "Supplementary job-search discussions (täydentävät työnhakukeskustelut) are arranged as the service "
        "need assessed in the initial interview requires (Act 380/2023 ch. 6 as amended by HE 108/2025); the "
        "law fixes no number, so Polku's default is two, two weeks apart, unless the assessment names a number",
    ),
    need_based_supplementary=True,
    need_based_supplementary_count=2,
    need_based_supplementary_interval_days=14,
)

RULE_SETS = (NORDIC_MODEL, REFORM_2026)


class NoRuleSet(LookupError):
    pass


def in_force(day: date) -> RuleSet:
    for rule_set in RULE_SETS:
        if rule_set.valid_from <= day and (rule_set.valid_until is None or day <= rule_set.valid_until):
            return rule_set
    raise NoRuleSet(f"no statutory schedule is recorded for {day} (the first starts on 2 May 2022)")
