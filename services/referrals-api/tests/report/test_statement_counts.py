"""The SQL statements of the reports, counted (decision 70): the network map, the fill rates and the response times are
each one statement sent without ``BEGIN`` and ``COMMIT``, and the map and the fill rates read their counts, not the
referrals. A change that adds a round trip, or reads the referral table again, fails here on any machine."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from polku_kit.testing import WELLBEING_COUNTY, sql_statements

from .test_router import RANGE, history  # noqa: F401

READS_REFERRALS = re.compile(r"\bFROM referral\b(?!_)")


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(
    ("url", "role", "org", "counts"),
    [
        ("/v1/network-map", "manager", None, "referral_flow"),
        ("/v1/reports/fill-rates", "manager", None, "service_fill"),
        ("/v1/reports/fill-rates", "partner", WELLBEING_COUNTY, "service_fill"),
        ("/v1/reports/response-times", "manager", None, None),
    ],
    ids=["network_map", "fill_rates", "fill_rates_of_a_provider", "response_times"],
)
async def test_one_statement(  # type: ignore[no-untyped-def]
    app: FastAPI, client: httpx.AsyncClient, as_, url: str, role: str, org, counts: str | None
) -> None:
    headers = as_(role, org=org) if org else as_(role)
    with sql_statements(app, transactions=True) as statements:
        response = await client.get(url, params=RANGE, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()  # the answer holds something: the statement was not skipped
    assert len(statements) == 1, "\n---\n".join(statements)
    if counts is not None:
        assert counts in statements[0] and not READS_REFERRALS.search(statements[0]), statements[0]
