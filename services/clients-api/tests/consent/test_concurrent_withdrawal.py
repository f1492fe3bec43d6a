"""Withdrawals of one consent sent at once, each in its own committed transaction: one withdraws it with one
event, the others get the 409 a withdrawn consent gets."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import httpx

from polku_kit.calendar import today
from polku_kit.testing import TestIssuer

from .test_router import consent


class TestConcurrentWithdrawal:
    async def test_one_withdraws_and_the_others_get_409(
        self, committed_client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        headers = test_issuer.headers(subject="coach-aino", roles=["coach"], org=uuid.uuid4())
        registered = await committed_client.post(
            "/v1/clients",
            headers=headers,
            json={
                "personal_identity_code": "131052-308T",
                "first_names": "Matti",
                "last_name": "Meikäläinen",
                "home_municipality": "398",
                "job_search_started_on": (today() - timedelta(days=10)).isoformat(),
            },
        )
        assert registered.status_code == 201, registered.text
        client_id = registered.json()["id"]
        given = await committed_client.post(f"/v1/clients/{client_id}/consents", json=consent(), headers=headers)
        assert given.status_code == 201, given.text
        withdraw = f"/v1/clients/{client_id}/consents/{given.json()['id']}/withdraw"

        responses = await asyncio.gather(*(committed_client.post(withdraw, headers=headers) for _ in range(4)))

        assert sorted(response.status_code for response in responses) == [200, 409, 409, 409], [
            response.text for response in responses
        ]
        assert all(
            response.json()["type"].endswith("/consent-already-withdrawn")
            for response in responses
            if response.status_code == 409
        )
        timeline = await committed_client.get(
            f"/v1/clients/{client_id}/timeline",
            headers=headers,
            params={"type_prefix": "fi.polku.client.consent_withdrawn"},
        )
        assert timeline.status_code == 200, timeline.text
        assert len(timeline.json()["items"]) == 1
