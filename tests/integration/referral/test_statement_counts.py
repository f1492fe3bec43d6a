"""The SQL statements of the hot referral endpoints, counted: a change that adds a round trip to the board, the
inbox or a transition fails here (in milliseconds, on any machine) before it shows in a load test. The request's
BEGIN and COMMIT are counted too (``transactions=True``; in a test, the savepoint that stands for them): the lists are
one statement sent without them (decision 65)."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from polku_kit.testing import WELLBEING_COUNTY, sql_statements

from .test_router import COACH, client_id, move, sent  # noqa: F401


def explain(statements: list[str]) -> str:
    return "\n---\n".join(statements)


@pytest.mark.parametrize(
    ("role", "org", "url"),
    [
        ("coach", None, "/v1/referrals?status=requested&limit=20"),
        ("coach", None, "/v1/referrals/due?mine=true"),
        ("partner", WELLBEING_COUNTY, "/v1/referrals?status=accepted&limit=20"),
        ("coach", None, "/v1/referrals?client_id={client_id}&limit=20"),
    ],
    ids=["board_list", "board_due", "partner_inbox", "client_referrals"],
)
async def test_lists(  # type: ignore[no-untyped-def]
    app: FastAPI,
    client: httpx.AsyncClient,
    as_,
    client_id: str,  # noqa: F811
    role: str,
    org,
    url: str,
) -> None:
    referral_id = await sent(client, as_, client_id)
    if role == "partner":
        accepted = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=as_(role, org=org)
        )
        assert accepted.status_code == 200, accepted.text
    headers = as_("coach", subject=COACH) if role == "coach" else as_(role, org=org)
    with sql_statements(app, transactions=True) as statements:
        response = await client.get(url.format(client_id=client_id), headers=headers)
    assert response.status_code == 200, response.text
    assert len(response.json()["items"] if "items" in response.json() else response.json()) == 1
    # One statement and nothing around it (decision 65): the page, and a search by client with its audit record as a
    # CTE of the same statement.
    assert len(statements) == 1, explain(statements)
    assert ("INSERT INTO audit_record" in statements[0]) == ("client_id=" in url), explain(statements)


@pytest.mark.parametrize(
    ("to", "event"),
    [(move("in_progress"), None), (move("completed", outcome="started_work"), "fi.polku.referral.completed.v1")],
    ids=["without_event", "with_event"],
)
async def test_transition(  # type: ignore[no-untyped-def]
    app: FastAPI,
    client: httpx.AsyncClient,
    as_,
    client_id: str,  # noqa: F811
    to: dict[str, object],
    event: str | None,
) -> None:
    referral_id = await sent(client, as_, client_id)
    partner = as_("partner", org=WELLBEING_COUNTY)
    assert (
        await client.post(f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=partner)
    ).status_code == 200
    with sql_statements(app, transactions=True) as statements:
        response = await client.post(f"/v1/referrals/{referral_id}/transitions", json=to, headers=partner)
    assert response.status_code == 200, response.text
    # Two statements and nothing around them (decision 72): the referral read; its update (while it still has the
    # status read), the history's row, the audit record and the event, when the move has one, in one statement
    # returning the referral as moved. The code before sent BEGIN, the referral locked, the move, the event, COMMIT.
    assert len(statements) == 2, explain(statements)
    assert statements[0].startswith("SELECT") and "FOR UPDATE" not in statements[0], explain(statements)
    assert "UPDATE referral" in statements[1] and "INSERT INTO audit_record" in statements[1], explain(statements)
    assert ("INSERT INTO outbox_event" in statements[1]) == (event is not None), explain(statements)
