"""Demo data for `make run`: job seekers of the Lahti region for the demo coach (docs/contract.md), with a
spread of job-search starts so that the due list has overdue, due and met deadlines; a youth team with the demo
coach, the young clients moved into it (so their assignment history has two entries), and a waiting-on state on
some; initial assessments for some of them (an immigrant in the integration period, a client with partial work
ability, one whose service need calls for supplementary discussions). Idempotent: a person already registered
is not registered again, the team is made once, and a client who already has an assessment keeps it. Never run
in production (the CLI refuses)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from clients_api.access import repository as access_repository
from clients_api.assessment import repository as assessment_repository
from clients_api.assessment import service as assessment_service
from clients_api.assessment.schemas import AssessmentWrite
from clients_api.caseload import repository as caseload_repository
from clients_api.caseload import service as caseload_service
from clients_api.caseload.schemas import AssignmentCreate, MemberCreate, TeamCreate, WaitingOnUpdate
from clients_api.client import repository as client_repository
from clients_api.client import service
from clients_api.client.models import WaitingOn
from clients_api.client.schemas import ClientCreate, ClientRead
from clients_api.client.target_groups import TargetGroup
from clients_api.schedule import service as schedule_service
from clients_api.schedule.models import InterviewChannel
from clients_api.schedule.schemas import InterviewCreate
from polku_kit import calendar
from polku_kit.auth import Principal
from polku_kit.pii import PersonalDataVault
from polku_kit.settings import BaseServiceSettings

LAHTI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001")
DEMO_COACH = Principal(
    subject="5e0f2a4c-1d2b-4a7e-8c3f-000000000001",
    roles=frozenset({"coach"}),
    organisation_id=LAHTI,
    name="Aino Virtanen",
)
DEMO_MANAGER = Principal(
    subject="5e0f2a4c-1d2b-4a7e-8c3f-000000000004",
    roles=frozenset({"manager"}),
    organisation_id=LAHTI,
    name="Pekka Nieminen",
)
DEMO_TEAM = "Lahden nuorten tiimi"
# Whom the next step waits for, by last name.
WAITING = {"Nieminen": WaitingOn.client, "Hämäläinen": WaitingOn.us}
ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY"

# (birth ddmmyy, century sign, first names, last name, municipality, days since job search began,
#  days after the start the initial interview was held or None)
PEOPLE = [
    ("150398", "-", "Emma", "Korhonen", "398", 3, None),
    ("020701", "A", "Eetu", "Mäkinen", "398", 12, None),
    ("110585", "-", "Laura", "Nieminen", "098", 40, 4),
    ("230372", "-", "Juha", "Hämäläinen", "560", 95, 3),
    ("300690", "Y", "Sara", "Laine", "398", 200, 5),
    ("051104", "B", "Onni", "Heikkinen", "016", 25, None),
    ("170880", "-", "Anna", "Koskinen", "316", 410, 2),
    ("090966", "-", "Mikko", "Järvinen", "398", 60, 12),
]


# Initial assessments by last name (the demo coach saves them; the notes are special-category data).
ASSESSMENTS: dict[str, dict[str, object]] = {
    "Nieminen": {
        "education": [
            {
                "level": "upper_secondary_vocational",
                "field": "10",
                "qualification": "Hotelli-, ravintola- ja catering-alan perustutkinto",
                "completed_year": 2006,
            }
        ],
        "work_history": [
            {
                "occupation": "5120",
                "title": "Kokki",
                "employer": "Ravintola Oy",
                "started_on": "2007-01-08",
                "ended_on": "2025-09-30",
            }
        ],
        "occupations": ["5120", "9412"],
        "competences": [{"occupation": "5120", "description": "Hygieniapassi"}],
        "languages": [{"language": "fi", "level": "native"}, {"language": "en", "level": "B1"}],
        "driving_licences": ["B"],
        "service_needs": ["job_placement"],
        "work_ability": "full",
    },
    "Hämäläinen": {
        "education": [{"level": "basic"}],
        "work_history": [
            {
                "occupation": "8332",
                "title": "Kuorma-autonkuljettaja",
                "started_on": "1995-05-02",
                "ended_on": "2025-06-30",
            }
        ],
        "occupations": ["8344", "4321"],
        "languages": [{"language": "fi", "level": "native"}],
        "driving_licences": ["B", "C", "CE"],
        "service_needs": ["work_ability_assessment", "training"],
        "work_ability": "partial",
        "work_ability_description": "Ei raskaita nostoja; sopii kevyempi varastotyö",
        "special_category": {"health": "Selkävaiva, fysioterapia käynnissä", "social": None},
    },
    "Laine": {
        "education": [{"level": "bachelor", "field": "04", "completed_year": 2016}],
        "occupations": ["4110", "4222"],
        "languages": [
            {"language": "uk", "level": "native"},
            {"language": "fi", "level": "A2"},
            {"language": "en", "level": "B2"},
        ],
        "service_needs": ["language_training", "integration_training"],
        "work_ability": "full",
        "integration_period": {"starts_on": "2025-03-01", "ends_on": "2028-02-29"},
    },
}


def identity_code(birth: str, sign: str, individual: int) -> str:
    digits = f"{birth}{individual:03d}"
    return f"{birth}{sign}{individual:03d}{ALPHABET[int(digits) % 31]}"


async def seed(settings: BaseServiceSettings) -> None:
    engine = create_async_engine(settings.database_dsn)
    vault = PersonalDataVault(settings.pii_key.get_secret_value())
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    today = calendar.today()
    try:
        async with sessions() as session, session.begin():
            await ensure_demo_team(session)
        for number, (birth, sign, first, last, municipality, days, interview_after) in enumerate(PEOPLE):
            data = ClientCreate(
                personal_identity_code=identity_code(birth, sign, 100 + 2 * number),
                first_names=first,
                last_name=last,
                email=f"{first.lower()}@example.fi",
                home_municipality=municipality,
                languages=["fi"],
                job_search_started_on=today - timedelta(days=days),
            )
            async with sessions() as session, session.begin():
                try:
                    created = await service.register(session=session, principal=DEMO_COACH, vault=vault, data=data)
                except service.ClientAlreadyRegistered:
                    existing = await client_repository.find_by_identity_hash(
                        session, organisation_id=LAHTI, identity_hash=vault.lookup_hash(data.personal_identity_code)
                    )
                    if existing is not None:
                        await _assess(session, vault, existing.id, last, today)
                    continue
                await place_in_caseload(session, created)
                if interview_after is not None:
                    await schedule_service.record_interview(
                        session=session,
                        principal=DEMO_COACH,
                        client_id=created.id,
                        data=InterviewCreate(
                            held_on=data.job_search_started_on + timedelta(days=interview_after),
                            channel=InterviewChannel.in_person,
                            notes="Alkuhaastattelu",
                        ),
                    )
                await _assess(session, vault, created.id, last, today)
        # Clients of an earlier seed or loaded otherwise: their statutory deadlines stored, up to today.
        await schedule_service.refresh_all(sessions, on=today)
    finally:
        await engine.dispose()


async def ensure_demo_team(session: AsyncSession) -> uuid.UUID:
    """The demo coach's team, made once."""
    team = await caseload_repository.team_by_name(session, organisation_id=LAHTI, name=DEMO_TEAM)
    if team is None:
        created = await caseload_service.create_team(
            session=session, principal=DEMO_MANAGER, data=TeamCreate(name=DEMO_TEAM)
        )
        team_id = created.id
    else:
        team_id = team.id
    if await access_repository.member(session, team_id=team_id, coach_subject=DEMO_COACH.subject) is None:
        await caseload_service.add_member(
            session=session,
            principal=DEMO_MANAGER,
            team_id=team_id,
            data=MemberCreate(coach_subject=DEMO_COACH.subject, display_name=DEMO_COACH.name or "Aino Virtanen"),
        )
    return team_id


async def place_in_caseload(session: AsyncSession, client: ClientRead) -> None:
    """A newly registered demo client: the young ones move into the youth team (a second assignment entry),
    and some wait for the client or for us."""
    if TargetGroup.under_30 in client.target_groups:
        team_id = await ensure_demo_team(session)
        await caseload_service.assign(
            session=session,
            principal=DEMO_MANAGER,
            client_id=client.id,
            data=AssignmentCreate(
                coach_subject=DEMO_COACH.subject, team_id=team_id, reason="Nuorten tiimin asiakkaaksi (alle 30-vuotias)"
            ),
        )
    if client.last_name in WAITING:
        await caseload_service.set_waiting_on(
            session=session,
            principal=DEMO_COACH,
            client_id=client.id,
            data=WaitingOnUpdate(waiting_on=WAITING[client.last_name]),
        )


async def _assess(
    session: AsyncSession, vault: PersonalDataVault, client_id: uuid.UUID, last_name: str, today: date
) -> None:
    """The person's demo assessment, unless they have none in the list or already have one."""
    if last_name not in ASSESSMENTS or await assessment_repository.current(session, client_id=client_id):
        return
    data = AssessmentWrite.model_validate({"assessed_on": today.isoformat(), **ASSESSMENTS[last_name]})
    await assessment_service.save(
        session=session, principal=DEMO_COACH, vault=vault, client_id=client_id, data=data, if_match=None
    )
