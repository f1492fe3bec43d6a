"""Rules for job offers and introductions.

- A coach offers a published vacancy to a client within their reach (clients-api decides), with a day to answer
  by; the outcome is recorded (applied, did not apply with the reason, hired, not hired). An offer counts toward
  the client's job-search obligation when the client applies.
- Employer services introduce a candidate to the vacancy's employer only when the client's consent in force
  covers what the employer gets, checked at clients-api for the employer as the recipient: the employment profile
  (``assessment``), and for a named introduction the name and contact details too (``identity``,
  ``contact_details``). An anonymous introduction needs the profile only. No consent, no introduction: a 409
  naming the categories missing.
- An anonymous introduction still waiting for its outcome is disclosed (made named: the employer may now be given
  the name and contact details) once the client's consent covers them, checked at clients-api as for a named
  introduction; the consent then in force is the introduction's.
- Every step is announced to the client's timeline (clients-api) and to metrics, with ids and codes, never a name.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.acting import name_of, stamp
from employer_api.clients import ConsentAnswer, consent, within_reach
from employer_api.employer.models import Employer
from employer_api.employer.service import visible as visible_employer
from employer_api.placement import repository
from employer_api.placement.models import (
    APPLIED,
    INTRODUCTION_MOVES,
    OFFER_MOVES,
    Introduction,
    IntroductionStatus,
    JobOffer,
    OfferStatus,
)
from employer_api.placement.schemas import (
    IntroductionCreate,
    IntroductionOutcome,
    IntroductionRead,
    JobOfferCreate,
    JobOfferOutcome,
    JobOfferRead,
)
from employer_api.vacancy.models import Vacancy, VacancyStatus
from employer_api.vacancy.service import visible as visible_vacancy
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.outbox import emit
from polku_kit.service_client import OnBehalfOf

PURPOSE = "employer services: job offers and introductions of job seekers"
SOURCE = "/polku/employer-api"
# What an introduction gives the employer, as clients-api's consent categories.
PROFILE = ("assessment",)
NAMED = ("identity", "contact_details", "assessment")


class JobOfferNotFound(NotFound):
    slug = "job-offer-not-found"
    title = "Job offer not found"


class IntroductionNotFound(NotFound):
    slug = "introduction-not-found"
    title = "Introduction not found"


class AlreadyOffered(Conflict):
    slug = "job-offer-already-open"
    title = "The vacancy is already offered to the client"


class AlreadyIntroduced(Conflict):
    slug = "introduction-already-made"
    title = "The client is already introduced for the vacancy"


class VacancyNotOpen(Conflict):
    slug = "vacancy-not-published"
    title = "Only a published vacancy is offered or introduced for"


class OutcomeNotAllowed(Conflict):
    slug = "outcome-not-allowed"
    title = "That outcome does not follow the current one"


class ConsentMissing(Conflict):
    slug = "consent-missing"
    title = "The client's consent does not cover the introduction"


class AlreadyNamed(Conflict):
    slug = "introduction-already-named"
    title = "The introduction already names the client"


class IntroductionClosed(Conflict):
    slug = "introduction-closed"
    title = "The introduction's outcome is recorded: it is no longer disclosed"


# An introduction waiting for the employer's outcome, which a disclosure may still help.
OPEN_INTRODUCTIONS = frozenset({IntroductionStatus.made, IntroductionStatus.invited_to_interview})


def _open(vacancy: Vacancy) -> None:
    if vacancy.status is not VacancyStatus.published:
        raise VacancyNotOpen(f"The vacancy is {vacancy.status.value}", current=f"/v1/vacancies/{vacancy.id}")


def _facts(vacancy: Vacancy, industry_main_class: str) -> dict[str, Any]:
    return {
        "vacancy_id": vacancy.id,
        "employer_id": vacancy.employer_id,
        "organisation_id": vacancy.authority_id,
        "occupation_code": vacancy.occupation_code,
        "occupation_minor_group": vacancy.occupation_minor_group,
        "municipality": vacancy.municipality,
        "industry_main_class": industry_main_class,
        "employment_type": vacancy.employment_type.value,
    }


async def offer(
    *, session: AsyncSession, principal: Principal, clients_api: OnBehalfOf, data: JobOfferCreate
) -> JobOfferRead:
    vacancy = await visible_vacancy(session, principal, data.vacancy_id)
    _open(vacancy)
    if data.respond_by < today():
        raise Unprocessable(
            "The day to answer by has passed",
            errors=[FieldError(field="body.respond_by", message="is in the past", code="value_error").model_dump()],
        )
    await within_reach(clients_api, data.client_id)
    employer = await visible_employer(session, principal, vacancy.employer_id)
    row = JobOffer(
        id=uuid.uuid4(),
        authority_id=vacancy.authority_id,
        vacancy_id=vacancy.id,
        client_id=data.client_id,
        offered_by=principal.subject,
        offered_by_name=name_of(principal),
        offered_by_organisation_name=principal.organisation_name,
        respond_by=data.respond_by,
        status=OfferStatus.sent,
    )
    if not await repository.add(session, row, "uq_job_offer_open"):
        same = await repository.open_offer(session, vacancy_id=vacancy.id, client_id=data.client_id)
        raise AlreadyOffered(
            "The vacancy is already offered to the client and waits for the answer",
            existing=f"/v1/job-offers/{same.id}" if same else None,
        )
    await session.refresh(row)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="job_offer",
        resource_id=row.id,
        data_subject_id=row.client_id,
        purpose=PURPOSE,
    )
    await emit(
        session,
        type="fi.polku.job_offer.sent.v1",
        subject=f"job-offers/{row.id}",
        source=SOURCE,
        audience=[row.authority_id],
        data={
            "job_offer_id": row.id,
            "client_id": row.client_id,
            "respond_by": row.respond_by,
            "offered_by": row.offered_by,
            **_facts(vacancy, employer.industry_main_class),
        },
    )
    return JobOfferRead.model_validate(row)


async def record_offer_outcome(
    *, session: AsyncSession, principal: Principal, offer_id: uuid.UUID, data: JobOfferOutcome, if_match: str | None
) -> JobOfferRead:
    row = await repository.offer(session, authority_id=principal.organisation(), offer_id=offer_id)
    if row is None:
        raise JobOfferNotFound(f"No job offer {offer_id}")
    await session.refresh(row, with_for_update=True)
    versioning.check(row, if_match, current=f"/v1/job-offers/{row.id}")
    if data.outcome not in OFFER_MOVES.get(row.status, frozenset()):
        raise OutcomeNotAllowed(
            f"A job offer {row.status.value} cannot become {data.outcome.value}",
            allowed=sorted(status.value for status in OFFER_MOVES.get(row.status, frozenset())),
        )
    row.status = data.outcome
    row.reason = data.reason if data.outcome is OfferStatus.did_not_apply else row.reason
    row.counts_toward_job_search = data.outcome in APPLIED
    stamp(row, "outcome_by", principal)
    row.outcome_at = datetime.now(UTC)
    versioning.bump(row)
    await session.flush()
    await session.refresh(row)
    vacancy = await visible_vacancy(session, principal, row.vacancy_id)
    employer = await visible_employer(session, principal, vacancy.employer_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="job_offer",
        resource_id=row.id,
        data_subject_id=row.client_id,
        purpose=PURPOSE,
        details={"outcome": row.status.value},
    )
    await emit(
        session,
        type="fi.polku.job_offer.outcome.v1",
        subject=f"job-offers/{row.id}",
        source=SOURCE,
        audience=[row.authority_id],
        data={
            "job_offer_id": row.id,
            "client_id": row.client_id,
            "outcome": row.status.value,
            "counts_toward_job_search": row.counts_toward_job_search,
            "recorded_by": row.outcome_by,
            "recorded_on": today(),
            # The employer the client applied to, for the application clients-api records (an employer's name,
            # as a pay subsidy's decision carries it; never the client's).
            "employer_name": employer.name,
            **_facts(vacancy, employer.industry_main_class),
        },
    )
    return JobOfferRead.model_validate(row)


async def list_offers(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID | None,
    vacancy_id: uuid.UUID | None,
    status: OfferStatus | None,
    limit: int,
) -> list[JobOfferRead]:
    rows = await repository.offers(
        session,
        authority_id=principal.organisation(),
        client_id=client_id,
        vacancy_id=vacancy_id,
        status=status,
        limit=limit,
    )
    return [JobOfferRead.model_validate(row) for row in rows]


async def _consented(
    clients_api: OnBehalfOf, *, client_id: uuid.UUID, employer: Employer, anonymous: bool
) -> ConsentAnswer:
    """The client's consent in force today to give ``employer`` what the introduction gives (the profile; the name
    and contact details too unless ``anonymous``), asked of clients-api; a 409 naming what it lacks."""
    answer = await consent(
        clients_api, client_id=client_id, recipient=employer.id, categories=PROFILE if anonymous else NAMED
    )
    if not answer.holds:
        raise ConsentMissing(
            "No consent in force today covers giving " + ", ".join(answer.missing_categories) + f" to {employer.name}",
            missing_categories=answer.missing_categories,
            recipient_organisation_id=str(employer.id),
            anonymous=anonymous,
        )
    return answer


async def introduce(
    *, session: AsyncSession, principal: Principal, clients_api: OnBehalfOf, data: IntroductionCreate
) -> IntroductionRead:
    vacancy = await visible_vacancy(session, principal, data.vacancy_id)
    _open(vacancy)
    employer = await visible_employer(session, principal, vacancy.employer_id)
    same = await repository.same_introduction(session, vacancy_id=vacancy.id, client_id=data.client_id)
    if same is not None:
        raise AlreadyIntroduced(existing=f"/v1/introductions/{same.id}")
    answer = await _consented(clients_api, client_id=data.client_id, employer=employer, anonymous=data.anonymous)
    row = Introduction(
        id=uuid.uuid4(),
        authority_id=vacancy.authority_id,
        vacancy_id=vacancy.id,
        employer_id=employer.id,
        client_id=data.client_id,
        anonymous=data.anonymous,
        consent_id=answer.consent_id,
        introduced_by=principal.subject,
        introduced_by_name=name_of(principal),
        introduced_by_organisation_name=principal.organisation_name,
        status=IntroductionStatus.made,
    )
    if not await repository.add(session, row, "uq_introduction_vacancy_client"):
        raise AlreadyIntroduced("The client was introduced for the vacancy meanwhile")
    await session.refresh(row)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="introduction",
        resource_id=row.id,
        data_subject_id=row.client_id,
        purpose=PURPOSE,
        details={"anonymous": row.anonymous, "consent_id": row.consent_id, "employer_id": employer.id},
    )
    await emit(
        session,
        type="fi.polku.introduction.made.v1",
        subject=f"introductions/{row.id}",
        source=SOURCE,
        audience=[row.authority_id],
        data={
            "introduction_id": row.id,
            "client_id": row.client_id,
            "anonymous": row.anonymous,
            "introduced_by": row.introduced_by,
            **_facts(vacancy, employer.industry_main_class),
        },
    )
    return IntroductionRead.model_validate(row)


async def record_introduction_outcome(
    *,
    session: AsyncSession,
    principal: Principal,
    introduction_id: uuid.UUID,
    data: IntroductionOutcome,
    if_match: str | None,
) -> IntroductionRead:
    row = await repository.introduction(session, authority_id=principal.organisation(), introduction_id=introduction_id)
    if row is None:
        raise IntroductionNotFound(f"No introduction {introduction_id}")
    await session.refresh(row, with_for_update=True)
    versioning.check(row, if_match, current=f"/v1/introductions/{row.id}")
    allowed = INTRODUCTION_MOVES.get(row.status, frozenset())
    if data.outcome not in allowed:
        raise OutcomeNotAllowed(
            f"An introduction {row.status.value} cannot become {data.outcome.value}",
            allowed=sorted(status.value for status in allowed),
        )
    row.status = data.outcome
    stamp(row, "outcome_by", principal)
    row.outcome_at = datetime.now(UTC)
    employer = await visible_employer(session, principal, row.employer_id)
    await _changed(
        session,
        principal=principal,
        row=row,
        employer=employer,
        verb="outcome",
        details={"outcome": row.status.value},
        data={"outcome": row.status.value, "recorded_by": row.outcome_by, "recorded_on": today()},
    )
    return IntroductionRead.model_validate(row)


async def _changed(
    session: AsyncSession,
    *,
    principal: Principal,
    row: Introduction,
    employer: Employer,
    verb: str,
    details: dict[str, Any],
    data: dict[str, Any],
) -> None:
    """A change of an introduction (checked and made by the caller) is saved as a new version, audited naming the
    client, and announced as ``introduction.<verb>`` with the vacancy's facts."""
    versioning.bump(row)
    await session.flush()
    await session.refresh(row)
    vacancy = await visible_vacancy(session, principal, row.vacancy_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="introduction",
        resource_id=row.id,
        data_subject_id=row.client_id,
        purpose=PURPOSE,
        details=details,
    )
    await emit(
        session,
        type=f"fi.polku.introduction.{verb}.v1",
        subject=f"introductions/{row.id}",
        source=SOURCE,
        audience=[row.authority_id],
        data={
            "introduction_id": row.id,
            "client_id": row.client_id,
            **data,
            **_facts(vacancy, employer.industry_main_class),
        },
    )


async def disclose(
    *,
    session: AsyncSession,
    principal: Principal,
    clients_api: OnBehalfOf,
    introduction_id: uuid.UUID,
    if_match: str | None,
) -> IntroductionRead:
    """Make an anonymous introduction named, once the client's consent covers the name and contact details for the
    employer. clients-api is asked before the row is locked; a change meanwhile is a 412 like any other."""
    row = await repository.introduction(session, authority_id=principal.organisation(), introduction_id=introduction_id)
    if row is None:
        raise IntroductionNotFound(f"No introduction {introduction_id}")
    current = f"/v1/introductions/{row.id}"
    versioning.check(row, if_match, current=current)
    if not row.anonymous:
        raise AlreadyNamed("The introduction was made with the client's name", current=current)
    if row.status not in OPEN_INTRODUCTIONS:
        raise IntroductionClosed(f"The introduction is {row.status.value}", current=current)
    employer = await visible_employer(session, principal, row.employer_id)
    answer = await _consented(clients_api, client_id=row.client_id, employer=employer, anonymous=False)
    await session.refresh(row, with_for_update=True)
    versioning.check(row, if_match, current=current)
    row.anonymous = False
    row.consent_id = answer.consent_id
    stamp(row, "disclosed_by", principal)
    row.disclosed_at = datetime.now(UTC)
    await _changed(
        session,
        principal=principal,
        row=row,
        employer=employer,
        verb="disclosed",
        details={"disclosed": True, "consent_id": row.consent_id, "employer_id": employer.id},
        data={"anonymous": False, "disclosed_by": row.disclosed_by, "disclosed_on": today()},
    )
    return IntroductionRead.model_validate(row)


async def list_introductions(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID | None,
    vacancy_id: uuid.UUID | None,
    status: IntroductionStatus | None,
    limit: int,
) -> list[IntroductionRead]:
    rows = await repository.introductions(
        session,
        authority_id=principal.organisation(),
        client_id=client_id,
        vacancy_id=vacancy_id,
        status=status,
        limit=limit,
    )
    return [IntroductionRead.model_validate(row) for row in rows]
