"""Demo data for `make run`: a few employers of the Lahti region with their contact people, a contact with its next
step, and published vacancies that match the demo clients of clients-api (Laura Nieminen, a cook in Hollola;
Juha Hämäläinen, a forklift driver in Orimattila; Sara Laine, office work in Lahti). Their candidate profiles
arrive from clients-api's events once the stack runs. Idempotent: a row that exists is left as it is. Never run
in production (the CLI refuses). Business ids are demo values with valid check digits."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from employer_api.employer.models import ContactKind, Employer, EmployerContact, SizeClass
from employer_api.staff.models import KnownStaff
from employer_api.vacancy.models import EmploymentType, Vacancy, VacancySource, VacancyStatus, WorkingTime
from polku_classifications import isco08, tol2008
from polku_kit.calendar import today
from polku_kit.settings import BaseServiceSettings

LAHTI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001")
# The demo employer-services worker (the identity issuer's user "employer"), the employers' account manager.
SANNA = "5e0f2a4c-1d2b-4a7e-8c3f-000000000003"

RESTAURANT = uuid.UUID("e0000000-0000-4000-8000-000000000001")
LOGISTICS = uuid.UUID("e0000000-0000-4000-8000-000000000002")
OFFICE = uuid.UUID("e0000000-0000-4000-8000-000000000003")

EMPLOYERS: list[dict[str, Any]] = [
    {
        "id": RESTAURANT,
        "business_id": "1234567-1",
        "name": "Ravintola Vesijärvi Oy",
        "industry_code": "56101",  # restaurants
        "size_class": SizeClass.small,
        "municipalities": ["398", "098"],
        "contact_people": [{"name": "Riikka Ravintola", "role": "Ravintolapäällikkö", "email": "riikka@example.fi"}],
        "network_member": True,
    },
    {
        "id": LOGISTICS,
        "business_id": "0246246-0",
        "name": "Orimattilan Logistiikka Oy",
        "industry_code": "52100",  # warehousing and storage
        "size_class": SizeClass.medium,
        "municipalities": ["560"],
        "contact_people": [{"name": "Lasse Logistiikka", "role": "Varastopäällikkö", "phone": "+358 40 123 4567"}],
        "network_member": False,
    },
    {
        "id": OFFICE,
        "business_id": "0202159-3",
        "name": "Lahden Tilitoimisto Oy",
        "industry_code": "69201",  # accounting
        "size_class": SizeClass.micro,
        "municipalities": ["398"],
        "contact_people": [{"name": "Tiina Tilintarkastaja", "role": "Toimitusjohtaja", "email": "tiina@example.fi"}],
        "network_member": True,
    },
]


def vacancies(day: date) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.UUID("fa000000-0000-4000-8000-000000000001"),
            "employer_id": RESTAURANT,
            "title_fi": "Kokki",
            "title_sv": "Kock",
            "title_en": "Cook",
            "description": "Lounas- ja à la carte -keittiö Lahden satamassa.",
            "occupation_code": "5120",
            "municipality": "398",
            "address": "Satamakatu 1, Lahti",
            "employment_type": EmploymentType.permanent,
            "ends_on": None,
            "languages": ["fi"],
            "driving_licences": [],
            "competences": ["5120"],
            "supports": ["pay_subsidy", "recruitment_bonus"],
        },
        {
            "id": uuid.UUID("fa000000-0000-4000-8000-000000000002"),
            "employer_id": LOGISTICS,
            "title_fi": "Trukinkuljettaja",
            "title_sv": "Truckförare",
            "title_en": "Forklift driver",
            "description": "Kevyttä keräilyä ja trukkiajoa kahdessa vuorossa.",
            "occupation_code": "8344",
            "municipality": "560",
            "address": "Teollisuustie 5, Orimattila",
            "employment_type": EmploymentType.fixed_term,
            "ends_on": day + timedelta(days=240),
            "languages": ["fi"],
            "driving_licences": ["B"],
            "competences": [],
            "supports": ["pay_subsidy"],
        },
        {
            "id": uuid.UUID("fa000000-0000-4000-8000-000000000003"),
            "employer_id": OFFICE,
            "title_fi": "Toimistosihteeri",
            "title_sv": "Kontorssekreterare",
            "title_en": "Office clerk",
            "description": "Asiakaspalvelua ja laskutusta; englannin kieli eduksi.",
            "occupation_code": "4110",
            "municipality": "398",
            "address": "Aleksanterinkatu 10, Lahti",
            "employment_type": EmploymentType.fixed_term,
            "ends_on": day + timedelta(days=180),
            "languages": ["fi", "en"],
            "driving_licences": [],
            "competences": [],
            "supports": ["work_trial"],
        },
    ]


async def seed_demo(session: AsyncSession, day: date) -> None:
    if await session.get(KnownStaff, (LAHTI, SANNA)) is None:  # as if she had signed in: named from the start
        now = datetime.now(UTC)
        session.add(
            KnownStaff(
                organisation_id=LAHTI,
                subject=SANNA,
                name="Sanna Heikkinen",
                roles=["employer_services"],
                first_seen_at=now,
                last_seen_at=now,
            )
        )
    for template in EMPLOYERS:
        if await session.get(Employer, template["id"]) is None:
            session.add(
                Employer(
                    **template,
                    authority_id=LAHTI,
                    industry_main_class=tol2008.main_class_of(template["industry_code"]),
                    account_manager_subject=SANNA,
                    consents_to_contact=True,
                    created_by=SANNA,
                )
            )
    await session.flush()
    contact = uuid.UUID("ec000000-0000-4000-8000-000000000001")
    if await session.get(EmployerContact, contact) is None:
        session.add(
            EmployerContact(
                id=contact,
                employer_id=RESTAURANT,
                authority_id=LAHTI,
                kind=ContactKind.visit,
                contacted_on=day - timedelta(days=10),
                staff_subject=SANNA,
                topic="Kesän rekrytoinnit",
                outcome="Kaksi kokkia tarvitaan keväällä",
                next_step="Lähetä palkkatuen hakuohjeet",
                next_step_due=day - timedelta(days=2),
            )
        )
    for template in vacancies(day):
        if await session.get(Vacancy, template["id"]) is None:
            session.add(
                Vacancy(
                    **template,
                    authority_id=LAHTI,
                    occupation_minor_group=isco08.minor_group(template["occupation_code"]),
                    remote=False,
                    working_time=WorkingTime.full_time,
                    starts_on=day + timedelta(days=21),
                    at_least_two_weeks=True,
                    application_deadline=day + timedelta(days=30),
                    other_licences=[],
                    requirements=None,
                    positions=1,
                    status=VacancyStatus.published,
                    source=VacancySource.here,
                    published_at=None,
                    created_by=SANNA,
                )
            )
    await session.flush()


async def seed(settings: BaseServiceSettings) -> None:
    engine = create_async_engine(settings.database_dsn)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            await seed_demo(session, today())
    finally:
        await engine.dispose()
