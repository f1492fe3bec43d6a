"""Target groups, computed from the client's data and never typed in (DOMAIN.md, "Priority target groups").

Dates are Europe/Helsinki calendar days. Newly and long-term unemployed are judged from the start of the
current continuous unemployment, which ``clients_api.client.unemployment`` computes from the status history.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class TargetGroup(StrEnum):
    """The priority target groups a client is computed to be in on the day, never typed in: ``under_25``, younger than
    25; ``under_30``, younger than 30; ``newly_unemployed``, continuously unemployed for less than 6 months;
    ``long_term_unemployed``, continuously unemployed for at least 12 months (*pitkäaikaistyötön*);
    ``immigrant_in_integration_period``, an immigrant whose integration period (*kotoutumisaika*) runs on the day;
    ``partial_work_ability``, assessed as having partial work ability (*osatyökykyinen*)."""

    under_25 = "under_25"
    under_30 = "under_30"
    newly_unemployed = "newly_unemployed"
    long_term_unemployed = "long_term_unemployed"
    immigrant_in_integration_period = "immigrant_in_integration_period"
    partial_work_ability = "partial_work_ability"


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day)


def target_groups(
    *,
    birth: date,
    unemployed_since: date | None,
    today: date,
    integration_period: tuple[date, date] | None = None,
    partial_work_ability: bool = False,
) -> list[TargetGroup]:
    """The groups the client belongs to on ``today``. ``unemployed_since`` is the first day of the current
    continuous unemployment (``None``: not unemployed). The last two come from the initial assessment: an
    immigrant whose integration period (*kotoutumisaika*, Laki kotoutumisen edistämisestä 681/2023) runs on
    ``today``, and a client assessed as having partial work ability (*osatyökykyinen*)."""
    groups: list[TargetGroup] = []
    age = age_on(birth, today)
    if age < 25:
        groups.append(TargetGroup.under_25)
    if age < 30:
        groups.append(TargetGroup.under_30)
    if unemployed_since is not None:
        months = months_between(unemployed_since, today)
        if months < 6:  # newly unemployed: 0–6 months (DOMAIN.md, priority target groups)
            groups.append(TargetGroup.newly_unemployed)
        if months >= 12:  # long-term unemployed: continuously unemployed for at least 12 months
            groups.append(TargetGroup.long_term_unemployed)
    if integration_period is not None and integration_period[0] <= today <= integration_period[1]:
        groups.append(TargetGroup.immigrant_in_integration_period)
    if partial_work_ability:
        groups.append(TargetGroup.partial_work_ability)
    return groups


# The age bands events carry instead of a birth date (metrics counts by them; a birth date with a municipality
# would single a person out): Statistics Finland's five-year groups, the youngest and oldest open-ended.
AGE_BAND_LIMITS = (20, 25, 30, 35, 40, 45, 50, 55, 60, 65)


def age_band(birth: date, day: date) -> str:
    """The five-year band of the age on ``day``: ``"-19"``, ``"20-24"``, …, ``"60-64"``, ``"65-"``."""
    age = age_on(birth, day)
    if age < AGE_BAND_LIMITS[0]:
        return f"-{AGE_BAND_LIMITS[0] - 1}"
    if age >= AGE_BAND_LIMITS[-1]:
        return f"{AGE_BAND_LIMITS[-1]}-"
    low = max(limit for limit in AGE_BAND_LIMITS if limit <= age)
    return f"{low}-{low + 4}"
