"""The database ranks candidates by the score (employer_api.matching.repository.score_sql) and
employer_api.matching.scoring explains the page shown: the two must give every profile the same total. Profiles
of every kind the parts tell apart (unit group, minor group, other; competences as an occupation or a competence;
licences; the same municipality, the commuting area, elsewhere, no municipality; languages; each status;
unemployed a year or a day short of it; each target group; engaged in no service, in one ending before, at or
30 and 31 days after the start, in one going on for good, only in the past, or in two one after another) against
vacancies starting in the future, in the past or with no start, and whose shares round half to even
(one of four competences is 2.5 points, three of four 7.5), and whose share parts fill the statement's places
or leave some empty (three licences in four places)."""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CandidateProfile
from employer_api.matching import repository, scoring
from employer_api.matching.service import candidate
from polku_kit.calendar import today
from polku_kit.testing import LAHTI

VACANCIES = [
    scoring.VacancyTerms(
        occupation="7212",
        competences=("7233",),
        driving_licences=("B",),
        languages=("fi",),
        municipality="398",
        remote=False,
        supports=("pay_subsidy",),
        starts_on=today() + timedelta(days=40),
    ),
    scoring.VacancyTerms(
        occupation="8332",
        competences=("7233", "8331", "9112", "7212"),
        driving_licences=("B", "C", "CE"),
        languages=("fi", "sv", "en"),
        municipality="491",
        remote=True,
        supports=("recruitment_bonus", "summer_job_voucher"),
        starts_on=today() - timedelta(days=10),
    ),
    scoring.VacancyTerms(
        occupation="7214",
        competences=("8331", "7212", "9112"),
        driving_licences=("B", "C"),
        languages=("fi", "sv"),
        municipality="098",
        remote=False,
        supports=("pay_subsidy", "recruitment_bonus"),
        starts_on=today() + timedelta(days=5),
    ),
    scoring.VacancyTerms(
        occupation="2211",
        competences=(),
        driving_licences=(),
        languages=(),
        municipality=None,
        remote=True,
        supports=(),
    ),
]
OCCUPATIONS = [("7212",), ("7214", "8331"), ("9112",), ("2212",)]
COMPETENCES = [(), ("7233",), ("8331", "9112")]
LICENCES = [(), ("B",), ("B", "C", "CE")]
MUNICIPALITIES = ["398", "098", "491", None]
LANGUAGES = [("fi",), ("fi", "sv"), ("en",)]
STATUSES = ["unemployed", "in_activating_service", "employed"]
UNEMPLOYED_DAYS = [None, 364, 365, 800]
TARGET_GROUPS = [(), ("under_25",), ("immigrant_in_integration_period", "long_term_unemployed")]


# Engaged periods, in days from today: from the first day to the day after the last (None: going on).
ENGAGED: list[tuple[tuple[int, int | None], ...]] = [
    (),
    ((-30, 20),),  # free 20 days from today
    ((-30, 41),),  # free on the day after the first vacancy starts
    ((-30, 71),),  # free 31 days after the first vacancy starts
    ((-30, 70),),  # free 30 days after it
    ((-30, None),),
    ((-90, -10),),  # in the past only
    ((-5, 30), (30, 60)),  # one after another: free 60 days from today
    ((50, None),),  # from after the starts
]


def profiles() -> list[CandidateProfile]:
    """One profile per row of a covering design: each value of each trait meets the others in turn."""
    rows = []
    traits = [
        OCCUPATIONS,
        COMPETENCES,
        LICENCES,
        MUNICIPALITIES,
        LANGUAGES,
        STATUSES,
        UNEMPLOYED_DAYS,
        TARGET_GROUPS,
        ENGAGED,
    ]
    day = today()
    for n, pick in enumerate(itertools.islice(itertools.product(*traits), 0, None, 61)):
        occupations, competences, licences, municipality, languages, status, unemployed, groups, engaged = pick
        rows.append(
            CandidateProfile(
                client_id=uuid.UUID(int=n + 1),
                organisation_id=LAHTI,
                occupations=list(occupations),
                minor_groups=sorted({code[:3] for code in occupations}),
                competences=list(competences),
                driving_licences=list(licences),
                municipality=municipality,
                languages=list(languages),
                status=status,
                unemployed_since=None if unemployed is None else day - timedelta(days=unemployed),
                target_groups=list(groups),
                engaged=[
                    Range(
                        day + timedelta(days=first), None if last is None else day + timedelta(days=last), bounds="[)"
                    )
                    for first, last in engaged
                ],
            )
        )
    return rows


async def test_the_database_s_total_is_the_explained_total(db_session: AsyncSession) -> None:
    made = profiles()
    db_session.add_all(made)
    await db_session.flush()
    day = today()
    compared = 0
    for vacancy in VACANCIES:
        shape, parameters = repository.score_parameters(vacancy, today=day)
        query = text(f"SELECT client_id, {repository.score_sql(*shape)} AS score FROM candidate_profile")  # noqa: S608
        ranked = {client_id: points for client_id, points in await db_session.execute(query, parameters)}
        for profile in made:
            explained = scoring.total(scoring.score(vacancy, candidate(profile), today=day))
            assert ranked[profile.client_id] == explained, (vacancy, profile.__dict__)
            compared += 1
    assert compared == len(VACANCIES) * len(made) > 8000


def test_a_share_part_s_places_are_the_next_power_of_two() -> None:
    # Vacancies of 3 and 4 competences share one statement text; one of 5 gets the next.
    assert [repository.slots(count) for count in range(10)] == [0, 1, 2, 4, 4, 8, 8, 8, 8, 16]
