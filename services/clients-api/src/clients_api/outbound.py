"""clients-api's events as subscribers fetch them (:mod:`polku_kit.webhooks.events`, decision 0042): the audit
record of a fetch names the client the event concerns. Most events name them as ``client_id``; a statement's
event names no client (it goes to the national platform and metrics as it is), so its statement is looked up.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.statement import repository as statements
from polku_kit.outbox import OutboxEvent
from polku_kit.webhooks.events import client_in_data, event_router

STATEMENTS = "statements/"


async def data_subject(session: AsyncSession, event: OutboxEvent) -> uuid.UUID | None:
    client_id = await client_in_data(session, event)
    if client_id is not None or not (event.subject or "").startswith(STATEMENTS):
        return client_id
    try:
        statement_id = uuid.UUID(event.subject.removeprefix(STATEMENTS) if event.subject else "")
    except ValueError:
        return None
    return await statements.client_of(session, statement_id=statement_id)


router = event_router(data_subject)
