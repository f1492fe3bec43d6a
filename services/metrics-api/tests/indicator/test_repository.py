"""Reading an organisation's facts while events keep arriving."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed.models import ClientProfile, ClientStatus
from metrics_api.indicator import repository
from polku_kit.testing import LAHTI


class TestPeople:
    async def test_a_client_registered_between_its_reads_is_left_out_not_an_error(
        self, db_session: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The profiles are read first, the histories after: a registration committed in between (the live feed
        at work) brings a status of a client the answer does not know yet; it counts from the next answer on."""
        known, late = uuid.uuid4(), uuid.uuid4()
        for client_id in (known,):
            db_session.add(
                ClientProfile(
                    client_id=client_id,
                    organisation_id=LAHTI,
                    job_search_started_on=date(2025, 1, 2),
                    event_id=f"r-{client_id}",
                )
            )
            db_session.add(
                ClientStatus(
                    event_id=f"s-{client_id}",
                    client_id=client_id,
                    changed_on=date(2025, 1, 2),
                    status="unemployed",
                    occurred_at=datetime.now(UTC),
                )
            )
        await db_session.flush()
        original = db_session.scalars
        calls = 0

        async def registration_arrives_meanwhile(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            result = await original(*args, **kwargs)
            if calls == 1:
                db_session.add(
                    ClientProfile(
                        client_id=late, organisation_id=LAHTI, job_search_started_on=date(2025, 1, 3), event_id="r-late"
                    )
                )
                db_session.add(
                    ClientStatus(
                        event_id="s-late",
                        client_id=late,
                        changed_on=date(2025, 1, 3),
                        status="unemployed",
                        occurred_at=datetime.now(UTC),
                    )
                )
                await db_session.flush()
            return result

        monkeypatch.setattr(db_session, "scalars", registration_arrives_meanwhile)
        found = await repository.people(db_session, LAHTI)
        assert list(found) == [known]
        assert [change[3] for change in found[known].status_changes] == ["unemployed"]
