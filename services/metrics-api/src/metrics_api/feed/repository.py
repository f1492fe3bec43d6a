"""Every query of the read model's feed: the ledger, and facts written so that an event applied twice, or before
an earlier one, leaves the same rows."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, case, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed.models import (
    ClientCoach,
    ClientEducation,
    ClientMunicipality,
    ClientProfile,
    ClientStatus,
    DeadlineOutcome,
    FeedEvent,
    Interview,
    JobSearchPeriod,
    Offer,
    PlanVersion,
    Referral,
    ServiceEpisode,
    Statement,
    Support,
    SupportCommitment,
)

# Emptied and filled again by a rebuild (the ledger stays).
FACT_TABLES = (
    ClientProfile,
    ClientMunicipality,
    ClientStatus,
    ClientCoach,
    ClientEducation,
    PlanVersion,
    Interview,
    DeadlineOutcome,
    Referral,
    JobSearchPeriod,
    ServiceEpisode,
    Offer,
    Support,
    SupportCommitment,
    Statement,
)


async def remember(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Add an event to the ledger; False if it is there already."""
    inserted = await session.execute(
        insert(FeedEvent).values(**values).on_conflict_do_nothing(index_elements=["id"]).returning(FeedEvent.id)
    )
    return inserted.first() is not None


# A rebuild collects the plain facts (``add_fact``) of a page of events here, by table, and writes each table's in
# one statement (``write_batch``). Any other write (an upsert, a fold, an update) first writes what was collected, so
# the facts land in the order of their events as when applied one at a time.
BATCH = "polku_fact_batch"


def start_batch(session: AsyncSession) -> None:
    session.info[BATCH] = {}


async def write_batch(session: AsyncSession) -> None:
    """Write the collected facts, one multi-row insert per table (a second row of the same key changes nothing,
    as a second arrival would not)."""
    collected: dict[type[Any], list[dict[str, Any]]] | None = session.info.get(BATCH)
    if not collected:
        return
    session.info[BATCH] = {}
    for model, rows in collected.items():
        await session.execute(insert(model).on_conflict_do_nothing(), rows)


def end_batch(session: AsyncSession) -> None:
    """Back to writing each fact as it comes (what was collected and not written is dropped)."""
    session.info.pop(BATCH, None)


async def add_fact(session: AsyncSession, model: type[Any], values: dict[str, Any]) -> None:
    """A fact keyed by its event (or by the source's id): a second arrival changes nothing."""
    collected: dict[type[Any], list[dict[str, Any]]] | None = session.info.get(BATCH)
    if collected is not None:
        collected.setdefault(model, []).append(values)
        return
    await session.execute(insert(model).values(**values).on_conflict_do_nothing())


async def upsert(session: AsyncSession, model: type[Any], key: str, values: dict[str, Any], replace: bool) -> None:
    """A fact keyed by the source's id: ``replace`` overwrites what an earlier event of it said (an end, a
    correction), otherwise a second arrival changes nothing."""
    await write_batch(session)
    statement = insert(model).values(**values)
    if replace:
        changed = {name: statement.excluded[name] for name in values if name != key}
        await session.execute(statement.on_conflict_do_update(index_elements=[key], set_=changed))
    else:
        await session.execute(statement.on_conflict_do_nothing())


async def fold_offer(session: AsyncSession, values: dict[str, Any]) -> None:
    """An offer or an introduction: made on the earliest day any of its events saw, the outcome the latest said."""
    await write_batch(session)
    table = Offer.__table__
    statement = insert(Offer).values(**values)
    new = statement.excluded
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["offer_id"],
            set_={
                "made_on": func.least(table.c.made_on, new.made_on),
                "employer_sector": func.coalesce(new.employer_sector, table.c.employer_sector),
                "outcome": func.coalesce(new.outcome, table.c.outcome),
                "outcome_on": func.coalesce(new.outcome_on, table.c.outcome_on),
            },
        )
    )


async def set_citizenship(session: AsyncSession, client_id: uuid.UUID, citizenship: str | None) -> bool:
    await write_batch(session)
    changed = await session.execute(
        update(ClientProfile)
        .where(ClientProfile.client_id == client_id)
        .values(citizenship=citizenship)
        .returning(ClientProfile.client_id)
    )
    return changed.first() is not None


async def fold_referral(
    session: AsyncSession,
    *,
    identity: dict[str, Any],
    at: datetime,
    sent: bool,
    response: bool,
    accepted: bool,
    closed_status: str | None,
    outcome: str | None,
) -> None:
    """Each moment of a referral is the earliest event that set it (LEAST ignores NULL): arrival order is moot."""
    await write_batch(session)
    table = Referral.__table__
    values = {
        **identity,
        "sent_at": at if sent else None,
        "first_response_at": at if response else None,
        "accepted_at": at if accepted else None,
        "closed_at": at if closed_status else None,
        "closed_status": closed_status,
        "outcome": outcome,
    }
    statement = insert(Referral).values(**values)
    new = statement.excluded
    earlier_close = (table.c.closed_at.is_(None)) | (new.closed_at < table.c.closed_at)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["referral_id"],
            set_={
                "sent_at": func.least(table.c.sent_at, new.sent_at),
                "first_response_at": func.least(table.c.first_response_at, new.first_response_at),
                "accepted_at": func.least(table.c.accepted_at, new.accepted_at),
                "closed_at": func.least(table.c.closed_at, new.closed_at),
                "closed_status": case(
                    (new.closed_at.is_not(None) & earlier_close, new.closed_status), else_=table.c.closed_status
                ),
                "outcome": func.coalesce(new.outcome, table.c.outcome),
            },
        )
    )


async def forget_facts(session: AsyncSession) -> None:
    for model in FACT_TABLES:
        await session.execute(delete(model))


async def ledger_size(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(FeedEvent)) or 0)


async def ledger_page(session: AsyncSession, *, after: int, limit: int) -> Sequence[Row[Any]]:
    """Ledger events in arrival order after ``after`` (their ``sequence``), as plain rows."""
    columns = (FeedEvent.sequence, FeedEvent.id, FeedEvent.source, FeedEvent.type, FeedEvent.subject)
    query = select(*columns, FeedEvent.time, FeedEvent.data)
    return (
        await session.execute(query.where(FeedEvent.sequence > after).order_by(FeedEvent.sequence).limit(limit))
    ).all()


async def organisation_of(session: AsyncSession, client_id: uuid.UUID) -> uuid.UUID | None:
    return await session.scalar(select(ClientProfile.organisation_id).where(ClientProfile.client_id == client_id))
