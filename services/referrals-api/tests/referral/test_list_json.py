"""The board, a partner's inbox and the due list are written as JSON by their statements and sent as they are
(decision 74). Each answer must be the one the model path gives: every referral of the page validated into
``ReferralRead`` from its row with the moves open to the caller (``service.shown``), the page and its cursor made by
``Keyset.page``, and FastAPI's serialisation of the route's ``response_model``. The two are compared byte for byte and
field by field (a field dropped, renamed, moved, or written another way fails), for the sender's staff, a partner, and
a caller who may be either, over every status, with nulls and values in every field, moments with and without
microseconds, and text that JSON escapes."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.auth import Principal, Role
from polku_kit.calendar import today, working_days_between
from polku_kit.pagination import Page, encode_cursor
from polku_kit.testing import LAHTI, WELLBEING_COUNTY, TestIssuer
from referrals_api.referral import repository, service
from referrals_api.referral.models import JointReferral, Referral, ReferralStatus
from referrals_api.referral.schemas import DueReferral, ReferralRead
from referrals_api.seed import SERVICES, SETLEMENTTI, seed_services

ASSESSMENT = SERVICES[0]["id"]  # the wellbeing county's
WORKSHOP = SERVICES[1]["id"]  # Harjulan Setlementti's
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
# Text JSON escapes (quotes, a backslash, a newline, a tab, a control character) and text it does not (Finnish and
# Swedish letters, an emoji, a slash).
AWKWARD = 'Työkyvyn "arviointi"\\ ennen\nkuntoutusta\tja\x01 åäö 🙂 a/b'
PAGES = TypeAdapter(Page[ReferralRead])
DUE = TypeAdapter(list[DueReferral])


def _referral(n: int, status: ReferralStatus, **values: Any) -> Referral:
    """The ``n``th referral of Lahti's, in ``status``, with the moments a referral in it has (some with microseconds,
    some without, one whose microseconds end in zeros) and the fields of its status filled in."""
    created = START + timedelta(hours=n, microseconds=(0, 120000, 5, 999999)[n % 4])
    sent = status != ReferralStatus.draft
    answered = status not in (ReferralStatus.draft, ReferralStatus.requested, ReferralStatus.cancelled)
    accepted = status in (
        ReferralStatus.accepted,
        ReferralStatus.in_progress,
        ReferralStatus.on_hold,
        ReferralStatus.completed,
    )
    closed = status in (ReferralStatus.rejected, ReferralStatus.completed, ReferralStatus.cancelled)
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "client_id": uuid.uuid4(),
        "service_id": ASSESSMENT,
        "partner_organisation_id": WELLBEING_COUNTY,
        "sender_organisation_id": LAHTI,
        "sender_subject": "coach-aino",
        "sender_name": "Aino Ohjaaja" if n % 3 else None,
        "sender_organisation_name": "Lahden työllisyyspalvelut" if n % 2 else None,
        "sender_email": "aino.ohjaaja@lahti.example" if n % 3 != 1 else None,
        "status": status.value,
        "categories": ["assessment", "contact_details"] if n % 2 else ["identity"],
        "reason": AWKWARD if n % 2 else "Työkyvyn arviointi",
        "consent_id": uuid.uuid4() if sent else None,
        "sent_at": created + timedelta(minutes=1) if sent else None,
        "due_on": created.date() + timedelta(days=7 + n) if sent else None,
        "first_response_at": created + timedelta(hours=1, microseconds=321) if answered else None,
        "accepted_at": created + timedelta(hours=2) if accepted else None,
        "closed_at": created + timedelta(days=3, microseconds=10) if closed else None,
        "rejection_reason": AWKWARD if status == ReferralStatus.rejected else None,
        "outcome": "started_education" if status == ReferralStatus.completed else None,
        "feedback_score": 4 if status == ReferralStatus.completed else None,
        "feedback_text": AWKWARD if status == ReferralStatus.completed else None,
        "created_at": created,
        "updated_at": created + timedelta(days=1, microseconds=700000),
        "version": 1 + n % 3,
    }
    return Referral(**(fields | values))


@pytest.fixture
async def referrals(db_session: AsyncSession, network: None) -> list[Referral]:
    """Lahti's referrals: one in each status to the wellbeing county, two more to Harjulan Setlementti, one of a joint
    referral, two open ones due before today (overdue), and one Lahti sent to itself as a partner."""
    await seed_services(db_session)
    joint = JointReferral(
        id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        sender_organisation_id=LAHTI,
        sender_subject="coach-aino",
        team_name="Lahden TYP-viikkotiimi",
        decided_on=date(2026, 10, 30),
        decision="Alkupalvelu",
    )
    db_session.add(joint)
    await db_session.flush()
    day = today()
    rows = [_referral(n, status) for n, status in enumerate(ReferralStatus)]
    rows += [
        _referral(20, ReferralStatus.requested, service_id=WORKSHOP, partner_organisation_id=SETLEMENTTI),
        _referral(21, ReferralStatus.in_progress, service_id=WORKSHOP, partner_organisation_id=SETLEMENTTI),
        _referral(22, ReferralStatus.received, joint_referral_id=joint.id, sender_subject="coach-other"),
        _referral(23, ReferralStatus.requested, due_on=day - timedelta(days=10)),
        _referral(24, ReferralStatus.received, due_on=day - timedelta(days=10), sender_subject="coach-other"),
        _referral(25, ReferralStatus.in_progress, partner_organisation_id=LAHTI),
    ]
    db_session.add_all(rows)
    await db_session.flush()
    return rows


async def _shown_rows(db_session: AsyncSession) -> dict[uuid.UUID, Any]:
    """Every referral as a row of the shown columns, by id: what the model path validates."""
    return {row.id: row for row in (await db_session.execute(select(*repository.SHOWN))).all()}


def _pairs(body: bytes) -> Any:
    """The answer parsed with every object's keys in their order (a list of pairs), so that the order is compared."""
    return json.loads(body, object_pairs_hook=list)


def _assert_same(sent: bytes, expected: bytes) -> None:
    """Field by field first (a readable difference), then the whole answer byte for byte."""
    assert _pairs(sent) == _pairs(expected)
    assert sent == expected


CALLERS = {
    "coach": (["coach"], LAHTI),
    "manager": (["manager"], LAHTI),
    "admin": (["admin"], LAHTI),
    "partner": (["partner"], WELLBEING_COUNTY),
    "other partner": (["partner"], SETLEMENTTI),
    # Staff who are not a referral's sender (:func:`service.party_of`), yet a partner in a referral of their own.
    "staff and partner": (["employer_services", "partner"], LAHTI),
}


def _visible(referral: Referral, principal: Principal) -> bool:
    """Whom the board and the inbox list, by the rule written out: staff their organisation's referrals, a partner's
    user the referrals sent to theirs, no draft."""
    if principal.has_any(*Role.staff):
        return referral.sender_organisation_id == principal.organisation_id
    return referral.partner_organisation_id == principal.organisation_id and referral.status != ReferralStatus.draft


class TestPagesAsTheModelWrites:
    @pytest.mark.parametrize("caller", list(CALLERS))
    @pytest.mark.parametrize("status", [None, "draft", "requested", "in_progress", "completed", "rejected"])
    async def test_every_page(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        db_session: AsyncSession,
        referrals: list[Referral],
        caller: str,
        status: str | None,
    ) -> None:
        roles, org = CALLERS[caller]
        principal = Principal(subject=f"{caller}-1", roles=frozenset(roles), organisation_id=org)
        headers = test_issuer.headers(subject=principal.subject, roles=roles, org=org)
        listed = sorted(
            (row for row in referrals if _visible(row, principal) and status in (None, row.status)),
            key=lambda row: (row.created_at, row.id),
            reverse=True,
        )
        shown = await _shown_rows(db_session)
        limit, cursor, pages = 4, None, 0
        while True:
            params = {
                "limit": limit,
                **({"status": status} if status else {}),
                **({"cursor": cursor} if cursor else {}),
            }
            response = await client.get("/v1/referrals", headers=headers, params=params)
            assert response.status_code == 200, response.text
            assert response.headers["content-type"] == "application/json"
            on_page, listed = listed[:limit], listed[limit:]
            expected = Page(
                items=[service.shown(shown[row.id], principal) for row in on_page],
                next_cursor=encode_cursor(on_page[-1].created_at, on_page[-1].id) if listed else None,
            )
            _assert_same(response.content, PAGES.dump_json(expected))
            pages += 1
            cursor = response.json()["next_cursor"]
            if cursor is None:
                break
        assert not listed
        if caller == "coach" and status is None:
            assert pages == 4  # sixteen referrals, four to a page

    async def test_every_field_and_move_is_there(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, referrals: list[Referral]
    ) -> None:
        """What the comparison above stands on: each item has every field of ``ReferralRead`` in its order, the moves
        the lifecycle table gives each party, and the moments written as pydantic writes them."""
        coach = test_issuer.headers(subject="coach-1", roles=["coach"], org=LAHTI)
        items = (await client.get("/v1/referrals", headers=coach, params={"limit": 200})).json()["items"]
        assert len(items) == len(referrals)
        assert {tuple(item) for item in items} == {tuple(ReferralRead.model_fields)}
        by_status = {item["status"]: item for item in items}
        assert by_status["requested"]["allowed_transitions"] == ["cancelled"]
        assert by_status["completed"]["allowed_transitions"] == []
        first = min(items, key=lambda item: item["created_at"])
        assert first["created_at"] == "2026-11-02T09:00:00Z"
        assert [item["created_at"][19:] for item in items if item["created_at"].startswith("2026-11-02T10")] == [
            ".120000Z"
        ]
        both = test_issuer.headers(subject="both-1", roles=["employer_services", "partner"], org=LAHTI)
        moves = {
            item["id"]: item["allowed_transitions"]
            for item in (await client.get("/v1/referrals", headers=both, params={"limit": 200})).json()["items"]
        }
        to_itself = next(row for row in referrals if row.partner_organisation_id == LAHTI)
        assert moves.pop(str(to_itself.id)) == ["on_hold", "completed", "cancelled"]
        assert set(map(tuple, moves.values())) == {()}


class TestDueListAsTheModelWrites:
    @pytest.mark.parametrize(
        ("roles", "subject", "mine"),
        [(["coach"], "coach-aino", True), (["coach"], "coach-aino", False), (["manager"], "manager-1", False)],
        ids=["coach's own", "coach's organisation", "manager"],
    )
    async def test_the_due_list(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        db_session: AsyncSession,
        referrals: list[Referral],
        roles: list[str],
        subject: str,
        mine: bool,
    ) -> None:
        principal = Principal(subject=subject, roles=frozenset(roles), organisation_id=LAHTI)
        headers = test_issuer.headers(subject=subject, roles=roles, org=LAHTI)
        response = await client.get("/v1/referrals/due", headers=headers, params={"mine": mine})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        day = today()
        shown = await _shown_rows(db_session)
        due = sorted(
            (
                row
                for row in referrals
                if row.status in ("requested", "received") and (not mine or row.sender_subject == subject)
            ),
            key=lambda row: (row.due_on, row.sent_at, row.id),
        )
        assert len(due) == (4 if mine else 6)
        assert any(row.due_on is not None and row.due_on < day for row in due)
        expected = [
            DueReferral(
                referral=service.shown(shown[row.id], principal),
                overdue=row.due_on is not None and row.due_on < day,
                working_days_left=working_days_between(day, row.due_on) if row.due_on else 0,
            )
            for row in due
        ]
        _assert_same(response.content, DUE.dump_json(expected))
