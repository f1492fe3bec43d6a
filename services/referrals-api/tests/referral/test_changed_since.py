"""The referrals list for a coach's home: what changed since their last visit, and only what they sent."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.testing import LAHTI, WELLBEING_COUNTY
from referrals_api.referral.models import Referral
from referrals_api.seed import SERVICES, seed_services
from referrals_api.testing import Headers

ASSESSMENT = SERVICES[0]["id"]
NOW = datetime.now(UTC)


def referral(sender_subject: str, updated: datetime, status: str = "accepted") -> Referral:
    return Referral(
        id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        service_id=ASSESSMENT,
        partner_organisation_id=WELLBEING_COUNTY,
        sender_organisation_id=LAHTI,
        sender_subject=sender_subject,
        status=status,
        categories=["assessment"],
        reason="Kotinäkymä",
        rejection_reason="Täynnä" if status == "rejected" else None,
        accepted_at=updated if status == "accepted" else None,
        first_response_at=updated,
        closed_at=updated if status == "rejected" else None,
        sent_at=updated - timedelta(days=3),
        due_on=(updated - timedelta(days=3)).date() + timedelta(days=7),
        created_at=updated - timedelta(days=3),
        updated_at=updated,
    )


class TestChangedSince:
    async def test_only_changes_since_the_moment_and_only_mine(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession, network: None
    ) -> None:
        await seed_services(db_session)
        fresh = referral("coach-aino", NOW - timedelta(hours=1))
        old = referral("coach-aino", NOW - timedelta(days=2), status="rejected")
        colleague = referral("coach-toinen", NOW - timedelta(hours=1), status="rejected")
        db_session.add_all([fresh, old, colleague])
        await db_session.flush()
        since = (NOW - timedelta(days=1)).isoformat()
        headers = as_("coach", subject="coach-aino")
        mine = await client.get("/v1/referrals", headers=headers, params={"changed_since": since, "mine": "true"})
        assert mine.status_code == 200, mine.text
        assert [item["id"] for item in mine.json()["items"]] == [str(fresh.id)]
        everyone = await client.get("/v1/referrals", headers=headers, params={"changed_since": since})
        assert {item["id"] for item in everyone.json()["items"]} == {str(fresh.id), str(colleague.id)}
        all_mine = await client.get("/v1/referrals", headers=headers, params={"mine": "true"})
        assert {item["id"] for item in all_mine.json()["items"]} == {str(fresh.id), str(old.id)}

    async def test_a_moment_that_is_not_one_is_a_field_error(self, client: httpx.AsyncClient, as_: Headers) -> None:
        refused = await client.get("/v1/referrals", headers=as_("coach"), params={"changed_since": "eilen"})
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "query.changed_since"
