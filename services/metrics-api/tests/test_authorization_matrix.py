"""The authorization matrix of metrics-api (:class:`polku_kit.contract_tests.AuthorizationMatrix`): every route, called
by every role, from the organisation that owns the resource and from another one. A new route joins it by itself."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.main import create_app
from polku_kit.contract_tests import WEBHOOK_BODIES, AuthorizationMatrix, webhook_ids
from polku_kit.testing import TestIssuer


class TestAuthorizationMatrix(AuthorizationMatrix):
    app_factory = staticmethod(create_app)
    bodies = WEBHOOK_BODIES
    open_routes = AuthorizationMatrix.open_routes | {"POST /v1/events"}  # a signed webhook, no bearer token

    @pytest.fixture
    async def matrix_ids(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> dict[str, dict[str, str]]:
        return await webhook_ids(
            client, db_session, test_issuer, source="/polku/metrics-api", event_type="fi.polku.metrics.matrix.v1"
        )
