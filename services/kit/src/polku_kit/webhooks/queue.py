"""Every query the dispatcher runs: fan-out, claim (with a lease), record, and the dead-letter sweep.

Each function runs in the caller's short transaction and uses the database clock (``now()``), so
dispatchers on machines with different clocks agree on what is due and whose lease has lapsed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Uuid, bindparam, func, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.outbox import OutboxEvent
from polku_kit.settings import EventSubscriber
from polku_kit.webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription

# Whether subscription ``s`` wants event ``e``: the organisation is in the event's audience (or the event has
# none, or the subscription is another Polku service's), and one of the subscription's patterns is ``*``, the
# exact type, or a ``prefix.*`` of it.
# The one definition of matching, used by fan-out and by replay.
SUBSCRIPTION_WANTS_EVENT = """
    (s.internal OR e.audience IS NULL OR s.organisation_id = ANY (e.audience))
    AND EXISTS (
        SELECT 1 FROM unnest(s.event_types) AS wanted(pattern)
        WHERE wanted.pattern = '*'
           OR wanted.pattern = e.type
           OR (right(wanted.pattern, 2) = '.*' AND starts_with(e.type, left(wanted.pattern, -1)))
    )
"""

# The one interpolation is the constant SUBSCRIPTION_WANTS_EVENT, never input.
_FAN_OUT = text(
    f"""
    WITH batch AS (
        SELECT id FROM outbox_event
        WHERE fanned_out_at IS NULL
        ORDER BY sequence
        LIMIT :limit
        FOR UPDATE SKIP LOCKED
    ), deliveries AS (
        INSERT INTO webhook_delivery
            (id, subscription_id, event_id, status, attempt_count, next_attempt_at, created_at, updated_at)
        SELECT gen_random_uuid(), s.id, e.id, 'pending', 0, now(), now(), now()
        FROM batch
        JOIN outbox_event e ON e.id = batch.id
        JOIN webhook_subscription s ON s.active AND s.created_at <= e.created_at AND {SUBSCRIPTION_WANTS_EVENT}
        ON CONFLICT (subscription_id, event_id) DO NOTHING
        RETURNING 1
    ), marked AS (
        UPDATE outbox_event SET fanned_out_at = now() WHERE id IN (SELECT id FROM batch) RETURNING 1
    )
    SELECT (SELECT count(*) FROM marked) AS events, (SELECT count(*) FROM deliveries) AS deliveries
    """  # noqa: S608
)

_CLAIM = text(
    """
    WITH due AS (
        SELECT d.id
        FROM webhook_delivery d
        JOIN webhook_subscription s ON s.id = d.subscription_id
        WHERE d.status = 'pending'
          AND d.next_attempt_at <= now()
          AND (d.locked_until IS NULL OR d.locked_until < now())
          AND s.active
        ORDER BY d.next_attempt_at
        LIMIT :limit
        FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_delivery d
    SET lease_token = :lease,
        locked_until = now() + make_interval(secs => :lease_seconds),
        attempt_count = d.attempt_count + 1,
        updated_at = now()
    FROM due
    WHERE d.id = due.id
    RETURNING d.id, d.attempt_count, d.subscription_id, d.event_id
    """
).bindparams(bindparam("lease", type_=Uuid()))

_EXPIRE_EXHAUSTED = text(
    """
    UPDATE webhook_delivery
    SET status = 'dead', lease_token = NULL, locked_until = NULL, updated_at = now(),
        last_error = 'the last attempt never reported back (its dispatcher stopped)'
    WHERE status = 'pending' AND attempt_count >= :max_attempts AND locked_until < now()
    RETURNING id
    """
)

_ABANDON_ATTEMPTS = text(
    """
    UPDATE webhook_attempt
    SET finished_at = now(), error = 'abandoned: the dispatcher stopped before recording a result'
    WHERE delivery_id = ANY (:ids) AND finished_at IS NULL
    """
).bindparams(bindparam("ids", type_=ARRAY(Uuid())))


@dataclass(frozen=True)
class Claimed:
    """A delivery leased to this dispatcher for one attempt."""

    delivery_id: uuid.UUID
    attempt_id: uuid.UUID
    lease: uuid.UUID
    attempt: int
    url: str
    secrets: tuple[str, ...]
    event: dict[str, Any]
    internal: bool = False


async def fan_out(session: AsyncSession, *, limit: int) -> tuple[int, int]:
    """Make deliveries for up to ``limit`` new events; returns (events, deliveries made)."""
    row = (await session.execute(_FAN_OUT, {"limit": limit})).one()
    return int(row.events), int(row.deliveries)


async def expire_exhausted(session: AsyncSession, *, max_attempts: int) -> int:
    """Dead-letter deliveries whose last attempt was lost with its dispatcher (otherwise such a delivery would
    be retried forever)."""
    ids = list((await session.scalars(_EXPIRE_EXHAUSTED, {"max_attempts": max_attempts})).all())
    if ids:
        await session.execute(_ABANDON_ATTEMPTS, {"ids": ids})
    return len(ids)


async def claim(session: AsyncSession, *, limit: int, lease_seconds: float) -> list[Claimed]:
    """Lease up to ``limit`` due deliveries for one attempt each, and write the attempts as started."""
    lease = uuid.uuid4()
    rows = (await session.execute(_CLAIM, {"limit": limit, "lease": lease, "lease_seconds": lease_seconds})).all()
    if not rows:
        return []
    delivery_ids = [row.id for row in rows]
    # A delivery taken over from a dispatcher that died leaves an attempt that never finished.
    await session.execute(_ABANDON_ATTEMPTS, {"ids": delivery_ids})
    attempt_ids = {row.id: uuid.uuid4() for row in rows}
    session.add_all(
        WebhookAttempt(id=attempt_ids[row.id], delivery_id=row.id, number=row.attempt_count, started_at=func.now())
        for row in rows
    )
    await session.flush()
    subscriptions = {
        subscription.id: subscription
        for subscription in await session.scalars(
            select(WebhookSubscription).where(WebhookSubscription.id.in_({row.subscription_id for row in rows}))
        )
    }
    events = {
        event.id: event
        for event in await session.scalars(
            select(OutboxEvent).where(OutboxEvent.id.in_({row.event_id for row in rows}))
        )
    }
    now: datetime = (await session.execute(select(func.now()))).scalar_one()
    claimed = []
    for row in rows:
        subscription = subscriptions[row.subscription_id]
        signing = [subscription.secret]
        expires = subscription.previous_secret_expires_at
        if subscription.previous_secret and expires is not None and expires > now:
            signing.append(subscription.previous_secret)  # a rotation's grace period: both sign
        claimed.append(
            Claimed(
                delivery_id=row.id,
                attempt_id=attempt_ids[row.id],
                lease=lease,
                attempt=row.attempt_count,
                url=subscription.url,
                secrets=tuple(signing),
                event=events[row.event_id].envelope(),
                internal=subscription.internal,
            )
        )
    return claimed


# Internal subscriptions belong to no organisation: the nil UUID, which no token's ``org`` can be.
NO_ORGANISATION = uuid.UUID(int=0)


async def ensure_internal(session: AsyncSession, subscribers: Sequence[EventSubscriber]) -> None:
    """Make the internal subscriptions match the configuration: one per receiver URL (its secret and event
    types as configured, active), and every other internal subscription inactive. Safe when several
    dispatchers do it at once (an upsert on the URL)."""
    for subscriber in subscribers:
        values = {
            "url": subscriber.url,
            "event_types": subscriber.event_types,
            "secret": subscriber.secret.get_secret_value(),
            "description": subscriber.name,
            "active": True,
        }
        await session.execute(
            insert(WebhookSubscription)
            .values(
                id=uuid.uuid4(), organisation_id=NO_ORGANISATION, internal=True, created_by="configuration", **values
            )
            .on_conflict_do_update(
                index_elements=["url"],
                index_where=WebhookSubscription.internal.expression,
                set_={**values, "updated_at": func.now()},
            )
        )
    await session.execute(
        update(WebhookSubscription)
        .where(WebhookSubscription.internal, WebhookSubscription.url.not_in([s.url for s in subscribers]))
        .values(active=False, updated_at=func.now())
    )


async def record(
    session: AsyncSession,
    claimed: Claimed,
    *,
    started_at: datetime,
    duration_ms: int,
    status_code: int | None,
    error: str | None,
    outcome: DeliveryStatus,
    retry_in: timedelta | None,
) -> bool:
    """Write the attempt's result; move the delivery on only if the lease is still ours (returns whether)."""
    await session.execute(
        update(WebhookAttempt)
        .where(WebhookAttempt.id == claimed.attempt_id)
        .values(
            started_at=started_at, finished_at=func.now(), duration_ms=duration_ms, status_code=status_code, error=error
        )
    )
    values: dict[str, Any] = {
        "status": outcome.value,
        "lease_token": None,
        "locked_until": None,
        "last_status_code": status_code,
        "last_error": error,
        "updated_at": func.now(),
    }
    if outcome is DeliveryStatus.delivered:
        values["delivered_at"] = func.now()
    elif retry_in is not None:
        values["next_attempt_at"] = func.now() + retry_in
    result = await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == claimed.delivery_id, WebhookDelivery.lease_token == claimed.lease)
        .values(**values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
