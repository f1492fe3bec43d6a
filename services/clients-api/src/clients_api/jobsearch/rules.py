"""Consequences of neglecting the job-search obligation (*työnhakuvelvollisuuden laiminlyönti*), as dated rule
sets. A neglect is judged by the set in force on the last day of the review period, and by how many neglects
were recorded in the 12 months before it.

Polku records the consequence the rules give so that the coach's labour-policy statement (*työvoimapoliittinen
lausunto*) is consistent; Kela or the unemployment fund decides on the benefit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clients_api.jobsearch.models import SearchEndReason


class Consequence(StrEnum):
    """What a neglect of the job-search obligation leads to under the rules in force on its day (Työttömyysturvalaki
    1290/2002, 2 a luku 13–14 §); Kela or the unemployment fund decides on the benefit. ``reminder``, a reminder of
    the conditions of the unemployment benefit (*muistutus*; the first neglect until 28 February 2026);
    ``non_compensable_period``, a period without benefit (*korvaukseton määräaika*) of the calendar days given with
    it; ``until_further_notice``, the benefit is lost until the work requirement (*työssäolovelvoite*) is met."""

    reminder = "reminder"  # muistutus työttömyysetuuden saamisen edellytyksistä
    non_compensable_period = "non_compensable_period"  # korvaukseton määräaika
    until_further_notice = "until_further_notice"  # työssäolovelvoite: benefit lost until work requirement met


@dataclass(frozen=True)
class Step:
    consequence: Consequence
    non_compensable_days: int | None  # calendar days without benefit, for a non-compensable period


@dataclass(frozen=True)
class SanctionRuleSet:
    key: str
    name: str
    valid_from: date
    valid_until: date | None
    # The consequence of the 1st, 2nd, ... neglect within the look-back; the last step repeats.
    steps: tuple[Step, ...]
    lookback_months: int
    sources: tuple[str, ...]

    def consequence(self, ordinal: int) -> Step:
        return self.steps[min(ordinal, len(self.steps)) - 1]


NORDIC_SANCTIONS = SanctionRuleSet(
    key="nordic-2022",
    name="Staggered consequences of the Nordic labour market service model",
    valid_from=date(2022, 5, 2),
    valid_until=date(2026, 2, 28),
    steps=(
        Step(Consequence.reminder, None),
        Step(Consequence.non_compensable_period, 7),
        Step(Consequence.non_compensable_period, 14),
        Step(Consequence.until_further_notice, None),
    ),
    lookback_months=12,
    sources=(
        "Työttömyysturvalaki 1290/2002, 2 a luku 13 § (työnhakuvelvollisuuden ja työllistymissuunnitelman "
        "laiminlyönti) and 14 § (toistuva laiminlyönti, työssäolovelvoite), as amended by Laki "
        "työttömyysturvalain muuttamisesta 1380/2021 (HE 167/2021, TyVM 17/2021), in force 2.5.2022: first "
        "neglect a reminder, then 7 and 14 days without benefit (5 and 10 benefit days), then benefit until "
        "further notice; neglects counted over 12 months",
    ),
)

REFORM_2026_SANCTIONS = SanctionRuleSet(
    key="reform-2026",
    name="Consequences from 1 March 2026",
    valid_from=date(2026, 3, 1),
    valid_until=None,
    steps=(
        Step(Consequence.non_compensable_period, 7),
        Step(Consequence.non_compensable_period, 14),
        Step(Consequence.until_further_notice, None),
    ),
    lookback_months=12,
    sources=(
        "Laki työttömyysturvalain muuttamisesta (HE 108/2025, TyVM 9/2025), amending Työttömyysturvalaki "
        "1290/2002 2 a luku 13–14 §, in force 1.3.2026: the reminder is dropped and the first neglect gives a "
        "non-compensable period of seven calendar days (HE 108/2025, summary); repeated neglects escalate as "
        "before (14 days, then benefit until further notice: check the enacted text of 2 a luku 14 §)",
    ),
)

SANCTION_RULE_SETS = (NORDIC_SANCTIONS, REFORM_2026_SANCTIONS)


class NoSanctionRuleSet(LookupError):
    pass


def sanctions_in_force(day: date) -> SanctionRuleSet:
    for rule_set in SANCTION_RULE_SETS:
        if rule_set.valid_from <= day and (rule_set.valid_until is None or day <= rule_set.valid_until):
            return rule_set
    raise NoSanctionRuleSet(f"no job-search obligation is recorded for {day} (it starts on 2 May 2022)")


@dataclass(frozen=True)
class EndReasonRule:
    """A reason for ending a job-search period that the law gives only from a day on."""

    reason: SearchEndReason
    valid_from: date
    sources: tuple[str, ...]


END_REASON_RULES = (
    EndReasonRule(
        SearchEndReason.missed_interview,
        date(2026, 3, 1),
        (
            "Laki työvoimapalveluiden järjestämisestä 380/2023, 28 § 1 mom. 3–4 k., as amended by HE 108/2025 "
            "(TyVM 9/2025), in force 1.3.2026: the job search ends at once when the job seeker does not come to "
            "an initial interview or a (supplementary) job-search discussion, by phone or video too, without "
            "the repetition the earlier text required (tyomarkkinatori.fi, Työllisyyspalveluja koskevat "
            "lakiuudistukset vuonna 2026; vantaa.fi)",
        ),
    ),
)


def end_reason_allowed(reason: SearchEndReason, ended_on: date) -> EndReasonRule | None:
    """The rule that refuses ``reason`` for a period ending on ``ended_on``, or ``None`` when it is allowed."""
    return next((rule for rule in END_REASON_RULES if rule.reason is reason and ended_on < rule.valid_from), None)


def age_band(birth_date: date, on: date) -> str:
    """The age band metrics counts by (under 25: youth guarantee and the six-month TYP threshold; 25–29: the
    youth focus of the seeds; 30–54; 55 and over), so that events need no birth date."""
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    if age < 25:
        return "under_25"
    if age < 30:
        return "25_29"
    if age < 55:
        return "30_54"
    return "55_plus"
