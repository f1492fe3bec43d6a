"""Every query the dispatcher runs: fan-out, claim (with a lease), record, and the dead-letter sweep; and the pause
and resumption of a subscription's deliveries when it is switched off and on.

Each function runs in the caller's short transaction and uses the database clock (``now()``), so
dispatchers on machines with different clocks agree on what is due and whose lease has lapsed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Uuid, bindparam, func, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.outbox import cloudevent, thin_cloudevent
from polku_kit.settings import EventSubscriber
from polku_kit.wake import wake
from polku_kit.webhooks.models import DeliveryStatus, Payload, WebhookSubscription

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

# Where a service serves its events to thin subscribers (:mod:`polku_kit.webhooks.events`), under ``/v1``; a
# dispatcher puts the service's public URL before it.
EVENTS_PATH = "/v1/webhook-events/"


def events_url(public_url: str, root_path: str) -> str:
    """The absolute URL of the fetch of a service's events, the event's id to follow."""
    return f"{public_url.rstrip('/')}{root_path.rstrip('/')}{EVENTS_PATH}"


# Dispatchers LISTEN on this channel: a trigger on ``outbox_event`` (migrations kit_0008, kit_0013) and every
# replay notify it, in the transaction that makes work, while a dispatcher sleeps (:mod:`polku_kit.wake`), so it
# wakes when that commits.
WAKE_CHANNEL = "polku_webhooks"

# The one interpolation is the constant SUBSCRIPTION_WANTS_EVENT, never input. The subscriptions an event is queued
# for are share-locked: a switch-off (or a change, or a removal) in flight is waited for and the subscription read
# again as it left it, so no delivery is queued pending for a subscription switched off meanwhile, where the pause of
# its deliveries, run before the fan-out committed, would not have seen it (decision 81); and one switched off after
# the lock waits for the fan-out, whose deliveries its pause then finds.
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
            (id, subscription_id, event_id, lane, sequence, status, attempt_count, next_attempt_at, created_at,
             updated_at)
        SELECT gen_random_uuid(), s.id, e.id, coalesce(e.subject, e.id::text), e.sequence, 'pending', 0, now(), now(),
               now()
        FROM batch
        JOIN outbox_event e ON e.id = batch.id
        JOIN webhook_subscription s ON s.active AND s.created_at <= e.created_at AND {SUBSCRIPTION_WANTS_EVENT}
        FOR SHARE OF s
        ON CONFLICT (subscription_id, event_id) DO NOTHING
        RETURNING 1
    ), marked AS (
        UPDATE outbox_event SET fanned_out_at = now() WHERE id IN (SELECT id FROM batch) RETURNING 1
    )
    SELECT (SELECT count(*) FROM marked) AS events, (SELECT count(*) FROM deliveries) AS deliveries
    """  # noqa: S608
)

# A lane (one subscription, one subject) is delivered one event at a time, in sequence order. A claim takes the
# lanes whose first pending delivery (the *head*) is due and not leased, locking each head (``SKIP LOCKED``: a
# head another dispatcher is claiming is skipped, and with it the whole lane), then extends each head with the
# lane's next pending deliveries up to the first that is not due or leased (``runs``). Every delivery taken is
# leased for one attempt, and the attempt written as started, in the same statement. The lane's order holds
# across dispatchers because only a head opens a lane, and a leased head keeps it closed.
#
# The statement is written so that its plan does not rest on the planner's count of pending deliveries: that is the
# count at the last analysis, none after a quiet spell, however many are pending since (decision 79). So a candidate
# head is checked by a subquery, which PostgreSQL runs per candidate as one probe of the lane index
# (``ix_webhook_delivery_lane``; the due index cannot serve it, its predicate asks for ``next_attempt_at IS NOT NULL``,
# which only the walk of due deliveries implies), where a ``NOT EXISTS`` was planned as a join that read every pending
# delivery for each candidate; and the rows are leased by their key, the status compared with the one they were chosen
# with rather than with ``'pending'``, which would let the partial indexes scan every pending delivery for each row
# again.
_CLAIM = text(
    """
    WITH heads AS (
        SELECT d.id, d.subscription_id, d.lane, d.sequence, d.next_attempt_at, d.status
        FROM webhook_delivery d
        JOIN webhook_subscription s ON s.id = d.subscription_id
        WHERE d.status = 'pending'
          AND d.next_attempt_at <= now()
          AND (d.locked_until IS NULL OR d.locked_until < now())
          AND d.sequence = (
              SELECT p.sequence FROM webhook_delivery p
              WHERE p.subscription_id = d.subscription_id AND p.lane = d.lane AND p.status = 'pending'
              ORDER BY p.sequence
              LIMIT 1
          )
          AND s.active
        ORDER BY d.next_attempt_at
        LIMIT :limit
        FOR UPDATE OF d SKIP LOCKED
    ), runs AS (
        SELECT f.id, f.status, h.next_attempt_at AS head_due, h.sequence AS head_sequence, f.sequence,
               bool_and(f.next_attempt_at <= now() AND (f.locked_until IS NULL OR f.locked_until < now()))
                   OVER (PARTITION BY h.id ORDER BY f.sequence) AS free
        FROM heads h
        CROSS JOIN LATERAL (
            SELECT f.id, f.status, f.sequence, f.next_attempt_at, f.locked_until
            FROM webhook_delivery f
            WHERE f.subscription_id = h.subscription_id AND f.lane = h.lane AND f.status = 'pending'
              AND f.sequence > h.sequence
            ORDER BY f.sequence
            LIMIT :run
        ) f
    ), chosen AS (
        SELECT id, status FROM (
            SELECT id, status, next_attempt_at AS head_due, sequence AS head_sequence, sequence FROM heads
            UNION ALL
            SELECT id, status, head_due, head_sequence, sequence FROM runs WHERE free
        ) taken
        ORDER BY head_due, head_sequence, sequence
        LIMIT :limit
    ), leased AS (
        UPDATE webhook_delivery d
        SET lease_token = :lease,
            locked_until = now() + make_interval(secs => :lease_seconds),
            attempt_count = d.attempt_count + 1,
            updated_at = now()
        FROM chosen
        WHERE d.id = chosen.id AND d.status = chosen.status
        RETURNING d.id, d.attempt_count, d.subscription_id, d.event_id, d.lane, d.sequence
    ), abandoned AS (
        -- A delivery taken over from a dispatcher that died leaves an attempt that never finished.
        UPDATE webhook_attempt
        SET finished_at = now(), error = 'abandoned: the dispatcher stopped before recording a result'
        WHERE delivery_id IN (SELECT id FROM leased) AND finished_at IS NULL
    ), started AS (
        INSERT INTO webhook_attempt (id, delivery_id, number, started_at)
        SELECT gen_random_uuid(), id, attempt_count, now() FROM leased
        RETURNING id, delivery_id
    )
    SELECT leased.id, leased.attempt_count, leased.subscription_id, leased.lane, leased.sequence,
           started.id AS attempt_id, e.id AS event_id, e.specversion, e.source, e.type, e.subject, e.time,
           e.datacontenttype, e.data, e.actor, now() AS now
    FROM leased
    JOIN started ON started.delivery_id = leased.id
    JOIN outbox_event e ON e.id = leased.event_id
    ORDER BY leased.sequence
    """
).bindparams(bindparam("lease", type_=Uuid()))

# The claim's plan rests on the statistics of ``webhook_delivery``. Planned with statistics from before a pile-up
# (autovacuum analyses a table a minute or more after it grew, and a table that was nearly empty is estimated at a
# handful of due rows), it reads every due delivery, checks each for an earlier one in its lane and sorts them all:
# with 100,000 piled up, about a second a claim. With current statistics it walks the due index in order and stops
# at the claim's limit: a few milliseconds. So a dispatcher analyses the table itself once it has made this many
# deliveries since it last did, at most once in so many seconds (an analysis reads a sample of at most 30,000 rows
# whatever the table's size: 0.26-0.29 s of PostgreSQL's time at 100,000 rows on a loaded machine; decision 75).
ANALYSE_AFTER_DELIVERIES = 5000
ANALYSE_AT_MOST_EVERY_SECONDS = 10.0
_ANALYSE = text("ANALYZE webhook_delivery")

# When the first delivery of a lane next falls due (a retry's backoff ends, a lapsed lease frees it), in seconds
# from now; NULL if nothing is pending. Each lane's first delivery found as the claim finds it, by one probe.
_NEXT_DUE = text(
    """
    SELECT extract(epoch FROM min(greatest(d.next_attempt_at, d.locked_until)) - now())
    FROM webhook_delivery d
    JOIN webhook_subscription s ON s.id = d.subscription_id AND s.active
    WHERE d.status = 'pending'
      AND d.sequence = (
          SELECT p.sequence FROM webhook_delivery p
          WHERE p.subscription_id = d.subscription_id AND p.lane = d.lane AND p.status = 'pending'
          ORDER BY p.sequence
          LIMIT 1
      )
    """
)

# One attempt's result per row; the delivery moves on only under the lease that sent it. A delivery paused while its
# attempt was in flight (its subscription switched off) keeps its lease: it is delivered if the attempt succeeded,
# dead if that was the last attempt, and otherwise stays paused rather than pending (decision 81).
_RECORD_ATTEMPTS = text(
    """
    UPDATE webhook_attempt a
    SET started_at = r.started_at, finished_at = now(), duration_ms = r.duration_ms,
        status_code = r.status_code, error = r.error
    FROM unnest(CAST(:attempt_ids AS uuid[]), CAST(:started_at AS timestamptz[]), CAST(:durations AS integer[]),
                CAST(:status_codes AS integer[]), CAST(:errors AS text[]))
         AS r(id, started_at, duration_ms, status_code, error)
    WHERE a.id = r.id
    """
)
_RECORD_DELIVERIES = text(
    """
    UPDATE webhook_delivery d
    SET status = CASE WHEN d.status = 'paused' AND r.status = 'pending' THEN 'paused' ELSE r.status END,
        lease_token = NULL, locked_until = NULL, last_status_code = r.status_code,
        last_error = r.error, updated_at = now(),
        delivered_at = CASE WHEN r.status = 'delivered' THEN now() ELSE d.delivered_at END,
        next_attempt_at = CASE
            WHEN r.retry_seconds IS NULL THEN d.next_attempt_at
            ELSE now() + make_interval(secs => r.retry_seconds)
        END
    FROM unnest(CAST(:ids AS uuid[]), CAST(:leases AS uuid[]), CAST(:statuses AS text[]),
                CAST(:status_codes AS integer[]), CAST(:errors AS text[]), CAST(:retry_seconds AS float8[]))
         AS r(id, lease, status, status_code, error, retry_seconds)
    WHERE d.id = r.id AND d.lease_token = r.lease
    RETURNING d.id
    """
)

# Deliveries leased but not sent (their lane stopped at a failure, or the lease ran short) go back as they were.
_GIVE_BACK = text(
    """
    WITH returned AS (
        UPDATE webhook_delivery
        SET lease_token = NULL, locked_until = NULL, attempt_count = attempt_count - 1, updated_at = now()
        WHERE id = ANY (CAST(:ids AS uuid[])) AND lease_token = :lease
        RETURNING id
    )
    DELETE FROM webhook_attempt
    WHERE id = ANY (CAST(:attempt_ids AS uuid[])) AND delivery_id IN (SELECT id FROM returned)
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


# A subscription switched off: its pending deliveries are paused, out of the claim's walk and its lane probes (every
# partial index holds pending deliveries only), so a backlog it leaves costs the other subscribers nothing
# (decision 81). A delivery in flight keeps its lease: its attempt's result is still recorded (``_RECORD_DELIVERIES``),
# and after a resumption no other dispatcher takes its lane before that result is in.
_PAUSE = text(
    """
    UPDATE webhook_delivery SET status = 'paused', updated_at = now()
    WHERE subscription_id = ANY (CAST(:subscription_ids AS uuid[])) AND status = 'pending'
    """
)

# Switched on again: its paused deliveries are due at once. All of a subscription's paused deliveries become pending
# together, so each lane's first pending delivery is again its earliest (the lane probe orders by sequence).
_RESUME = text(
    """
    UPDATE webhook_delivery SET status = 'pending', next_attempt_at = now(), updated_at = now()
    WHERE subscription_id = ANY (CAST(:subscription_ids AS uuid[])) AND status = 'paused'
    """
)


@dataclass(frozen=True)
class Claimed:
    """A delivery leased to this dispatcher for one attempt. ``claimed_at`` (``time.perf_counter()``) is when the
    lease began, near enough: results must be recorded well before ``claimed_at + lease``."""

    delivery_id: uuid.UUID
    attempt_id: uuid.UUID
    lease: uuid.UUID
    attempt: int
    url: str
    secrets: tuple[str, ...]
    event: dict[str, Any]
    internal: bool = False
    subscription_id: uuid.UUID | None = None
    lane: str = ""
    sequence: int = 0
    claimed_at: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True)
class Result:
    """What one attempt came to, for :func:`record`."""

    claimed: Claimed
    started_at: datetime
    duration_ms: int
    status_code: int | None
    error: str | None
    outcome: DeliveryStatus
    retry_in: timedelta | None


async def fan_out(session: AsyncSession, *, limit: int) -> tuple[int, int]:
    """Make deliveries for up to ``limit`` new events; returns (events, deliveries made)."""
    row = (await session.execute(_FAN_OUT, {"limit": limit})).one()
    return int(row.events), int(row.deliveries)


async def analyse(session: AsyncSession) -> None:
    """The planner's statistics of ``webhook_delivery`` brought up to date (see :data:`ANALYSE_AFTER_DELIVERIES`).
    A role that may not analyse the table gets PostgreSQL's warning, not an error."""
    await session.execute(_ANALYSE)


async def expire_exhausted(session: AsyncSession, *, max_attempts: int) -> int:
    """Dead-letter deliveries whose last attempt was lost with its dispatcher (otherwise such a delivery would
    be retried forever)."""
    ids = list((await session.scalars(_EXPIRE_EXHAUSTED, {"max_attempts": max_attempts})).all())
    if ids:
        await session.execute(_ABANDON_ATTEMPTS, {"ids": ids})
    return len(ids)


async def claim(
    session: AsyncSession, *, limit: int, lease_seconds: float, run: int = 100, event_url: str = EVENTS_PATH
) -> list[Claimed]:
    """Lease up to ``limit`` due deliveries for one attempt each, and write the attempts as started. They come
    in sequence order, at most ``run`` of one lane (its head and the deliveries right behind it).

    A thin subscription's event is cut down to :func:`~polku_kit.outbox.thin_cloudevent`, its ``dataref``
    ``event_url`` followed by the event's id (the service's fetch of its events)."""
    lease = uuid.uuid4()
    rows = (
        await session.execute(
            _CLAIM, {"limit": limit, "lease": lease, "lease_seconds": lease_seconds, "run": max(run - 1, 0)}
        )
    ).all()
    if not rows:
        return []
    subscriptions = {
        subscription.id: subscription
        for subscription in await session.scalars(
            select(WebhookSubscription).where(WebhookSubscription.id.in_({row.subscription_id for row in rows}))
        )
    }
    now: datetime = rows[0].now
    signing_secrets: dict[uuid.UUID, tuple[str, ...]] = {}
    for subscription in subscriptions.values():
        signing = [subscription.secret]
        expires = subscription.previous_secret_expires_at
        if subscription.previous_secret and expires is not None and expires > now:
            signing.append(subscription.previous_secret)  # a rotation's grace period: both sign
        signing_secrets[subscription.id] = tuple(signing)
    thin = {
        subscription.id
        for subscription in subscriptions.values()
        if subscription.payload is Payload.thin and not subscription.internal
    }
    claimed_at = time.perf_counter()
    claimed = [
        Claimed(
            delivery_id=row.id,
            attempt_id=row.attempt_id,
            lease=lease,
            attempt=row.attempt_count,
            url=subscriptions[row.subscription_id].url,
            secrets=signing_secrets[row.subscription_id],
            event=cloudevent(
                id=row.event_id,
                specversion=row.specversion,
                source=row.source,
                type=row.type,
                subject=row.subject,
                time=row.time,
                datacontenttype=row.datacontenttype,
                data=row.data,
                actor=row.actor,
            ),
            internal=subscriptions[row.subscription_id].internal,
            subscription_id=row.subscription_id,
            lane=row.lane,
            sequence=row.sequence,
            claimed_at=claimed_at,
        )
        for row in rows
    ]
    if not thin:
        return claimed
    return [
        replace(item, event=thin_cloudevent(item.event, f"{event_url}{item.event['id']}"))
        if item.subscription_id in thin
        else item
        for item in claimed
    ]


async def seconds_until_due(session: AsyncSession) -> float | None:
    """Seconds until the next pending delivery falls due (zero or less: it is due), None if none is pending."""
    value = await session.scalar(_NEXT_DUE)
    return None if value is None else float(value)


async def give_back(session: AsyncSession, claimed: Sequence[Claimed]) -> None:
    """Return leased deliveries that were not sent, as if they had never been claimed."""
    for lease in {item.lease for item in claimed}:
        mine = [item for item in claimed if item.lease == lease]
        await session.execute(
            _GIVE_BACK,
            {
                "ids": [item.delivery_id for item in mine],
                "attempt_ids": [item.attempt_id for item in mine],
                "lease": lease,
            },
        )


async def pause_deliveries(session: AsyncSession, subscription_ids: Sequence[uuid.UUID]) -> int:
    """The pending deliveries of subscriptions just switched off, paused until they are switched on again (those in
    flight too: their attempts' results are still recorded); how many. Call it in the transaction that switches
    them off, holding their rows locked."""
    if not subscription_ids:
        return 0
    result = await session.execute(_PAUSE, {"subscription_ids": list(subscription_ids)})
    return int(result.rowcount)  # type: ignore[attr-defined]


async def resume_deliveries(session: AsyncSession, subscription_ids: Sequence[uuid.UUID]) -> int:
    """The paused deliveries of subscriptions just switched on again, pending and due now, and the sleeping
    dispatchers woken when the transaction commits; how many. Call it in the transaction that switches them on,
    holding their rows locked."""
    if not subscription_ids:
        return 0
    result = await session.execute(_RESUME, {"subscription_ids": list(subscription_ids)})
    resumed = int(result.rowcount)  # type: ignore[attr-defined]
    if resumed:
        await wake(session, WAKE_CHANNEL)
    return resumed


# Internal subscriptions belong to no organisation: the nil UUID, which no token's ``org`` can be.
NO_ORGANISATION = uuid.UUID(int=0)

# The dispatchers of one service make its internal subscriptions match their configuration one after the other, each
# holding this lock until its transaction ends. Two configurations may differ while the service is rolled out (the old
# one names a receiver at its old URL, the new one at the new URL): taken in turns, the one to run last is applied
# whole, where interleaved their upserts and switch-offs could lock the same rows in opposite orders.
_INTERNAL_TURN = text("SELECT pg_advisory_xact_lock(hashtextextended('webhook_subscription:internal', 0))")


async def ensure_internal(session: AsyncSession, subscribers: Sequence[EventSubscriber]) -> None:
    """Make the internal subscriptions match the configuration: one per receiver's name (decision 83), its URL,
    secret and event types as configured, active; every other internal subscription inactive. A receiver whose URL
    changed keeps its subscription, which is updated in place: its pending and paused deliveries go to the new URL.
    The deliveries of a subscription set inactive are paused; those of one configured again are resumed.

    Safe when several dispatchers do it at once: they take turns (:data:`_INTERNAL_TURN`), and the upsert on the
    name (``uq_webhook_subscription_internal_receiver``) makes one subscription per name whatever else writes."""
    await session.execute(_INTERNAL_TURN)
    configured = [subscriber.name for subscriber in subscribers]
    # Those the upserts below switch on again. Another dispatcher doing the same waits for this one's turn to end,
    # and then finds them active, with nothing paused.
    switched_on = list(
        (
            await session.scalars(
                select(WebhookSubscription.id).where(
                    WebhookSubscription.internal,
                    ~WebhookSubscription.active,
                    WebhookSubscription.receiver.in_(configured),
                )
            )
        ).all()
    )
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
                id=uuid.uuid4(),
                organisation_id=NO_ORGANISATION,
                internal=True,
                receiver=subscriber.name,
                created_by="configuration",
                **values,
            )
            .on_conflict_do_update(
                index_elements=["receiver"],
                index_where=WebhookSubscription.internal.expression,
                set_={**values, "updated_at": func.now()},
            )
        )
    switched_off = (
        await session.scalars(
            update(WebhookSubscription)
            .where(WebhookSubscription.internal, WebhookSubscription.receiver.not_in(configured))
            .values(active=False, updated_at=func.now())
            .returning(WebhookSubscription.id)
            .execution_options(synchronize_session=False)
        )
    ).all()
    await pause_deliveries(session, switched_off)
    await resume_deliveries(session, switched_on)


async def record(session: AsyncSession, results: Sequence[Result]) -> set[uuid.UUID]:
    """Write the attempts' results; move each delivery on only if its lease is still ours. Returns the ids of
    the deliveries that were."""
    if not results:
        return set()
    await session.execute(
        _RECORD_ATTEMPTS,
        {
            "attempt_ids": [r.claimed.attempt_id for r in results],
            "started_at": [r.started_at for r in results],
            "durations": [r.duration_ms for r in results],
            "status_codes": [r.status_code for r in results],
            "errors": [r.error for r in results],
        },
    )
    ours = await session.scalars(
        _RECORD_DELIVERIES,
        {
            "ids": [r.claimed.delivery_id for r in results],
            "leases": [r.claimed.lease for r in results],
            "statuses": [r.outcome.value for r in results],
            "status_codes": [r.status_code for r in results],
            "errors": [r.error for r in results],
            "retry_seconds": [None if r.retry_in is None else r.retry_in.total_seconds() for r in results],
        },
    )
    return set(ours.all())
