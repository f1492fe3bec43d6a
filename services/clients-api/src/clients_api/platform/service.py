"""The national platform's job-seeker events (decision 33): a delivered event is checked and kept in the inbox at
once; the inbox worker takes it in afterwards.

- *Registered*: the client with the identity code's keyed hash is linked, or registered (as a coach would, in
  the name of the platform's machine client); a second registration changes nothing.
- *Job search ended*: the open job-search period ends on the day and for the reason given; a day before the
  open period started is refused (:class:`EndBeforeOpenPeriod`), so the event is parked for a person to look.
- *Profile published*: the 2026 job-search-profile duty of the latest period is cleared.
- *Statement requested*: a pending task for the client's coach.

Order: whatever arrives is kept in the person's row (:class:`~clients_api.platform.models.PlatformJobSeeker`)
with the platform's time, and applied when the client is there. An end that came before its registration is
applied when the registration arrives, if it is the later of the two; an older event arriving later changes
nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, reach
from clients_api.client import repository as client_repository
from clients_api.client.models import Client
from clients_api.client.schemas import ClientCreate
from clients_api.client.service import register
from clients_api.jobsearch.models import SearchEndReason
from clients_api.jobsearch.period_service import close_period
from clients_api.platform import repository
from clients_api.platform.events import (
    JOB_SEARCH_ENDED,
    JOB_SEARCH_PROFILE_PUBLISHED,
    JOB_SEEKER_REGISTERED,
    SHAPES,
    STATEMENT_REQUESTED,
    JobSearchEnded,
    JobSearchProfilePublished,
    JobSeekerRegistered,
    StatementRequested,
)
from clients_api.platform.models import PlatformJobSeeker
from clients_api.platform.schemas import PlatformEventAccepted, StatementRequestRead
from clients_api.schedule.duties import DutyKind
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.inbox import ReceivedEvent, store, validated_data
from polku_kit.inbox_worker import InboxHandler, StoredEvent
from polku_kit.pii import PersonalDataVault

PLATFORM_NAME = "National platform"


class EndBeforeOpenPeriod(ValueError):
    """The platform ended the job search on a day before the open period in Polku started: the end may belong to
    an earlier job search, or one of the two days is wrong. Polku does not guess (a period may not end before it
    starts); the event is parked until a person has looked at the client's periods and it is replayed."""


async def accept(*, session: AsyncSession, principal: Principal, event: ReceivedEvent) -> PlatformEventAccepted:
    """Keep a verified event for the worker; a known type's data must have its shape (422 otherwise, nothing
    kept). An unknown type is kept and acknowledged, and ignored."""
    shape = SHAPES.get(event.type)
    if shape is not None:
        validated_data(event, shape)
    stored = await store(session, event, organisation_id=principal.organisation(), received_by=principal.subject)
    return PlatformEventAccepted(id=event.id, duplicate=not stored)


class PlatformEvents:
    """The handlers of the kept events, with the vault that hashes and encrypts identity codes."""

    def __init__(self, vault: PersonalDataVault):
        self.vault = vault

    def handlers(self) -> dict[str, InboxHandler]:
        return {
            JOB_SEEKER_REGISTERED: self.registered,
            JOB_SEARCH_ENDED: self.search_ended,
            JOB_SEARCH_PROFILE_PUBLISHED: self.profile_published,
            STATEMENT_REQUESTED: self.statement_requested,
        }

    async def _person(self, session: AsyncSession, stored: StoredEvent, code: str) -> PlatformJobSeeker:
        return await repository.person(
            session, organisation_id=_organisation(stored), identity_hash=self.vault.lookup_hash(code)
        )

    async def _client(self, session: AsyncSession, person: PlatformJobSeeker) -> Client | None:
        """The person's client: the one linked, or the organisation's client with the same identity code (a
        coach registered them), then linked."""
        if person.client_id is not None:
            return await repository.client(session, client_id=person.client_id)
        found = await client_repository.find_by_identity_hash(
            session, organisation_id=person.organisation_id, identity_hash=person.identity_code_hash
        )
        if found is not None:
            person.client_id = found.id
        return found

    async def registered(self, session: AsyncSession, stored: StoredEvent) -> None:
        data = JobSeekerRegistered.model_validate(stored.event.data)
        at = _when(stored)
        person = await self._person(session, stored, data.personal_identity_code)
        if person.registered_at is not None and person.registered_at >= at:
            return
        person.registered_at = at
        client = await self._client(session, person)
        actor = _actor(stored)
        if client is None:
            created = await register(
                session=session,
                principal=actor,
                vault=self.vault,
                data=ClientCreate(
                    personal_identity_code=data.personal_identity_code,
                    first_names=data.first_names,
                    last_name=data.last_name,
                    home_municipality=data.home_municipality,
                    job_search_started_on=data.registered_on,
                ),
            )
            person.client_id = created.id
            client = await repository.client(session, client_id=created.id)
        if client is not None:
            await self._apply(session, actor, person, client)

    async def search_ended(self, session: AsyncSession, stored: StoredEvent) -> None:
        data = JobSearchEnded.model_validate(stored.event.data)
        at = _when(stored)
        person = await self._person(session, stored, data.personal_identity_code)
        if person.search_ended_at is not None and person.search_ended_at >= at:
            return
        person.search_ended_at = at
        person.search_ended_on = data.ended_on
        person.search_end_reason = data.reason.value
        person.search_end_applied_at = None
        client = await self._client(session, person)
        if client is not None:
            await self._apply(session, _actor(stored), person, client, refuse_conflict=True)

    async def profile_published(self, session: AsyncSession, stored: StoredEvent) -> None:
        data = JobSearchProfilePublished.model_validate(stored.event.data)
        person = await self._person(session, stored, data.personal_identity_code)
        if person.profile_published_on is None or data.published_on > person.profile_published_on:
            person.profile_published_on = data.published_on
        client = await self._client(session, person)
        if client is not None:
            await self._apply(session, _actor(stored), person, client)

    async def statement_requested(self, session: AsyncSession, stored: StoredEvent) -> None:
        data = StatementRequested.model_validate(stored.event.data)
        person = await self._person(session, stored, data.personal_identity_code)
        client = await self._client(session, person)
        added = await repository.add_statement_request(
            session,
            organisation_id=person.organisation_id,
            identity_hash=person.identity_code_hash,
            client_id=client.id if client is not None else None,
            request_id=data.request_id,
            requested_on=data.requested_on,
            requester=data.requester,
        )
        if added and client is not None:
            await _audit(session, _actor(stored), client, "platform_statement_request", data.request_id)

    async def _apply(
        self,
        session: AsyncSession,
        actor: Principal,
        person: PlatformJobSeeker,
        client: Client,
        *,
        refuse_conflict: bool = False,
    ) -> None:
        """What the platform said that the client does not show yet: an end later than the registration, the
        published profile, the statement requests. An end dated before the open period started is not applied:
        the end event itself raises :class:`EndBeforeOpenPeriod` (``refuse_conflict``, so it is parked for a
        person); any other event leaves it waiting."""
        period = await repository.latest_period(session, client_id=client.id)
        ended_on, reason = person.search_ended_on, person.search_end_reason
        ends = (
            person.search_ended_at is not None
            and person.search_end_applied_at is None
            and (person.registered_at is None or person.search_ended_at > person.registered_at)
        )
        open_period = period if period is not None and period.ended_on is None else None
        if ends and ended_on is not None and reason is not None:
            if open_period is not None and ended_on < open_period.started_on:
                if refuse_conflict:
                    raise EndBeforeOpenPeriod(
                        f"the national platform ended the job search on {ended_on.isoformat()}, before the open "
                        f"job-search period in Polku started on {open_period.started_on.isoformat()}: check the "
                        "client's job-search periods (end the open one in Polku if the job search is over), then "
                        "replay"
                    )
            else:
                if open_period is not None:
                    await close_period(
                        session=session,
                        actor=actor,
                        client=client,
                        period=open_period,
                        ended_on=ended_on,
                        reason=SearchEndReason(reason),
                        notes="ended on the national platform",
                    )
                person.search_end_applied_at = datetime.now(UTC)
        if person.profile_published_on is not None and period is not None:
            await repository.clear_duty(
                session,
                client_id=client.id,
                kind=DutyKind.job_search_profile.value,
                key=period.started_on.isoformat(),
                reason=f"published on the national platform on {person.profile_published_on.isoformat()}",
                cleared_by=actor.subject,
            )
        await repository.link_statement_requests(
            session,
            organisation_id=person.organisation_id,
            identity_hash=person.identity_code_hash,
            client_id=client.id,
        )
        await session.flush()


async def pending_statement_requests(
    *, session: AsyncSession, principal: Principal, limit: int
) -> list[StatementRequestRead]:
    """The pending statement requests of the clients the caller reaches (a coach: their caseload and their
    team's), oldest first; a read of each client's data, audited."""
    caller_reach = await reach(session, principal)
    rows = await repository.pending_statement_requests(
        session, organisation_id=principal.organisation(), reach=caller_reach.condition(), limit=limit
    )
    for row in rows:
        await record(
            session,
            actor=principal,
            action=AuditAction.read,
            resource_type="platform_statement_request",
            resource_id=row.id,
            data_subject_id=row.client_id,
            purpose=PURPOSE,
        )
    return [StatementRequestRead.model_validate(row) for row in rows]


async def _audit(session: AsyncSession, actor: Principal, client: Client, resource_type: str, resource: str) -> None:
    await record(
        session,
        actor=actor,
        action=AuditAction.create,
        resource_type=resource_type,
        resource_id=resource,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )


def _when(stored: StoredEvent) -> datetime:
    return stored.event.time or datetime.now(UTC)


def _organisation(stored: StoredEvent) -> uuid.UUID:
    if stored.organisation_id is None:
        raise ValueError("a platform event is received for an organisation")
    return stored.organisation_id


def _actor(stored: StoredEvent) -> Principal:
    """The platform's machine client that delivered the event, named in the audit records of its handling."""
    return Principal(
        subject=stored.received_by or "platform",
        roles=frozenset({Role.platform}),
        organisation_id=_organisation(stored),
        name=PLATFORM_NAME,
    )
