"""The SQL statements of the hot referral endpoints, counted: a change that adds a round trip to the board, the
inbox or a transition fails here (in milliseconds, on any machine) before it shows in a load test."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from polku_kit.testing import WELLBEING_COUNTY, sql_statements

from .test_router import COACH, client_id, move, sent  # noqa: F401


def explain(statements: list[str]) -> str:
    return "\n---\n".join(statements)


@pytest.mark.parametrize(
    ("role", "org", "url", "expected"),
    [
        ("coach", None, "/v1/referrals?status=requested&limit=20", 1),
        ("coach", None, "/v1/referrals/due?mine=true", 1),
        ("partner", WELLBEING_COUNTY, "/v1/referrals?status=accepted&limit=20", 1),
    ],
    ids=["board_list", "board_due", "partner_inbox"],
)
async def test_lists(  # type: ignore[no-untyped-def]
    app: FastAPI,
    client: httpx.AsyncClient,
    as_,
    client_id: str,  # noqa: F811
    role: str,
    org,
    url: str,
    expected: int,
) -> None:
    referral_id = await sent(client, as_, client_id)
    if role == "partner":
        accepted = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=as_(role, org=org)
        )
        assert accepted.status_code == 200, accepted.text
    headers = as_("coach", subject=COACH) if role == "coach" else as_(role, org=org)
    with sql_statements(app) as statements:
        response = await client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    assert len(response.json()["items"] if "items" in response.json() else response.json()) == 1
    assert len(statements) == expected, explain(statements)


async def test_transition(  # type: ignore[no-untyped-def]
    app: FastAPI,
    client: httpx.AsyncClient,
    as_,
    client_id: str,  # noqa: F811
) -> None:
    referral_id = await sent(client, as_, client_id)
    partner = as_("partner", org=WELLBEING_COUNTY)
    assert (
        await client.post(f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=partner)
    ).status_code == 200
    with sql_statements(app) as statements:
        response = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("in_progress"), headers=partner
        )
    assert response.status_code == 200, response.text
    # The referral (locked); its update and the history's row in one statement (returning the referral as moved,
    # decision 53); the audit record.
    assert len(statements) == 3, explain(statements)
