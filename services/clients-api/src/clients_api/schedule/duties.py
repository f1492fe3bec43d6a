"""The 2026 duties beside the interview schedule, as dated rules with their sources: flags the coach clears when
the duty is done (or does not apply), not deadlines Polku can judge met by itself.

Pure functions: no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DutyKind(StrEnum):
    """A duty of the job search that Polku cannot see fulfilled, so the coach clears it: ``job_search_profile``, from 1
    September 2026 the job seeker drafts and publishes a job-search profile (*työnhakuprofiili*) on the national
    platform Työmarkkinatori, or the authority does it for them (HE 108/2025); ``education_application``, from 2026 a
    job seeker under 25 without a vocational qualification applies for study places in the spring joint application
    (*yhteishaku*), or loses the unemployment benefit until further notice (Työttömyysturvalaki 1290/2002, 2 luku)."""

    job_search_profile = "job_search_profile"  # työnhakuprofiili julkaistu palvelualustalla
    education_application = "education_application"  # alle 25-vuotiaan koulutushaku (kevään yhteishaku)


# From 1.9.2026 a job seeker must draft and publish a job-search profile on the national platform (Työmarkkinatori)
# within a time limit, and the authority drafts and publishes it when the job seeker does not (Laki
# työvoimapalveluiden järjestämisestä 380/2023 as amended by HE 108/2025; TyVM 9/2025: the platform and profile
# provisions in force 1.9.2026). Polku cannot see the platform, so the duty is a flag the coach clears.
JOB_SEARCH_PROFILE_FROM = date(2026, 9, 1)
JOB_SEARCH_PROFILE_SOURCES = (
    "HE 108/2025 and TyVM 9/2025: obligation to draft and publish a job-search profile within a time limit, the "
    "authority's duty to publish one when the job seeker does not; the platform and profile provisions of 380/2023 "
    "in force 1.9.2026",
)

# Under 25 without a vocational qualification: apply in the spring joint application (yhteishaku) for study places
# starting in the autumn, or lose the unemployment benefit until further notice (Työttömyysturvalaki 1290/2002,
# 2 luku, as amended by HE 108/2025 from 1.1.2026; kela.fi, Työttömyysturvan ehtoja alle 25-vuotiaille). Tracked
# from 2026; each year's joint application (the upper-secondary one, which the duty concerns) is data, its dates as
# the Finnish National Agency for Education (Opetushallitus) sets them for Opintopolku.
EDUCATION_APPLICATION_FROM = date(2026, 1, 1)
EDUCATION_AGE_LIMIT = 25
JOINT_APPLICATIONS: dict[int, tuple[date, date, str]] = {
    2026: (
        date(2026, 2, 17),
        date(2026, 3, 17),
        "Spring joint application for upper-secondary education 17.2.–17.3.2026 (Kela, 18.2.2026)",
    ),
}
EDUCATION_APPLICATION_SOURCES = (
    "Työttömyysturvalaki 1290/2002, 2 luku (alle 25-vuotiaan ammatillisen koulutuksen hakeminen), as amended by "
    "HE 108/2025 from 1.1.2026; kela.fi: apply in the spring for at least two study places starting in the autumn",
)
# A later year whose dates are not yet entered (2027: not published when this was written, 4.12.2026) still gives
# the duty, undated. The spring joint application opened in February and closed in March in every year whose dates
# were checked (19.2.–12.3.2019, 23.2.–23.3.2021, 22.2.–22.3.2022, 21.2.–21.3.2023, 17.2.–17.3.2026), so an undated
# one arises on 1 February for a job search open then or begun by the end of March, with no last day, and its
# sources say that the dates are to be checked. Entering the year's dates above makes it dated; its key (the year)
# stays, and so does a clearance of it.
UNDATED_WINDOW = ((2, 1), (3, 31))  # (month, day) of the first and the last day a joint application may fall on


def _undated(year: int) -> tuple[date, date, str]:
    (first_month, first_day), (last_month, last_day) = UNDATED_WINDOW
    source = (
        f"Spring joint application {year}: its dates are not yet entered in Polku (not published when the rule was "
        "written); check them at opintopolku.fi. It opened in February and closed in March in every year checked "
        "(2019, 2021–2023, 2026)."
    )
    return date(year, first_month, first_day), date(year, last_month, last_day), source


@dataclass(frozen=True)
class Duty:
    kind: DutyKind
    key: str  # which one: the period's first day for the profile, the year for the joint application
    applies_from: date
    due_on: date | None
    sources: tuple[str, ...]
    dated: bool = True  # False: the rule's dates are not yet known (an undated joint application)


def _age(birth_date: date, on: date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def duties(
    *,
    period_started_on: date,
    period_ended_on: date | None,
    birth_date: date,
    vocational_qualification: bool,
    today: date,
) -> list[Duty]:
    """The duties of one job-search period that have arisen by ``today``."""
    found: list[Duty] = []
    open_on = period_ended_on or today
    profile_from = max(period_started_on, JOB_SEARCH_PROFILE_FROM)
    if profile_from <= min(open_on, today):
        found.append(
            Duty(
                DutyKind.job_search_profile,
                period_started_on.isoformat(),
                profile_from,
                None,
                JOB_SEARCH_PROFILE_SOURCES,
            )
        )
    if not vocational_qualification:
        for year in range(EDUCATION_APPLICATION_FROM.year, today.year + 1):
            known = JOINT_APPLICATIONS.get(year)
            starts, ends, source = known or _undated(year)
            dated = known is not None
            arises = max(starts, period_started_on)
            if ends < EDUCATION_APPLICATION_FROM or arises > min(open_on, today, ends):
                continue
            if _age(birth_date, starts) >= EDUCATION_AGE_LIMIT:
                continue
            found.append(
                Duty(
                    DutyKind.education_application,
                    str(year),
                    arises,
                    ends if dated else None,
                    (*EDUCATION_APPLICATION_SOURCES, source),
                    dated,
                )
            )
    return found
