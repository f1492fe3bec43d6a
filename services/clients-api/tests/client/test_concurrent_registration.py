"""Registrations of one person sent at once, each in its own committed transaction: one registers, the others get
the 409 a later registration gets, naming the client."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from polku_kit.testing import TestIssuer

from .test_router import coach, registration


class TestConcurrentRegistration:
    async def test_one_registers_and_the_others_get_409_naming_it(
        self, committed_client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        # Each run is a new organisation, so the committed rows of an earlier run do not answer for this one.
        headers = coach(test_issuer, org=uuid.uuid4())
        responses = await asyncio.gather(
            *(committed_client.post("/v1/clients", json=registration(), headers=headers) for _ in range(4))
        )
        statuses = sorted(response.status_code for response in responses)
        assert statuses == [201, 409, 409, 409], [response.text for response in responses]
        created = next(response for response in responses if response.status_code == 201).json()
        for refused in (response for response in responses if response.status_code == 409):
            problem = refused.json()
            assert problem["type"].endswith("/client-already-registered")
            assert problem["existing"] == f"/v1/clients/{created['id']}"
