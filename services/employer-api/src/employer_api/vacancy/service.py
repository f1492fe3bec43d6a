"""Rules for vacancies: employer services make them for the employers of their authority and move them through
their lifecycle (:mod:`employer_api.vacancy.lifecycle`); coaches, managers and administrators read them; the
periodic job expires those past their application deadline. Every change of status is announced without names."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.acting import name_of, stamp, stamp_job
from employer_api.employer.models import Employer
from employer_api.employer.service import visible as visible_employer
from employer_api.vacancy import lifecycle, repository
from employer_api.vacancy.models import EmploymentType, Vacancy, VacancySource, VacancyStatus
from employer_api.vacancy.schemas import (
    NationalState,
    NationalSync,
    StatusChange,
    VacancyCreate,
    VacancyRead,
    VacancyUpdate,
)
from polku_classifications import isco08
from polku_kit import versioning
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.outbox import emit
from polku_kit.pagination import Page, start_after

SOURCE = "/polku/employer-api"
# Who expires the vacancies past their application deadline: the periodic job.
EXPIRY_ACTOR = "system:vacancy-expiry"
# The job-search obligation counts a job lasting at least two weeks.
TWO_WEEKS = timedelta(days=14)


class VacancyNotFound(NotFound):
    slug = "vacancy-not-found"
    title = "Vacancy not found"


class TransitionNotAllowed(Conflict):
    slug = "vacancy-transition-not-allowed"
    title = "The vacancy cannot move to that status"


class VacancyNotEditable(Conflict):
    slug = "vacancy-not-editable"
    title = "An ended vacancy is not changed"


class InvalidVacancy(Unprocessable):
    slug = "invalid-vacancy"
    title = "The vacancy is not valid"


def read_model(vacancy: Vacancy) -> VacancyRead:
    return VacancyRead.model_validate(
        {
            **{column: getattr(vacancy, column) for column in VacancyRead.model_fields if hasattr(vacancy, column)},
            "allowed_transitions": lifecycle.allowed(vacancy.status),
            "national": national_sync(vacancy),
        }
    )


def national_sync(vacancy: Vacancy) -> NationalSync:
    if vacancy.source is not VacancySource.here or (vacancy.status is VacancyStatus.draft and not vacancy.national_id):
        state = NationalState.not_sent
    elif vacancy.national_synced_version == vacancy.version:
        state = NationalState.sent
    elif vacancy.national_attempts:
        state = NationalState.failing
    else:
        state = NationalState.pending
    return NationalSync(
        state=state,
        national_id=vacancy.national_id,
        attempts=vacancy.national_attempts,
        last_error=vacancy.national_error,
        retry_at=vacancy.national_retry_at,
    )


def lasts_two_weeks(starts_on: date | None, ends_on: date | None) -> bool:
    """No end date, or at least 14 days from the first day to the last one inclusive."""
    if ends_on is None:
        return True
    return ends_on - (starts_on or ends_on) + timedelta(days=1) >= TWO_WEEKS


async def visible(session: AsyncSession, principal: Principal, vacancy_id: uuid.UUID) -> Vacancy:
    found = await repository.get(session, authority_id=principal.organisation(), vacancy_id=vacancy_id)
    if found is None:
        raise VacancyNotFound(f"No vacancy {vacancy_id}")
    return found


async def create(*, session: AsyncSession, principal: Principal, data: VacancyCreate) -> VacancyRead:
    employer = await visible_employer(session, principal, data.employer_id)
    vacancy = Vacancy(
        id=uuid.uuid4(),
        authority_id=employer.authority_id,
        employer_id=employer.id,
        title_fi=data.title_fi,
        title_sv=data.title_sv,
        title_en=data.title_en,
        description=data.description,
        occupation_code=data.occupation_code,
        occupation_minor_group=isco08.minor_group(data.occupation_code),
        municipality=data.municipality,
        address=data.address,
        remote=data.remote,
        working_time=data.working_time,
        employment_type=data.employment_type,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        at_least_two_weeks=lasts_two_weeks(data.starts_on, data.ends_on),
        application_deadline=data.application_deadline,
        languages=sorted(set(data.languages or [])),
        driving_licences=sorted({licence.value for licence in data.driving_licences or []}),
        other_licences=list(dict.fromkeys(data.other_licences or [])),
        competences=list(dict.fromkeys(data.competences or [])),
        requirements=data.requirements,
        supports=sorted({support.value for support in data.supports or []}),
        positions=data.positions,
        status=VacancyStatus.draft,
        source=VacancySource.here,
        created_by=principal.subject,
        created_by_name=name_of(principal),
        created_by_organisation_name=principal.organisation_name,
    )
    session.add(vacancy)
    await session.flush()
    await session.refresh(vacancy)
    return read_model(vacancy)


async def read(*, session: AsyncSession, principal: Principal, vacancy_id: uuid.UUID) -> VacancyRead:
    return read_model(await visible(session, principal, vacancy_id))


async def update(
    *, session: AsyncSession, principal: Principal, vacancy_id: uuid.UUID, data: VacancyUpdate, if_match: str | None
) -> VacancyRead:
    vacancy = await visible(session, principal, vacancy_id)
    await session.refresh(vacancy, with_for_update=True)
    versioning.check(vacancy, if_match, current=f"/v1/vacancies/{vacancy.id}")
    if vacancy.status not in lifecycle.EDITABLE:
        raise VacancyNotEditable(f"The vacancy is {vacancy.status.value}")
    changes = data.model_dump(exclude_unset=True)
    required = {
        "title_fi",
        "description",
        "occupation_code",
        "remote",
        "working_time",
        "employment_type",
        "application_deadline",
        "positions",
    }
    for field, value in changes.items():
        if value is None and field in required:
            continue
        if field in ("languages", "driving_licences", "supports"):
            value = sorted({getattr(item, "value", item) for item in value or []})
        elif field in ("other_licences", "competences"):
            value = list(dict.fromkeys(value or []))
        setattr(vacancy, field, value)
    if "starts_on" in changes or "ends_on" in changes:
        _check_dates(vacancy)
    vacancy.occupation_minor_group = isco08.minor_group(vacancy.occupation_code)
    vacancy.at_least_two_weeks = lasts_two_weeks(vacancy.starts_on, vacancy.ends_on)
    if vacancy.municipality is None and not vacancy.remote:
        raise InvalidVacancy(
            errors=[
                FieldError(
                    field="body.municipality", message="in a municipality, or remote", code="value_error"
                ).model_dump()
            ]
        )
    if vacancy.employment_type is not EmploymentType.permanent and vacancy.ends_on is None:
        raise InvalidVacancy(
            errors=[
                FieldError(
                    field="body.ends_on", message="a fixed-term job has an end date", code="value_error"
                ).model_dump()
            ]
        )
    stamp(vacancy, "changed_by", principal)
    versioning.bump(vacancy)
    await session.flush()
    await session.refresh(vacancy)
    return read_model(vacancy)


def _check_dates(vacancy: Vacancy) -> None:
    if vacancy.starts_on and vacancy.ends_on and vacancy.ends_on < vacancy.starts_on:
        raise InvalidVacancy(
            errors=[FieldError(field="body.ends_on", message="is before starts_on", code="value_error").model_dump()]
        )


async def change_status(
    *, session: AsyncSession, principal: Principal, vacancy_id: uuid.UUID, data: StatusChange, if_match: str | None
) -> VacancyRead:
    vacancy = await visible(session, principal, vacancy_id)
    await session.refresh(vacancy, with_for_update=True)
    versioning.check(vacancy, if_match, current=f"/v1/vacancies/{vacancy.id}")
    if (vacancy.status, data.status) not in lifecycle.TRANSITIONS:
        raise TransitionNotAllowed(
            f"A {vacancy.status.value} vacancy cannot become {data.status.value}",
            allowed=[status.value for status in lifecycle.allowed(vacancy.status)],
        )
    if data.status is VacancyStatus.published and vacancy.application_deadline < today():
        raise InvalidVacancy(
            "The application deadline has passed: set a later one before publishing",
            errors=[
                FieldError(field="application_deadline", message="is in the past", code="value_error").model_dump()
            ],
        )
    employer = await visible_employer(session, principal, vacancy.employer_id)
    await _move(session, vacancy, employer, data.status)
    stamp(vacancy, "changed_by", principal)
    versioning.bump(vacancy)
    await session.flush()
    await session.refresh(vacancy)
    return read_model(vacancy)


async def _move(session: AsyncSession, vacancy: Vacancy, employer: Employer, to: VacancyStatus) -> None:
    now = datetime.now(UTC)
    vacancy.status = to
    if to is VacancyStatus.published:
        vacancy.published_at = now
        vacancy.ended_at = None
    elif to in lifecycle.ENDED:
        vacancy.ended_at = now
    kind = {VacancyStatus.published: "published", VacancyStatus.filled: "filled"}.get(to, "closed")
    await emit(
        session,
        type=f"fi.polku.vacancy.{kind}.v1",
        subject=f"vacancies/{vacancy.id}",
        source=SOURCE,
        audience=[vacancy.authority_id],
        data=event_data(vacancy, employer) | ({"reason": to.value} if kind == "closed" else {}),
    )


def event_data(vacancy: Vacancy, employer: Employer) -> dict[str, Any]:
    """What metrics needs of a vacancy (municipality, ISCO group, the employer's TOL main class, dates): no
    names, no free text."""
    return {
        "vacancy_id": vacancy.id,
        "employer_id": vacancy.employer_id,
        "authority_id": vacancy.authority_id,
        "occupation_code": vacancy.occupation_code,
        "occupation_minor_group": vacancy.occupation_minor_group,
        "municipality": vacancy.municipality,
        "remote": vacancy.remote,
        "industry_main_class": employer.industry_main_class,
        "employment_type": vacancy.employment_type.value,
        "positions": vacancy.positions,
        "supports": vacancy.supports,
        "source": vacancy.source.value,
        "application_deadline": vacancy.application_deadline,
        "published_at": vacancy.published_at,
        "ended_at": vacancy.ended_at,
    }


async def search(
    *,
    session: AsyncSession,
    principal: Principal,
    status: VacancyStatus | None,
    employer_id: uuid.UUID | None,
    municipality: str | None,
    occupation: str | None,
    employment_type: str | None,
    support: str | None,
    limit: int,
    cursor: str | None,
) -> Page[VacancyRead]:
    rows = await repository.page(
        session,
        authority_id=principal.organisation(),
        status=status,
        employer_id=employer_id,
        municipality=municipality,
        occupation=occupation,
        employment_type=employment_type,
        support=support,
        limit=limit,
        after=start_after(cursor),
    )
    return repository.VACANCIES.page(rows, limit=limit, item=read_model)


async def expire_overdue(session: AsyncSession, *, day: date | None = None, batch: int = 500) -> int:
    """Expire the published vacancies whose application deadline has passed (the day after it, in Helsinki),
    announcing each as closed by expiry. Safe to run often and on several replicas at once."""
    day = day or today()
    count = 0
    # The job, not a person, expires them: its events and the vacancies name it.
    with structlog.contextvars.bound_contextvars(subject=EXPIRY_ACTOR):
        while rows := await repository.past_deadline(session, day=day, limit=batch):
            employers = {
                employer.id: employer
                for employer in [
                    await session.get(Employer, employer_id) for employer_id in {r.employer_id for r in rows}
                ]
                if employer is not None
            }
            for vacancy in rows:
                await _move(session, vacancy, employers[vacancy.employer_id], VacancyStatus.expired)
                stamp_job(vacancy, "changed_by", EXPIRY_ACTOR)
                versioning.bump(vacancy)
            await session.flush()
            count += len(rows)
    return count


async def import_posting(
    session: AsyncSession, *, vacancy: Vacancy | None, employer: Employer, terms: dict[str, Any], removed: bool
) -> tuple[Vacancy | None, str]:
    """Create, change or remove a vacancy read from another system (``terms``: the columns it sets, with
    ``source_system`` and ``external_id``), announcing it as a vacancy made here is announced. Returns the vacancy
    and what happened: created, updated, removed, restored, unchanged or skipped (a removed posting never seen)."""
    now = datetime.now(UTC)
    if vacancy is None:
        if removed:
            return None, "skipped"
        vacancy = Vacancy(
            id=uuid.uuid4(),
            authority_id=employer.authority_id,
            employer_id=employer.id,
            status=VacancyStatus.draft,
            source=VacancySource.imported,
            imported_at=now,
            **terms,
        )
        session.add(vacancy)
        await session.flush()
        await _move(session, vacancy, employer, VacancyStatus.published)
        await session.flush()
        return vacancy, "created"
    vacancy.imported_at = now
    if removed:
        if vacancy.removed_at is not None:
            return vacancy, "unchanged"
        vacancy.removed_at = now
        if vacancy.status is VacancyStatus.published:
            await _move(session, vacancy, employer, VacancyStatus.closed)
        stamp_job(vacancy, "changed_by", vacancy.created_by)
        versioning.bump(vacancy)
        await session.flush()
        return vacancy, "removed"
    changed = {column: value for column, value in terms.items() if getattr(vacancy, column) != value}
    restored = vacancy.removed_at is not None or vacancy.status is not VacancyStatus.published
    if not changed and not restored:
        return vacancy, "unchanged"
    for column, value in changed.items():
        setattr(vacancy, column, value)
    if restored:
        vacancy.removed_at = None
        await _move(session, vacancy, employer, VacancyStatus.published)
    stamp_job(vacancy, "changed_by", str(terms.get("created_by") or vacancy.created_by))
    versioning.bump(vacancy)
    await session.flush()
    return vacancy, "restored" if restored else "updated"
