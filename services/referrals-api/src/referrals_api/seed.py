"""Demo data for `make run`: the partner organisations of the Lahti region's network (docs/contract.md) and
their services. Idempotent: a row that exists is left as it is. Never run in production (the CLI refuses).
Business ids are demo values with valid check digits."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from polku_kit.settings import BaseServiceSettings
from referrals_api.organisation.models import Organisation, OrganisationType

LAHTI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001")
WELLBEING_COUNTY = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000002")
KELA = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000003")
SALPAUS = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000004")
SETLEMENTTI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000005")
LAHTI_REGION = ["016", "098", "316", "398", "560"]  # Asikkala, Hollola, Kärkölä, Lahti, Orimattila

ORGANISATIONS = [
    Organisation(id=WELLBEING_COUNTY, authority_id=LAHTI, name="Päijät-Hämeen hyvinvointialue",
                 type=OrganisationType.wellbeing_services_county, business_id="0801587-2",
                 email="kirjaamo@example.fi", website="https://example.fi/phhyky", municipalities=LAHTI_REGION,
                 contacts=[{"name": "Leena Sosiaali", "role": "Sosiaalityö, lähetteet", "email": "leena@example.fi",
                            "phone": None}]),
    Organisation(id=KELA, authority_id=LAHTI, name="Kela", type=OrganisationType.kela, business_id="0246246-0",
                 email=None, website="https://www.kela.fi", municipalities=LAHTI_REGION,
                 contacts=[{"name": "Kari Kela", "role": "Ammatillinen kuntoutus", "email": "kari@example.fi",
                            "phone": None}]),
    Organisation(id=SALPAUS, authority_id=LAHTI, name="Koulutuskeskus Salpaus",
                 type=OrganisationType.education_provider, business_id="0202159-3", email="info@example.fi",
                 website="https://example.fi/salpaus", municipalities=LAHTI_REGION,
                 contacts=[{"name": "Outi Opettaja", "role": "Opinto-ohjaus", "email": "outi@example.fi",
                            "phone": None}]),
    Organisation(id=SETLEMENTTI, authority_id=LAHTI, name="Harjulan Setlementti",
                 type=OrganisationType.third_sector_workshop, business_id="0221794-0", email="paja@example.fi",
                 website="https://example.fi/harjula", municipalities=["398"],
                 contacts=[{"name": "Jussi Paja", "role": "Työpajaohjaaja", "email": "jussi@example.fi",
                            "phone": None}]),
]


async def seed_organisations(session: AsyncSession) -> None:
    for template in ORGANISATIONS:
        if await session.get(Organisation, template.id) is None:
            session.add(Organisation(**{column: getattr(template, column) for column in
                                        ("id", "authority_id", "name", "type", "business_id", "email", "website",
                                         "municipalities", "contacts")}))
    await session.flush()


async def seed(settings: BaseServiceSettings) -> None:
    engine = create_async_engine(settings.database_dsn)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            await seed_organisations(session)
    finally:
        await engine.dispose()
