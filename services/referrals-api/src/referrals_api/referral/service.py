"""Rules for referrals: who may do what (the lifecycle table), the consent check at send time, attribution
of every transition, events to both organisations, audit of every read and change, and expiry."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit import versioning
from polku_kit.actor import acting_as
from polku_kit.audit import AuditAction, record, record_parameters
from polku_kit.auth import Principal, Role
from polku_kit.calendar import add_working_days, today, working_days_between
from polku_kit.db import OneStatement, Statements
from polku_kit.errors import Conflict, NotFound
from polku_kit.outbox import emit, event_parameters, event_source
from polku_kit.pagination import start_after
from polku_kit.service_client import OnBehalfOf
from referrals_api.directory import service as directory_service
from referrals_api.directory.models import Service, ServiceStatus
from referrals_api.referral import consent, lifecycle, repository
from referrals_api.referral.lifecycle import Party
from referrals_api.referral.models import Referral, ReferralStatus, ReferralTransition
from referrals_api.referral.schemas import (
    FeedbackCreate,
    ProgressReport,
    ReferralClientData,
    ReferralCreate,
    ReferralRead,
    ReferralUpdate,
    TransitionCreate,
    TransitionRead,
)

PURPOSE = "referral to a partner's service"
SOURCE = event_source("referrals-api")
SYSTEM_ACTOR = "system:expiry"
# Events the partner and the sender receive (fi.polku.referral.<verb>.v1).
EVENT_VERBS = {
    ReferralStatus.requested: "sent",
    ReferralStatus.received: "received",
    ReferralStatus.accepted: "accepted",
    ReferralStatus.rejected: "rejected",
    ReferralStatus.completed: "completed",
    ReferralStatus.expired: "expired",
    ReferralStatus.cancelled: "cancelled",
}


class ReferralNotFound(NotFound):
    slug = "referral-not-found"
    title = "Referral not found"


class IllegalTransition(Conflict):
    slug = "illegal-transition"
    title = "The referral cannot move to that status now"


class NotADraft(Conflict):
    slug = "referral-not-a-draft"
    title = "Only a draft can be changed"


class ConsentMissing(Conflict):
    slug = "consent-missing"
    title = "The client has not consented to share this data with the partner"


class ReferralNotSent(Conflict):
    slug = "referral-not-sent"
    title = "The referral carries no client data in this status"


class ConsentNoLongerHolds(Conflict):
    slug = "consent-no-longer-holds"
    title = "The client's consent no longer covers the data this referral carries"


class ClientDataGone(Conflict):
    slug = "client-data-gone"
    title = "The client's data is no longer held"


class FeedbackNotOpen(Conflict):
    slug = "feedback-not-open"
    title = "Feedback cannot be recorded on this referral now"


class ServiceNotAvailable(Conflict):
    slug = "service-not-available"
    title = "The service does not take referrals now"


class _Parties(Protocol):
    """What decides the caller's part in a referral: an entity or a row of the shown columns."""

    @property
    def sender_organisation_id(self) -> uuid.UUID: ...
    @property
    def partner_organisation_id(self) -> uuid.UUID: ...
    @property
    def status(self) -> ReferralStatus: ...


def party_of(principal: Principal, referral: _Parties) -> Party | None:
    """The caller's part in the referral. A partner has none in a draft: it is the sender's until it is sent
    (and a draft refused for want of consent must never reach the partner)."""
    organisation = principal.organisation_id
    if principal.has_any(Role.coach, Role.manager, Role.admin) and organisation == referral.sender_organisation_id:
        return Party.sender
    if (
        principal.is_partner
        and organisation == referral.partner_organisation_id
        and referral.status != ReferralStatus.draft
    ):
        return Party.partner
    return None


def _moves(principal: Principal, referral: _Parties) -> tuple[ReferralStatus, ...]:
    party = party_of(principal, referral)
    return () if party is None else lifecycle.allowed(ReferralStatus(referral.status), party)


def referral_read(referral: Referral, principal: Principal) -> ReferralRead:
    """The referral as ``principal`` sees it, with the moves open to them now."""
    read = ReferralRead.model_validate(referral)
    read.allowed_transitions = list(_moves(principal, referral))
    return read


def shown(row: Row[Any], principal: Principal) -> ReferralRead:
    """A row of the shown columns (:data:`repository.SHOWN`) as ``principal`` sees it: validated once, from the
    row's values and the moves open to them."""
    values = row._asdict()
    values["allowed_transitions"] = _moves(principal, row)
    return ReferralRead.model_validate(values)


async def visible(
    session: AsyncSession, principal: Principal, referral_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Referral, Party]:
    found = await repository.get(
        session, organisation_id=principal.organisation(), referral_id=referral_id, for_update=for_update
    )
    party = None if found is None else party_of(principal, found)
    if found is None or party is None:
        raise ReferralNotFound(f"No referral {referral_id}")
    return found, party


async def visible_row(
    session: AsyncSession, principal: Principal, referral_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Row[Any], Party]:
    """:func:`visible` as a row of the shown columns, for what reads or moves the referral without the ORM."""
    found = await repository.get_shown(
        session, organisation_id=principal.organisation(), referral_id=referral_id, for_update=for_update
    )
    party = None if found is None else party_of(principal, found)
    if found is None or party is None:
        raise ReferralNotFound(f"No referral {referral_id}")
    return found, party


class _Moving(Protocol):
    """What a move reads of the referral it moves: an entity or a row of the shown columns."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def client_id(self) -> uuid.UUID: ...
    @property
    def service_id(self) -> uuid.UUID: ...
    @property
    def sender_organisation_id(self) -> uuid.UUID: ...
    @property
    def partner_organisation_id(self) -> uuid.UUID: ...
    @property
    def first_response_at(self) -> datetime | None: ...
    @property
    def accepted_at(self) -> datetime | None: ...


def _changes(
    referral: _Moving, to: ReferralStatus, now: datetime, *, reason: str | None, outcome: str | None
) -> dict[str, object]:
    """The columns a move to ``to`` sets: the status, the moments of the first answer, the acceptance and the
    close, the reason of a rejection, the outcome of a completion."""
    changes: dict[str, object] = {"status": to}
    if to in lifecycle.RESPONSES and referral.first_response_at is None:
        changes["first_response_at"] = now
    if to == ReferralStatus.accepted:
        changes["accepted_at"] = now
    if to in lifecycle.TERMINAL:
        changes["closed_at"] = now
    if to == ReferralStatus.rejected:
        changes["rejection_reason"] = reason
    if to == ReferralStatus.completed:
        changes["outcome"] = outcome
    return changes


def _history_entry(
    referral_id: uuid.UUID,
    previous: ReferralStatus,
    to: ReferralStatus,
    now: datetime,
    *,
    actor: str,
    organisation_id: uuid.UUID | None,
    reason: str | None,
    outcome: str | None,
    note: str | None,
) -> dict[str, object]:
    """The history's row of a move (:class:`ReferralTransition`): who moved it, from what to what, and why."""
    acting = acting_as(actor)
    return {
        "id": uuid.uuid4(),
        "referral_id": referral_id,
        "from_status": previous,
        "to_status": to,
        "actor_subject": actor,
        "actor_organisation_id": organisation_id,
        "actor_name": acting.name,
        "actor_organisation_name": acting.organisation_name,
        "reason": reason,
        "outcome": outcome,
        "note": note,
        "occurred_at": now,
    }


def _news(previous: ReferralStatus, to: ReferralStatus) -> str | None:
    """The verb of the event of a move from ``previous`` to ``to`` (``fi.polku.referral.<verb>.v1``); None when the
    move is no news to the organisations."""
    verb = EVENT_VERBS.get(to)
    # A draft cancelled before it was sent was never the partner's news nor a step of the client's path.
    if verb is None or (to == ReferralStatus.cancelled and previous == ReferralStatus.draft):
        return None
    return verb


async def _announce(session: AsyncSession, referral: _Moving, previous: ReferralStatus, to: ReferralStatus) -> None:
    """The event of a move made on an entity (the send, the expiry) to both organisations, when it is news to them.
    A transition's event is written by its statement (:func:`_move_from`)."""
    verb = _news(previous, to)
    if verb is None:
        return
    await emit(
        session,
        type=f"fi.polku.referral.{verb}.v1",
        subject=f"referrals/{referral.id}",
        source=SOURCE,
        audience=[referral.sender_organisation_id, referral.partner_organisation_id],
        data={
            "referral_id": referral.id,
            "client_id": referral.client_id,
            "service_id": referral.service_id,
            "status": to.value,
            "sender_organisation_id": referral.sender_organisation_id,
            "partner_organisation_id": referral.partner_organisation_id,
        },
    )


async def _transition(
    session: AsyncSession,
    referral: Referral,
    to: ReferralStatus,
    *,
    actor: str,
    organisation_id: uuid.UUID | None,
    reason: str | None = None,
) -> None:
    """Move an entity (the send, the expiry; a transition through the lifecycle table is :func:`transition`'s
    statement): its changes and the history's row written by the session's next flush (with whatever else the
    caller changed on it), then the event."""
    now = datetime.now(UTC)
    previous = ReferralStatus(referral.status)
    for column, value in _changes(referral, to, now, reason=reason, outcome=None).items():
        setattr(referral, column, value)
    entry = _history_entry(
        referral.id,
        previous,
        to,
        now,
        actor=actor,
        organisation_id=organisation_id,
        reason=reason,
        outcome=None,
        note=None,
    )
    session.add(ReferralTransition(**entry))
    await session.flush()
    # updated_at is the database's: it came back in the UPDATE's RETURNING (eager_defaults on Referral).
    await _announce(session, referral, previous, to)


async def _audit(
    session: AsyncSession, principal: Principal, action: AuditAction, referral: _Moving, **details: object
) -> None:
    await record(
        session,
        actor=principal,
        action=action,
        resource_type="referral",
        resource_id=referral.id,
        data_subject_id=referral.client_id,
        purpose=PURPOSE,
        details=details or None,
    )


async def service_for_referral(session: AsyncSession, principal: Principal, service_id: uuid.UUID) -> Service:
    service, _ = await directory_service.visible(session, principal, service_id)
    if service.status != ServiceStatus.active:
        raise ServiceNotAvailable(f"The service is {service.status}", service_id=str(service.id))
    return service


def new_draft(
    principal: Principal,
    service: Service,
    *,
    client_id: uuid.UUID,
    categories: list[str],
    reason: str,
    joint_referral_id: uuid.UUID | None = None,
) -> Referral:
    return Referral(
        id=uuid.uuid4(),
        client_id=client_id,
        service_id=service.id,
        partner_organisation_id=service.organisation_id,
        sender_organisation_id=principal.organisation(),
        sender_subject=principal.subject,
        sender_name=principal.name,
        sender_organisation_name=principal.organisation_name,
        sender_email=principal.email,
        joint_referral_id=joint_referral_id,
        status=ReferralStatus.draft.value,
        categories=categories,
        reason=reason,
    )


async def add_draft(session: AsyncSession, principal: Principal, referral: Referral) -> None:
    session.add(referral)
    await session.flush()
    session.add(
        ReferralTransition(
            referral_id=referral.id,
            from_status=None,
            to_status=ReferralStatus.draft.value,
            actor_subject=principal.subject,
            actor_organisation_id=principal.organisation_id,
            actor_name=principal.name,
            actor_organisation_name=principal.organisation_name,
        )
    )
    await session.flush()
    await _audit(session, principal, AuditAction.create, referral)


async def client_for_referral(principal: Principal, client_id: uuid.UUID, clients_api: OnBehalfOf) -> None:
    """A referral is drafted only for a client the sender reaches in clients-api (their organisation's, within
    their caseload and team): a client id is never taken on trust. Outside reach it is the same 404 as the
    client read's."""
    access = await consent.access(clients_api, client_id=client_id)
    if access.organisation_id != principal.organisation():
        raise consent.ClientNotFound(f"No client {client_id} within your reach")


async def create(
    *, session: AsyncSession, principal: Principal, data: ReferralCreate, clients_api: OnBehalfOf
) -> ReferralRead:
    service = await service_for_referral(session, principal, data.service_id)
    await client_for_referral(principal, data.client_id, clients_api)
    referral = new_draft(
        principal, service, client_id=data.client_id, categories=[c.value for c in data.categories], reason=data.reason
    )
    await add_draft(session, principal, referral)
    await session.refresh(referral)
    return referral_read(referral, principal)


async def update_draft(
    *, session: AsyncSession, principal: Principal, referral_id: uuid.UUID, data: ReferralUpdate, if_match: str | None
) -> ReferralRead:
    """Change a draft before it is sent (another service, other categories, another reason). What was sent is
    the partner's record of the request and stays as it was: cancel it and draft anew instead."""
    referral, party = await visible(session, principal, referral_id, for_update=True)
    if party != Party.sender:
        raise ReferralNotFound(f"No referral {referral_id}")
    versioning.check(referral, if_match, current=f"/v1/referrals/{referral.id}")
    if referral.status != ReferralStatus.draft:
        raise NotADraft(f"The referral is {referral.status}; only a draft can be changed", current=referral.status)
    changed: dict[str, object] = {}
    if data.service_id is not None and data.service_id != referral.service_id:
        service = await service_for_referral(session, principal, data.service_id)
        referral.service_id, referral.partner_organisation_id = service.id, service.organisation_id
        changed["service_id"] = str(service.id)
    if data.categories is not None:
        referral.categories = [category.value for category in data.categories]
        changed["categories"] = referral.categories
    if data.reason is not None:
        referral.reason = data.reason
        changed["reason"] = True
    versioning.bump(referral)
    await session.flush()
    await session.refresh(referral)
    await _audit(session, principal, AuditAction.update, referral, **changed)
    return referral_read(referral, principal)


def _illegal(referral: _Parties, to: ReferralStatus, party: Party) -> IllegalTransition:
    allowed = lifecycle.allowed(ReferralStatus(referral.status), party)
    return IllegalTransition(
        f"A referral in status {referral.status} cannot move to {to.value}"
        + (f"; allowed: {', '.join(allowed)}" if allowed else "; no move is open to you"),
        current=referral.status,
        allowed=[status.value for status in allowed],
    )


async def send_checked(
    session: AsyncSession, principal: Principal, referral: Referral, consent_id: uuid.UUID | None, service: Service
) -> None:
    referral.consent_id = consent_id
    referral.sent_at = datetime.now(UTC)
    referral.due_on = add_working_days(today(), service.response_days)
    await _transition(
        session, referral, ReferralStatus.requested, actor=principal.subject, organisation_id=principal.organisation_id
    )
    await _audit(session, principal, AuditAction.update, referral, status="requested", categories=referral.categories)


async def send(
    *, session: AsyncSession, principal: Principal, referral_id: uuid.UUID, clients_api: OnBehalfOf
) -> ReferralRead:
    referral, party = await visible(session, principal, referral_id, for_update=True)
    if party != Party.sender or referral.status != ReferralStatus.draft:
        raise _illegal(referral, ReferralStatus.requested, party)
    service = await service_for_referral(session, principal, referral.service_id)
    answer = await consent.check(
        clients_api,
        client_id=referral.client_id,
        recipient=referral.partner_organisation_id,
        categories=referral.categories,
    )
    if not answer.holds:
        raise ConsentMissing(
            "No consent in force covers sharing "
            + ", ".join(answer.missing_categories)
            + " with the partner; record the client's consent first or send fewer categories",
            missing_categories=answer.missing_categories,
            recipient_organisation_id=str(referral.partner_organisation_id),
        )
    await send_checked(session, principal, referral, answer.consent_id, service)
    return referral_read(referral, principal)


async def transition(
    *,
    statement: OneStatement | None,
    session: AsyncSession,
    principal: Principal,
    referral_id: uuid.UUID,
    data: TransitionCreate,
) -> ReferralRead:
    """A move through the lifecycle table. The busiest write of the partners' systems, made on rows rather than
    entities (decision 53). With ``statement`` it is two statements without a transaction around them (decision 72):
    the referral read, the move judged in Python, then its update, the history's row, the audit record and the event
    in one statement that moves the referral only while it still has the status read (:func:`_move_from`). A move that
    met another (the status changed in between), and a move without ``statement`` (a request with an
    ``Idempotency-Key``, whose key is written in the request's transaction), take the request's transaction: the
    referral read and locked, the move judged from the status read under the lock, then the same statement with that
    status as its condition; they answer as before."""
    if statement is not None:
        async with statement.in_turn() as statements:
            found, current = _judged(
                principal,
                referral_id,
                await repository.read_shown(
                    statements, organisation_id=principal.organisation(), referral_id=referral_id
                ),
                data.status,
            )
            moved = await _move_from(statements, principal, found, current, data)
        if moved is not None:
            return shown(moved, principal)
    found, current = _judged(
        principal,
        referral_id,
        await repository.get_shown(
            session, organisation_id=principal.organisation(), referral_id=referral_id, for_update=True
        ),
        data.status,
    )
    moved = await _move_from(session, principal, found, current, data)
    if moved is None:  # the referral is locked in the status read: the statement's condition holds
        raise RuntimeError(f"referral {found.id}, locked in status {current}, was not moved")
    return shown(moved, principal)


async def _move_from(
    on: Statements | AsyncSession,
    principal: Principal,
    found: Row[Any],
    current: ReferralStatus,
    data: TransitionCreate,
) -> Row[Any] | None:
    """The transition's one statement (``repository.move_from``): the referral moved from ``current`` to the status
    asked for, while it is still ``current``, with the history's row, the audit record and the event when the move
    is news, each written by the statement alone, whichever way the move takes. None: it was no longer ``current``,
    and nothing was written."""
    writes = _writes(principal, found, current, data, datetime.now(UTC))
    verb = _news(current, data.status)
    return await repository.move_from(
        on,
        referral_id=found.id,
        expected=current,
        changes=writes.changes,
        entry=writes.entry,
        audit=writes.audit,
        event=None
        if verb is None
        else (
            "completed" if data.status == ReferralStatus.completed else "news",
            event_parameters(
                type=f"fi.polku.referral.{verb}.v1",
                subject=f"referrals/{found.id}",
                source=SOURCE,
                # A referral's organisations change only while it is a draft, whose moves are no news.
                audience=[found.sender_organisation_id, found.partner_organisation_id],
            ),
        ),
    )


def _judged(
    principal: Principal, referral_id: uuid.UUID, found: Row[Any] | None, to: ReferralStatus
) -> tuple[Row[Any], ReferralStatus]:
    """The referral and its status, when the lifecycle lets the caller move it ``to`` that status through a
    transition; the same 404 for a referral missing or not the caller's, the 409 otherwise."""
    party = None if found is None else party_of(principal, found)
    if found is None or party is None:
        raise ReferralNotFound(f"No referral {referral_id}")
    current = ReferralStatus(found.status)
    if (current, to) in lifecycle.SPECIAL or not lifecycle.may(current, to, party):
        raise _illegal(found, to, party)
    return found, current


class _Writes(NamedTuple):
    """What a transition writes: the referral's changes, the history's row, the audit record's parameters."""

    changes: dict[str, object]
    entry: dict[str, object]
    audit: dict[str, object]


def _writes(
    principal: Principal, found: Row[Any], current: ReferralStatus, data: TransitionCreate, now: datetime
) -> _Writes:
    outcome = data.outcome.value if data.outcome else None
    return _Writes(
        changes=_changes(found, data.status, now, reason=data.reason, outcome=outcome),
        audit=record_parameters(
            actor=principal,
            action=AuditAction.update,
            resource_type="referral",
            purpose=PURPOSE,
            details={"status": data.status.value},
        ),
        entry=_history_entry(
            found.id,
            current,
            data.status,
            now,
            actor=principal.subject,
            organisation_id=principal.organisation_id,
            reason=data.reason,
            outcome=outcome,
            note=data.note,
        ),
    )


async def give_feedback(
    *, session: AsyncSession, principal: Principal, referral_id: uuid.UUID, data: FeedbackCreate
) -> ReferralRead:
    """The client's feedback on the service (1–5, optional words), recorded by the sender's staff once the
    referral is completed. Given again, it replaces the earlier one."""
    referral, party = await visible(session, principal, referral_id, for_update=True)
    if party != Party.sender or referral.status != ReferralStatus.completed:
        raise FeedbackNotOpen(
            "Feedback is recorded by the sender's staff on a completed referral", current=referral.status
        )
    referral.feedback_score = data.score
    referral.feedback_text = data.text
    referral.feedback_at = datetime.now(UTC)
    await session.flush()
    await session.refresh(referral)
    await _audit(session, principal, AuditAction.update, referral, feedback=True)
    return referral_read(referral, principal)


PROGRESS_STATUSES = (ReferralStatus.accepted, ReferralStatus.in_progress, ReferralStatus.on_hold)


async def report_progress(
    *, session: AsyncSession, principal: Principal, referral_id: uuid.UUID, data: ProgressReport
) -> ReferralRead:
    """A partner's progress note; the status stays (the history shows it as a note at that status)."""
    referral, party = await visible(session, principal, referral_id, for_update=True)
    if party != Party.partner or referral.status not in PROGRESS_STATUSES:
        raise IllegalTransition(
            "Progress is reported by the partner on an accepted, ongoing or paused referral",
            current=referral.status,
            allowed=[s.value for s in lifecycle.allowed(ReferralStatus(referral.status), party)],
        )
    session.add(
        ReferralTransition(
            referral_id=referral.id,
            from_status=referral.status,
            to_status=referral.status,
            actor_subject=principal.subject,
            actor_organisation_id=principal.organisation_id,
            actor_name=principal.name,
            actor_organisation_name=principal.organisation_name,
            note=data.note,
            occurred_at=datetime.now(UTC),
        )
    )
    await session.flush()
    await _audit(session, principal, AuditAction.update, referral, progress=True)
    return referral_read(referral, principal)


async def read(*, session: AsyncSession, principal: Principal, referral_id: uuid.UUID) -> ReferralRead:
    found, _ = await visible_row(session, principal, referral_id)
    await _audit(session, principal, AuditAction.read, found)
    return shown(found, principal)


# The referral carries the client's data from the moment it is sent until it is closed with an outcome:
# requested, received, accepted, in progress, on hold and completed (the partner writes its report after
# completing). A draft has not been sent; a cancelled, rejected or expired referral never reached the
# partner's service, so nothing of the client is shared under it any more.
DATA_STATUSES = (
    ReferralStatus.requested,
    ReferralStatus.received,
    ReferralStatus.accepted,
    ReferralStatus.in_progress,
    ReferralStatus.on_hold,
    ReferralStatus.completed,
)
DATA_PURPOSE = "referral to a partner's service: the client data the referral carries"


async def client_data(
    *, session: AsyncSession, principal: Principal, referral_id: uuid.UUID, clients_api: OnBehalfOf
) -> ReferralClientData:
    """The data the referral carries, read from clients-api now, for the caller: consent is checked on every
    read, so a consent withdrawn after sending stops the sharing (EU 2016/679 art. 7(3)); the sender's staff
    read it only for a client within their reach (404 as the client read), and the health and social notes
    only within the client's coach and team (withheld otherwise, as clients-api's own reads do)."""
    referral, party = await visible(session, principal, referral_id)
    if ReferralStatus(referral.status) not in DATA_STATUSES:
        raise ReferralNotSent(
            f"A referral in status {referral.status} carries no client data",
            current=referral.status,
            readable_in=[status.value for status in DATA_STATUSES],
        )
    answer = await consent.shared_data(
        clients_api,
        client_id=referral.client_id,
        organisation_id=referral.sender_organisation_id,
        recipient=referral.partner_organisation_id,
        categories=referral.categories,
    )
    if answer is None and party == Party.sender:
        raise consent.ClientNotFound(f"No client {referral.client_id} within your reach")
    if answer is None:
        raise ClientDataGone(f"clients-api holds no data of client {referral.client_id} any more")
    if answer.body is None:
        raise ConsentNoLongerHolds(
            "The client's consent no longer covers sharing "
            + ", ".join(answer.missing_categories)
            + " with the partner (withdrawn or ended since the referral was sent); nothing is shared",
            missing_categories=answer.missing_categories,
            recipient_organisation_id=str(referral.partner_organisation_id),
        )
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="referral_client_data",
        resource_id=referral.id,
        data_subject_id=referral.client_id,
        purpose=DATA_PURPOSE,
        details={
            "recipient": str(referral.partner_organisation_id),
            "categories": referral.categories,
            "withheld": answer.body.get("withheld_categories", []),
            "consent_id": answer.body["consent_id"],
        },
    )
    shared = {
        key: answer.body.get(key)
        for key in ReferralClientData.model_fields
        if key not in ("referral_id", "partner_organisation_id")
    }
    return ReferralClientData.model_validate(
        {**shared, "referral_id": referral.id, "partner_organisation_id": referral.partner_organisation_id}
    )


async def history(*, session: AsyncSession, principal: Principal, referral_id: uuid.UUID) -> list[TransitionRead]:
    referral, _ = await visible(session, principal, referral_id)
    return [TransitionRead.model_validate(row) for row in await repository.history(session, referral_id=referral.id)]


# A referral in the lists, written as JSON by their statements (decision 74): ``ReferralRead``'s fields in order, and
# the moves open to each party in each status, from the lifecycle table.
SHOWN_JSON = repository.ShownJson(
    fields=tuple(ReferralRead.model_fields),
    moves_field="allowed_transitions",
    sender_moves={status.value: tuple(lifecycle.allowed(status, Party.sender)) for status in ReferralStatus},
    partner_moves={status.value: tuple(lifecycle.allowed(status, Party.partner)) for status in ReferralStatus},
)


# Working days from one day to another, counted a day at a time: remembered, as the kit remembers ``add_working_days``.
_working_days = lru_cache(maxsize=4096)(working_days_between)


def _item(row: Row[Any]) -> str:
    text: str = row.item
    return text


async def search(
    *,
    statement: OneStatement,
    principal: Principal,
    status: ReferralStatus | None,
    client_id: uuid.UUID | None,
    service_id: uuid.UUID | None,
    limit: int,
    cursor: str | None,
    changed_since: datetime | None = None,
    mine: bool = False,
) -> str:
    """A page of the organisation's referrals, in one statement (decision 65): a search by client records the search
    naming the client, in the same statement, whether it finds any. The page is the JSON of a ``Page[ReferralRead]``,
    each referral written by the statement with the moves open to the caller (:func:`party_of`, decision 74)."""
    organisation = principal.organisation()
    as_partner = principal.is_partner and not principal.has_any(*Role.staff)
    audit = (
        None
        if client_id is None
        else record_parameters(
            actor=principal,
            action=AuditAction.search,
            resource_type="referral",
            data_subject_id=client_id,
            purpose=PURPOSE,
        )
    )
    rows = await repository.page(
        statement,
        sender=None if as_partner else organisation,
        partner=organisation if as_partner else None,
        sent_only=as_partner,  # drafts are the sender's alone (:func:`party_of`)
        status=status.value if status else None,
        client_id=client_id,
        service_id=service_id,
        changed_since=changed_since,
        sender_subject=principal.subject if mine else None,
        limit=limit,
        after=start_after(cursor),
        audit=audit,
        shown=SHOWN_JSON,
        reader=organisation,
        reader_sender=_may_send(principal),
        reader_partner=principal.is_partner,
    )
    return repository.NEWEST_FIRST.page_json(rows, limit=limit, item=_item)


def _may_send(principal: Principal) -> bool:
    """Whether the caller is the sender of a referral of their organisation (:func:`party_of`; a partner's user is its
    partner, and in a draft no move is open to a partner, as the lifecycle table has it)."""
    return principal.has_any(Role.coach, Role.manager, Role.admin)


async def due_list(*, statement: OneStatement, principal: Principal, mine: bool) -> str:
    """The sender's unanswered referrals, overdue first (the sender is responsible until acceptance); one statement
    (decision 65). The JSON of a ``list[DueReferral]``: each referral written by the statement (decision 74), the due
    day's working days counted here."""
    day = today()
    rows = await repository.open_for_sender(
        statement,
        sender=principal.organisation(),
        until=date.max,
        subject=principal.subject if mine else None,
        shown=SHOWN_JSON,
        reader_sender=_may_send(principal),
        reader_partner=principal.is_partner,
    )
    # Many referrals fall due on the same few days: each day's working days are counted once a list, and remembered
    # across lists (the same day asks about the same due days).
    left: dict[date, str] = {}
    items = []
    for row in rows:
        due_on: date | None = row.due_on
        if due_on is None:  # the query selects referrals with a due day
            continue
        if due_on not in left:
            overdue = "true" if due_on < day else "false"
            left[due_on] = f',"overdue":{overdue},"working_days_left":{_working_days(day, due_on)}}}'
        items.append('{"referral":' + row.item + left[due_on])
    return "[" + ",".join(items) + "]"


async def expire_overdue(session: AsyncSession, *, on: date | None = None, batch: int = 500) -> int:
    """Expire every open referral whose due day has passed. Idempotent: an expired referral is no longer
    open, so a second run (or a second replica, thanks to SKIP LOCKED) finds nothing to do."""
    day = on or today()
    expired = 0
    while rows := await repository.overdue(session, before=day, limit=batch):
        for referral in rows:
            await _transition(
                session,
                referral,
                ReferralStatus.expired,
                actor=SYSTEM_ACTOR,
                organisation_id=None,
                reason=f"No answer by {referral.due_on.isoformat() if referral.due_on else '?'}",
            )
            expired += 1
    return expired
