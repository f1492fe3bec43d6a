"""Demo data for `make run`: the partner organisations of the Lahti region's network (docs/contract.md) and
their services. Idempotent: a row that exists is left as it is. Never run in production (the CLI refuses).
Business ids are demo values with valid check digits."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from polku_kit.settings import BaseServiceSettings
from referrals_api.directory.models import Service
from referrals_api.organisation.models import Organisation, OrganisationType

LAHTI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001")
WELLBEING_COUNTY = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000002")
KELA = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000003")
SALPAUS = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000004")
SETLEMENTTI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000005")
LAHTI_REGION = ["016", "098", "316", "398", "560"]  # Asikkala, Hollola, Kärkölä, Lahti, Orimattila

ORGANISATIONS = [
    Organisation(
        id=WELLBEING_COUNTY,
        authority_id=LAHTI,
        name="Päijät-Hämeen hyvinvointialue",
        type=OrganisationType.wellbeing_services_county,
        business_id="0801587-2",
        email="kirjaamo@example.fi",
        website="https://example.fi/phhyky",
        municipalities=LAHTI_REGION,
        contacts=[
            {"name": "Leena Sosiaali", "role": "Sosiaalityö, lähetteet", "email": "leena@example.fi", "phone": None}
        ],
    ),
    Organisation(
        id=KELA,
        authority_id=LAHTI,
        name="Kela",
        type=OrganisationType.kela,
        business_id="0246246-0",
        email=None,
        website="https://www.kela.fi",
        municipalities=LAHTI_REGION,
        contacts=[{"name": "Kari Kela", "role": "Ammatillinen kuntoutus", "email": "kari@example.fi", "phone": None}],
    ),
    Organisation(
        id=SALPAUS,
        authority_id=LAHTI,
        name="Koulutuskeskus Salpaus",
        type=OrganisationType.education_provider,
        business_id="0202159-3",
        email="info@example.fi",
        website="https://example.fi/salpaus",
        municipalities=LAHTI_REGION,
        contacts=[{"name": "Outi Opettaja", "role": "Opinto-ohjaus", "email": "outi@example.fi", "phone": None}],
    ),
    Organisation(
        id=SETLEMENTTI,
        authority_id=LAHTI,
        name="Harjulan Setlementti",
        type=OrganisationType.third_sector_workshop,
        business_id="0221794-0",
        email="paja@example.fi",
        website="https://example.fi/harjula",
        municipalities=["398"],
        contacts=[{"name": "Jussi Paja", "role": "Työpajaohjaaja", "email": "jussi@example.fi", "phone": None}],
    ),
]


async def seed_organisations(session: AsyncSession) -> None:
    for template in ORGANISATIONS:
        if await session.get(Organisation, (template.authority_id, template.id)) is None:
            session.add(
                Organisation(
                    **{
                        column: getattr(template, column)
                        for column in (
                            "id",
                            "authority_id",
                            "name",
                            "type",
                            "business_id",
                            "email",
                            "website",
                            "municipalities",
                            "contacts",
                        )
                    }
                )
            )
    await session.flush()


SERVICES = [
    dict(
        id=uuid.UUID("5e7a1c00-0000-4000-8000-000000000001"),
        organisation_id=WELLBEING_COUNTY,
        name_fi="Työ- ja toimintakyvyn arviointi",
        name_sv="Bedömning av arbets- och funktionsförmåga",
        name_en="Work ability assessment",
        description_fi="Moniammatillinen arvio työ- ja toimintakyvystä ja jatkosuunnitelma.",
        description_sv="Multiprofessionell bedömning av arbets- och funktionsförmågan och en fortsatt plan.",
        description_en=None,
        minimum_age=18,
        maximum_age=None,
        target_groups=["long_term_unemployed", "partial_work_ability"],
        municipalities=LAHTI_REGION,
        languages=["fi", "sv"],
        channel="hybrid",
        street_address="Keskussairaalankatu 7",
        postal_code="15850",
        city="Lahti",
        capacity_seats=20,
        capacity_period="month",
        cost_per_client_eur=None,
        cost_description=None,
        production_model="partnership",
        status="active",
        response_days=5,
    ),
    dict(
        id=uuid.UUID("5e7a1c00-0000-4000-8000-000000000002"),
        organisation_id=SETLEMENTTI,
        name_fi="Nuorten työpaja",
        name_sv="Ungdomsverkstad",
        name_en="Youth workshop",
        description_fi="Työpajajakso: työtehtäviä, valmennusta ja tukea koulutukseen tai töihin.",
        description_sv="Verkstadsperiod: arbetsuppgifter, coachning och stöd till studier eller arbete.",
        description_en="A workshop period with work tasks, coaching and support towards education or work.",
        minimum_age=16,
        maximum_age=29,
        target_groups=["under_30"],
        municipalities=["398"],
        languages=["fi", "en"],
        channel="in_person",
        street_address="Harjulankatu 1",
        postal_code="15150",
        city="Lahti",
        capacity_seats=12,
        capacity_period="month",
        cost_per_client_eur=450,
        cost_description="Ostopalvelu, hinta per asiakas ja kuukausi",
        production_model="purchased",
        status="active",
        response_days=3,
    ),
    dict(
        id=uuid.UUID("5e7a1c00-0000-4000-8000-000000000003"),
        organisation_id=SALPAUS,
        name_fi="Työvoimakoulutus: logistiikka",
        name_sv="Arbetskraftsutbildning: logistik",
        name_en=None,
        description_fi="Ammatillinen työvoimakoulutus logistiikka-alalle, 6 kuukautta.",
        description_sv="Yrkesinriktad arbetskraftsutbildning inom logistik, 6 månader.",
        description_en=None,
        minimum_age=18,
        maximum_age=None,
        target_groups=[],
        municipalities=LAHTI_REGION,
        languages=["fi"],
        channel="in_person",
        street_address="Svinhufvudinkatu 4",
        postal_code="15110",
        city="Lahti",
        capacity_seats=30,
        capacity_period="quarter",
        cost_per_client_eur=None,
        cost_description=None,
        production_model="purchased",
        status="active",
        response_days=10,
    ),
]


async def seed_services(session: AsyncSession) -> None:
    for values in SERVICES:
        if await session.get(Service, values["id"]) is None:
            session.add(Service(authority_id=LAHTI, **values))
    await session.flush()


async def seed(settings: BaseServiceSettings) -> None:
    engine = create_async_engine(settings.database_dsn)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            await seed_organisations(session)
            await seed_services(session)
    finally:
        await engine.dispose()
