"""The rows the report tests write straight into referrals-api's tables, in SQL of the columns every revision since
referrals_0015 has: a migration's test's partner and service and its referrals one by one, the referrals that the
counts' tests generate by the thousand, and the stripe of a referral's counts (referrals_0017, decision 65); and the
checks the tests of the two kinds of counts (the network map's and the fill rates') share."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import CompoundSelect, Select, TextClause, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from polku_kit.testing import LAHTI, MIKKELI, WELLBEING_COUNTY, QueryPlan, explain
from referrals_api.report import repository
from referrals_api.seed import SERVICES

SERVICE_IDS = [values["id"] for values in SERVICES]
STATUSES = ["requested", "received", "accepted", "in_progress", "completed", "rejected", "expired", "cancelled"]
OUTCOMES = ["started_work", "started_education", "no_change"]

# The ranges the counts' tests read.
RANGES = [
    (date(2025, 12, 5), date(2026, 12, 4)),  # a year: parts of two months and eleven whole ones
    (date(2026, 1, 1), date(2026, 6, 30)),  # whole months only
    (date(2026, 3, 10), date(2026, 3, 20)),  # within a month
    (date(2026, 2, 27), date(2026, 3, 2)),  # across a month's end, no whole month
    (date(2026, 3, 29), date(2026, 3, 29)),  # the day summer time begins (23 hours)
    (date(2025, 10, 26), date(2025, 10, 26)),  # the day it ends (25 hours)
    (date(2025, 10, 1), date(2025, 10, 31)),  # the first month, whole
]

STRIPES = 8


def stripe_of(referral_id: uuid.UUID) -> int:
    """The stripe in which a referral is counted: the last byte of its id, modulo eight."""
    return referral_id.bytes[15] % STRIPES


def referral_in_stripe(stripe: int, number: int) -> uuid.UUID:
    """A referral id, another for each ``number``, whose last byte puts it in ``stripe``."""
    return uuid.UUID(int=(number << 8) | (STRIPES * number + stripe) % 256)


# A migration's test's rows: the wellbeing services county in Lahti's network, one service of it, and referrals to it
# sent by Lahti.
ORGANISATION = text(
    "INSERT INTO organisation (id, authority_id, name, type, business_id, municipalities, contacts)"
    " VALUES (:id, :authority, 'Hyvinvointialue', 'wellbeing_services_county', '0246246-0', ARRAY['398'], '[]')"
)
SERVICE = text(
    "INSERT INTO service (id, authority_id, organisation_id, name_fi, name_sv, description_fi, description_sv,"
    " target_groups, municipalities, languages, channel, capacity_period, production_model, status,"
    " response_days) VALUES (:id, :authority, :organisation, 'Kuntoutus', 'Rehabilitering', 'Kuvaus', 'Beskrivning',"
    " '{}', '{}', ARRAY['fi'], 'in_person', 'month', 'partnership', 'active', 5)"
)
REFERRAL = text(
    "INSERT INTO referral (id, client_id, service_id, partner_organisation_id, sender_organisation_id,"
    " sender_subject, status, categories, reason, sent_at, accepted_at, closed_at, feedback_score, outcome)"
    " VALUES (:id, gen_random_uuid(), :service, :partner, :sender, 'coach-aino', :status, ARRAY['plan'], 'Testi',"
    " CAST(CAST(:sent_at AS text) AS timestamptz), CAST(CAST(:accepted_at AS text) AS timestamptz),"
    " CAST(CAST(:closed_at AS text) AS timestamptz), :score, :outcome)"
)


async def partner_service(connection: AsyncConnection) -> uuid.UUID:
    """The wellbeing services county and a service of it; the service's id."""
    service_id = uuid.uuid4()
    await connection.execute(ORGANISATION, {"id": WELLBEING_COUNTY, "authority": LAHTI})
    await connection.execute(SERVICE, {"id": service_id, "authority": LAHTI, "organisation": WELLBEING_COUNTY})
    return service_id


async def referral(
    connection: AsyncConnection,
    service_id: uuid.UUID,
    status: str,
    *,
    referral_id: uuid.UUID | None = None,
    sent_at: str | None = None,
    accepted_at: str | None = None,
    closed_at: str | None = None,
    score: int | None = None,
    outcome: str | None = None,
) -> None:
    """A referral from Lahti to the service; the moments as PostgreSQL reads them (``2026-03-31 20:30:00+00``)."""
    await connection.execute(
        REFERRAL,
        {
            "id": referral_id or uuid.uuid4(),
            "service": service_id,
            "partner": WELLBEING_COUNTY,
            "sender": LAHTI,
            "status": status,
            "sent_at": sent_at,
            "accepted_at": accepted_at,
            "closed_at": closed_at,
            "score": score,
            "outcome": outcome,
        },
    )


async def referrals(engine: AsyncEngine, ids: list[uuid.UUID]) -> None:
    """Referrals of these ids, in progress, to a new service of the wellbeing services county, all sent at one
    moment."""
    async with engine.begin() as connection:
        service_id = await partner_service(connection)
        for referral_id in ids:
            await referral(
                connection, service_id, "in_progress", referral_id=referral_id, sent_at="2026-03-05 08:00:00+00"
            )


async def change_in_stripes(engine: AsyncEngine, change: TextClause) -> None:
    """Three referrals in progress, the first and the third in stripe 3 and the second in stripe 4, and ``change``
    (an UPDATE of the referral ``:id``) made to each: while a transaction holds the first one's change, the second's
    goes through at once (rows of another stripe) and the third's waits for the first's rows until it gives up."""
    first, other_stripe, same_stripe = referral_in_stripe(3, 1), referral_in_stripe(4, 2), referral_in_stripe(3, 3)
    await referrals(engine, [first, other_stripe, same_stripe])
    async with engine.connect() as holding, engine.connect() as other:
        await holding.begin()
        await holding.execute(change, {"id": first})  # its counts' rows locked until the end of the transaction
        await other.begin()
        await other.execute(text("SET LOCAL lock_timeout = '2s'"))
        await other.execute(change, {"id": other_stripe})  # no wait: rows of another stripe
        await other.commit()
        await other.begin()
        await other.execute(text("SET LOCAL lock_timeout = '200ms'"))
        with pytest.raises(DBAPIError, match="lock timeout"):
            await other.execute(change, {"id": same_stripe})  # the same rows as the first change's
        await other.rollback()
        await holding.commit()


async def traces(connection: AsyncConnection, counts: str) -> list[str]:
    """What is left of a table of counts and of what keeps it (its function ``<counts>_follow`` and its triggers
    ``<counts>_…``) after the migration that made it is reversed."""
    left = await connection.execute(
        text(
            "SELECT relname::text FROM pg_class WHERE relname = :counts"
            " UNION ALL SELECT proname::text FROM pg_proc WHERE proname = :counts || '_follow'"
            " UNION ALL SELECT tgname::text FROM pg_trigger WHERE tgname LIKE :counts || '_%'"
        ),
        {"counts": counts},
    )
    return list(left.scalars())


async def plan(session: AsyncSession, counts: str, query: Select[Any] | CompoundSelect[Any]) -> QueryPlan:
    """PostgreSQL's plan of a report's ``query`` for Lahti's year from 2025-12-05, with the table of ``counts`` analysed
    and sequential scans off (a table this small would be read whole)."""
    await session.execute(text(f"ANALYZE {counts}"))
    await session.execute(text("SET LOCAL enable_seqscan = off"))
    parameters = {"authority": LAHTI, **repository.periods(date(2025, 12, 5), date(2026, 12, 4))}
    return await explain(session, query, parameters)


# The counts' tests' referrals, numbered n from :first to :last: the demo services in turn, a fifth of them sent by
# Mikkeli and the rest by Lahti, the statuses in turn, one in eight with an outcome and one in eight with a reason of
# rejection; sent (``sent``) every 3 h 22 min from 2025-10-01, so at every hour of the day, Helsinki midnight among
# them. A test replaces these columns' expressions of n and sent or adds columns.
GENERATED = {
    "id": "gen_random_uuid()",
    "client_id": "gen_random_uuid()",
    "service_id": "(CAST(:services AS uuid[]))[1 + n % 3]",
    "partner_organisation_id": ":partner",
    "sender_organisation_id": "CASE WHEN n % 5 = 0 THEN CAST(:other AS uuid) ELSE CAST(:sender AS uuid) END",
    "sender_subject": "'coach-aino'",
    "status": "(CAST(:statuses AS text[]))[1 + n % 8]",
    "categories": "ARRAY['plan']",
    "reason": "'Testi'",
    "sent_at": "sent",
    "outcome": "CASE WHEN n % 8 = 4 THEN (CAST(:outcomes AS text[]))[1 + n % 3] END",
    "rejection_reason": "CASE WHEN n % 8 = 5 THEN 'Täynnä' END",
    "created_at": "now()",
    "updated_at": "now()",
}


def generated(**columns: str) -> TextClause:
    """The INSERT of the generated referrals, with ``columns`` (name: SQL expression) in place of or beside those
    above."""
    values = {**GENERATED, **columns}
    return text(
        f"INSERT INTO referral ({', '.join(values)}) SELECT {', '.join(values.values())}"  # noqa: S608 (constants)
        " FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS n,"
        " LATERAL (SELECT TIMESTAMPTZ '2025-09-30 21:00:00+00' + n * INTERVAL '202 minutes' AS sent) AS t"
    )


async def load(session: AsyncSession, statement: TextClause, first: int, last: int) -> None:
    """The referrals numbered ``first`` to ``last`` of a ``generated`` statement."""
    await session.execute(
        statement,
        {
            "services": SERVICE_IDS,
            "partner": WELLBEING_COUNTY,
            "other": MIKKELI,
            "sender": LAHTI,
            "statuses": STATUSES,
            "outcomes": OUTCOMES,
            "first": first,
            "last": last,
        },
    )
