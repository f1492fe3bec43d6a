"""The coach's morning view warns of the TYP assessment from Kela's recorded count and of an integration period
about to end, as it warns of the 6- and 12-month thresholds (the rules themselves: tests/kela/test_rules.py)."""

from __future__ import annotations

from datetime import timedelta

import httpx

from polku_kit.calendar import today
from polku_kit.testing import TestIssuer

from ..assessment.test_router import assessment
from ..factories import coach


async def morning(client: httpx.AsyncClient, issuer: TestIssuer, *filters: str) -> list[dict[str, object]]:
    response = await client.get("/v1/caseload", headers=coach(issuer), params={"filter": list(filters)})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


class TestMorningView:
    async def test_a_count_near_300_brings_the_typ_assessment_due(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        # Matti is 74 and ten days unemployed: twelve months are far, so without a count nothing is due.
        assert await morning(client, test_issuer, "typ_assessment_due") == []
        counted = await client.put(
            f"/v1/clients/{client_id}/subsidy-days",
            headers=coach(test_issuer),
            json={"days": 300, "counted_on": today().isoformat()},
        )
        assert counted.status_code == 200, counted.text
        (item,) = await morning(client, test_issuer, "typ_assessment_due")
        assert item["client_id"] == client_id and item["typ_trigger"] == "subsidy_days"
        assert item["typ_assessment_due_on"] == today().isoformat()

    async def test_an_integration_period_ending_within_a_month_is_flagged(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        ends_on = today() + timedelta(days=20)
        period = {"starts_on": (today() - timedelta(days=300)).isoformat(), "ends_on": ends_on.isoformat()}
        saved = await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=coach(test_issuer),
            json=assessment(integration_period=period),
        )
        assert saved.status_code in (200, 201), saved.text
        (item,) = await morning(client, test_issuer, "integration_period_ending")
        assert item["integration_period_ends_on"] == ends_on.isoformat()
