"""The national platform's vacancies (decision 33): a delivered event is checked and kept in the inbox at once;
the inbox worker takes it in afterwards, upserting the imported vacancy by its national id with its source and
a removed flag.

Order: a vacancy's events share a lane (``subject``), and each carries the platform's time; an event older than
the last one taken in changes nothing, and a removal that came before its vacancy is remembered, so whatever
the order of arrival the vacancy ends as the platform's last word left it. Status changes are announced as the
vacancies made here are (``fi.polku.vacancy.*``, no names)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.acting import stamp_job
from employer_api.employer.models import Employer
from employer_api.platform import repository
from employer_api.platform.events import (
    PLATFORM,
    SHAPES,
    VACANCY_CHANGED,
    VACANCY_PUBLISHED,
    VACANCY_REMOVED,
    PlatformVacancy,
    PlatformVacancyRemoved,
)
from employer_api.platform.schemas import PlatformEventAccepted
from employer_api.vacancy.models import Vacancy, VacancySource, VacancyStatus
from employer_api.vacancy.service import SOURCE, event_data, lasts_two_weeks
from polku_classifications import isco08
from polku_kit.auth import Principal
from polku_kit.inbox import ReceivedEvent, store, validated_data
from polku_kit.inbox_worker import InboxHandler, StoredEvent
from polku_kit.outbox import emit

# An employer first met in a platform event: TOL 2008's own class for an unknown industry until someone knows.
UNKNOWN_INDUSTRY = ("00", "X")


async def accept(*, session: AsyncSession, principal: Principal, event: ReceivedEvent) -> PlatformEventAccepted:
    """Keep a verified event for the worker; a known type's data must have its shape (422 otherwise, nothing
    kept). An unknown type is kept and acknowledged, and ignored."""
    shape = SHAPES.get(event.type)
    if shape is not None:
        validated_data(event, shape)
    stored = await store(session, event, organisation_id=principal.organisation(), received_by=principal.subject)
    return PlatformEventAccepted(id=event.id, duplicate=not stored)


def _when(stored: StoredEvent) -> datetime:
    return stored.event.time or datetime.now(UTC)


def _newer(vacancy: Vacancy | None, at: datetime) -> bool:
    return vacancy is None or vacancy.source_changed_at is None or at > vacancy.source_changed_at


async def take_in_vacancy(session: AsyncSession, stored: StoredEvent) -> None:
    """A vacancy published or changed on the platform: created or brought up to date."""
    authority_id = _authority(stored)
    data = PlatformVacancy.model_validate(stored.event.data)
    at = _when(stored)
    vacancy = await repository.imported_vacancy(
        session, authority_id=authority_id, source_system=PLATFORM, external_id=data.national_id
    )
    if not _newer(vacancy, at):
        return
    removed_at = await repository.removal(
        session, authority_id=authority_id, source_system=PLATFORM, external_id=data.national_id
    )
    removed = removed_at is not None and removed_at >= at
    employer = await _employer(session, authority_id=authority_id, data=data, by=stored.received_by)
    before = vacancy.status if vacancy is not None else None
    if vacancy is None:
        vacancy = Vacancy(
            id=uuid.uuid4(),
            authority_id=authority_id,
            source=VacancySource.imported,
            source_system=PLATFORM,
            external_id=data.national_id,
            languages=[],
            driving_licences=[],
            other_licences=[],
            competences=[],
            supports=[],
            created_by=stored.received_by or PLATFORM,
        )
        session.add(vacancy)
    vacancy.employer_id = employer.id
    vacancy.title_fi = data.title_fi
    vacancy.title_sv = data.title_sv
    vacancy.title_en = data.title_en
    vacancy.description = data.description
    vacancy.occupation_code = data.occupation_code
    vacancy.occupation_minor_group = isco08.minor_group(data.occupation_code)
    vacancy.municipality = data.municipality
    vacancy.address = None
    vacancy.remote = data.remote
    vacancy.working_time = data.working_time
    vacancy.employment_type = data.employment_type
    vacancy.starts_on = data.starts_on
    vacancy.ends_on = data.ends_on
    vacancy.at_least_two_weeks = lasts_two_weeks(data.starts_on, data.ends_on)
    vacancy.application_deadline = data.application_deadline
    vacancy.positions = data.positions
    vacancy.external_url = data.url
    vacancy.imported_at = datetime.now(UTC)
    vacancy.source_changed_at = at
    vacancy.removed_at = removed_at if removed else None
    if removed:
        vacancy.status = VacancyStatus.closed
        vacancy.ended_at = removed_at
    else:
        vacancy.status = VacancyStatus.published
        vacancy.published_at = vacancy.published_at or at
        vacancy.ended_at = None
    if before is not None:
        stamp_job(vacancy, "changed_by", stored.received_by or PLATFORM)
        vacancy.version += 1
    await session.flush()
    if vacancy.status != before:
        await _announce(session, vacancy, employer)


async def remove_vacancy(session: AsyncSession, stored: StoredEvent) -> None:
    """A vacancy removed on the platform: flagged and closed, or remembered until its vacancy arrives."""
    authority_id = _authority(stored)
    data = PlatformVacancyRemoved.model_validate(stored.event.data)
    at = _when(stored)
    vacancy = await repository.imported_vacancy(
        session, authority_id=authority_id, source_system=PLATFORM, external_id=data.national_id
    )
    if vacancy is None:
        await repository.remember_removal(
            session, authority_id=authority_id, source_system=PLATFORM, external_id=data.national_id, removed_at=at
        )
        return
    if not _newer(vacancy, at) or vacancy.removed:
        return
    before = vacancy.status
    vacancy.removed_at = at
    vacancy.status = VacancyStatus.closed
    vacancy.ended_at = at
    vacancy.source_changed_at = at
    vacancy.imported_at = datetime.now(UTC)
    stamp_job(vacancy, "changed_by", stored.received_by or PLATFORM)
    vacancy.version += 1
    await session.flush()
    if before != vacancy.status:
        employer = await session.get(Employer, vacancy.employer_id)
        if employer is not None:
            await _announce(session, vacancy, employer)


async def _employer(
    session: AsyncSession, *, authority_id: uuid.UUID, data: PlatformVacancy, by: str | None
) -> Employer:
    found = await repository.employer_by_business_id(
        session, authority_id=authority_id, business_id=data.employer_business_id
    )
    if found is not None:
        return found
    industry_code, industry_main_class = UNKNOWN_INDUSTRY
    employer = Employer(
        id=uuid.uuid4(),
        authority_id=authority_id,
        business_id=data.employer_business_id,
        name=data.employer_name,
        industry_code=industry_code,
        industry_main_class=industry_main_class,
        municipalities=[data.municipality] if data.municipality else [],
        contact_people=[],
        consents_to_contact=False,
        network_member=False,
        created_by=by or PLATFORM,
    )
    session.add(employer)
    await session.flush()
    return employer


async def _announce(session: AsyncSession, vacancy: Vacancy, employer: Employer) -> None:
    kind = "published" if vacancy.status is VacancyStatus.published else "closed"
    await emit(
        session,
        type=f"fi.polku.vacancy.{kind}.v1",
        subject=f"vacancies/{vacancy.id}",
        source=SOURCE,
        audience=[vacancy.authority_id],
        data=event_data(vacancy, employer) | ({"reason": "removed"} if kind == "closed" else {}),
    )


def _authority(stored: StoredEvent) -> uuid.UUID:
    if stored.organisation_id is None:
        raise ValueError("a platform event is received for an authority")
    return stored.organisation_id


HANDLERS: dict[str, InboxHandler] = {
    VACANCY_PUBLISHED: take_in_vacancy,
    VACANCY_CHANGED: take_in_vacancy,
    VACANCY_REMOVED: remove_vacancy,
}
