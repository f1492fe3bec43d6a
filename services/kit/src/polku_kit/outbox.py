"""The transactional outbox: a change and its event are written in the same transaction.

Services call :func:`emit` inside the request's transaction (it flushes, never commits); the event leaves
only if that transaction commits. The webhook dispatcher (:mod:`polku_kit.webhooks`) later delivers it.

Events are CloudEvents 1.0, sent in structured JSON mode. Naming:

- ``type`` is ``fi.polku.<entity>.<what happened, past tense>.v<N>``, for example
  ``fi.polku.client.registered.v1`` or ``fi.polku.referral.accepted.v1``. ``N`` changes only when ``data``
  changes incompatibly (then emit both versions for a while).
- ``source`` is ``/polku/<service>`` (``/polku/clients-api``); inside a request it is filled in.
- ``subject`` names the resource within the source: ``referrals/<id>``.
- ``data`` is a JSON object: ids and the facts of the change, not whole records of personal data.

**Fan-out happens in the dispatcher, not here.** ``emit`` writes one row; the dispatcher turns each new row
into one delivery per matching subscription. So a request costs one insert however many subscribers there
are, a subscription's filter is applied when the event is dispatched, and a subscription created after the
event was written (``subscription.created_at > event.created_at``) never receives it, unless someone replays
it on purpose (``POST /v1/webhook-subscriptions/{id}/replay``).

**Audience.** A subscription belongs to an organisation (a partner, the national platform, the municipality
itself). ``audience`` restricts an event to the subscriptions of the given organisations; ``None`` lets every
subscription whose filter matches receive it. The kit knows no domain: a service emitting an event whose
``data`` a partner organisation must not see names the organisations that may.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any, cast

import structlog
from pydantic_core import to_jsonable_python
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    FromClause,
    Identity,
    Index,
    Insert,
    Table,
    Text,
    Uuid,
    bindparam,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from polku_kit.actor import Actor, current_actor
from polku_kit.db import KitBase

SPECVERSION = "1.0"
DATACONTENTTYPE = "application/json"
EVENT_TYPE_PATTERN = re.compile(r"^fi\.polku(\.[a-z][a-z0-9_]*)+\.v[1-9][0-9]*$")
# Set on the request's session by polku_kit.db, so that ``emit`` knows the source without being told.
SESSION_SERVICE_KEY = "service_name"


def event_source(service_name: str) -> str:
    """The CloudEvents ``source`` of a service: ``/polku/clients-api``."""
    return f"/polku/{service_name}"


class OutboxEvent(KitBase):
    """One event, written with the change it describes. ``sequence`` orders the events of one subject for the
    dispatcher (decision 25). It is allocation order, which is commit order for changes that lock their
    resource's row before emitting (two such changes cannot overlap); events of different subjects have no order."""

    __tablename__ = "outbox_event"
    __table_args__ = (
        Index("ix_outbox_event_pending", "sequence", postgresql_where=text("fanned_out_at IS NULL")),
        Index("ix_outbox_event_time", "time"),
        # Retention finds the events fanned out before its cutoff (polku_kit.retention).
        Index("ix_outbox_event_fanned_out_at", "fanned_out_at", postgresql_where=text("fanned_out_at IS NOT NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    sequence: Mapped[int] = mapped_column(BigInteger, Identity(always=True), unique=True)
    specversion: Mapped[str] = mapped_column(Text, default=SPECVERSION, server_default=SPECVERSION)
    source: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    datacontenttype: Mapped[str] = mapped_column(Text, default=DATACONTENTTYPE, server_default=DATACONTENTTYPE)
    data: Mapped[Any] = mapped_column(JSONB)
    # Who acted (polku_kit.actor): the subject, name and organisation from the token at the time of the act.
    actor: Mapped[dict[str, str] | None] = mapped_column(JSONB)
    # Organisations whose subscriptions may receive the event; NULL: every matching subscription.
    audience: Mapped[list[uuid.UUID] | None] = mapped_column(ARRAY(Uuid()))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Set when the dispatcher has made a delivery for every subscription that wants the event.
    fanned_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def envelope(self) -> dict[str, Any]:
        """The CloudEvents 1.0 structured-mode JSON body."""
        return cloudevent(
            id=self.id,
            specversion=self.specversion,
            source=self.source,
            type=self.type,
            subject=self.subject,
            time=self.time,
            datacontenttype=self.datacontenttype,
            data=self.data,
            actor=self.actor,
        )


def cloudevent(
    *,
    id: uuid.UUID,
    specversion: str,
    source: str,
    type: str,
    subject: str | None,
    time: datetime,
    datacontenttype: str,
    data: Any,
    actor: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """An outbox event's CloudEvents 1.0 structured-mode JSON body (the dispatcher builds it from its columns),
    with the actor as extension attributes (:mod:`polku_kit.actor`)."""
    envelope: dict[str, Any] = {
        "specversion": specversion,
        "id": str(id),
        "source": source,
        "type": type,
        "time": time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": datacontenttype,
        "data": data,
    }
    if subject:
        envelope["subject"] = subject
    acting = Actor.from_json(actor)
    if acting is not None:
        envelope.update(acting.extensions())
    return envelope


def thin_cloudevent(envelope: Mapping[str, Any], dataref: str) -> dict[str, Any]:
    """What a thin subscription receives of an event (decision 0042): its id, type, time, source and subject, and
    ``dataref`` (the CloudEvents extension for data kept elsewhere), the URL where the subscriber fetches the whole
    event with its own token. No ``data`` and no actor: nothing a misrouted delivery could expose."""
    thin = {key: envelope[key] for key in THIN_ATTRIBUTES if key in envelope}
    thin["dataref"] = dataref
    return thin


# The attributes a thin delivery keeps; ``dataref`` is added.
THIN_ATTRIBUTES = ("specversion", "id", "source", "type", "subject", "time")


def _acting() -> dict[str, str] | None:
    """The actor of the current request or job: the person from the token, else a job's ``system:`` subject."""
    subject = structlog.contextvars.get_contextvars().get("subject")
    if not isinstance(subject, str) or not subject:
        return None
    actor = current_actor()
    # A job binds its own subject; the person's details count only while that person is the one acting.
    return (actor if actor is not None and actor.subject == subject else Actor(subject=subject)).as_json()


async def emit(
    session: AsyncSession,
    *,
    type: str,
    subject: str | None,
    data: Mapping[str, Any],
    source: str | None = None,
    audience: Collection[uuid.UUID] | None = None,
    time: datetime | None = None,
) -> OutboxEvent:
    """Add an event to the caller's transaction (flushed, not committed); it leaves only if that commits.

    ``data`` may hold UUIDs, datetimes, dates and pydantic models: they are stored as JSON.
    ``source`` defaults to the service's own (``/polku/<service_name>``) inside a request.
    ``audience``: see the module docstring.
    """
    if not EVENT_TYPE_PATTERN.match(type):
        raise ValueError(f"event type {type!r} does not follow fi.polku.<entity>.<happened>.v<N>")
    if source is None:
        service_name = session.info.get(SESSION_SERVICE_KEY)
        if service_name is None:
            raise ValueError("emit() needs source= outside a request (no service name on the session)")
        source = event_source(service_name)
    payload = to_jsonable_python(dict(data))
    event = OutboxEvent(
        id=uuid.uuid4(),
        specversion=SPECVERSION,
        source=source,
        type=type,
        subject=subject,
        time=time or datetime.now(UTC),
        datacontenttype=DATACONTENTTYPE,
        data=payload,
        audience=sorted(set(audience)) if audience is not None else None,
        actor=_acting(),
    )
    session.add(event)
    await session.flush()
    return event


# The columns an event inserted by :func:`emitted` takes from :func:`event_parameters` (the data is the statement's).
_BOUND = ("id", "source", "type", "subject", "time", "actor", "audience")
_PREFIX = "event_"


def event_parameters(
    *,
    type: str,
    subject: str | None,
    source: str,
    audience: Collection[uuid.UUID] | None = None,
    time: datetime | None = None,
) -> dict[str, Any]:
    """The bound parameters of an event written by a statement built with :func:`emitted`: the same values
    :func:`emit` writes (a new id, the moment, the acting person), but for the data, which is the statement's."""
    if not EVENT_TYPE_PATTERN.match(type):
        raise ValueError(f"event type {type!r} does not follow fi.polku.<entity>.<happened>.v<N>")
    values = {
        "id": uuid.uuid4(),
        "source": source,
        "type": type,
        "subject": subject,
        "time": time or datetime.now(UTC),
        "actor": _acting(),
        "audience": sorted(set(audience)) if audience is not None else None,
    }
    return {_PREFIX + name: value for name, value in values.items()}


def emitted(data: ColumnElement[Any], rows: FromClause) -> Insert:
    """The ``INSERT`` of one event per row of ``rows`` (a CTE of the statement: no row, no event), for a
    data-modifying CTE of the statement that makes the change: :func:`emit` without a session, in the change's one
    statement. ``data`` is the event's data, an expression over ``rows``; the rest are the bound parameters of
    :func:`event_parameters`."""
    table = cast(Table, OutboxEvent.__table__)
    columns = [*_BOUND, "data"]
    values = [bindparam(_PREFIX + name, type_=table.c[name].type) for name in _BOUND]
    return insert(table).from_select(columns, select(*values, data).select_from(rows), include_defaults=False)


__all__ = [
    "EVENT_TYPE_PATTERN",
    "OutboxEvent",
    "cloudevent",
    "emit",
    "emitted",
    "event_parameters",
    "event_source",
    "thin_cloudevent",
]
