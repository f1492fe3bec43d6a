"""The board, a partner's inbox and the due list read rows of the shown columns through statements built once
(decision 53): each filter, the cursor and the page size still reach the query, and a referral in a list is the
same as the referral read on its own."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import add_working_days, today
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY
from referrals_api.referral.models import Referral
from referrals_api.referral.schemas import ReferralRead
from referrals_api.seed import SERVICES, SETLEMENTTI, seed_services
from referrals_api.testing import Headers

ASSESSMENT = SERVICES[0]["id"]  # the wellbeing county's
WORKSHOP = SERVICES[1]["id"]  # Harjulan Setlementti's
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def referral(
    *,
    created: datetime,
    status: str = "requested",
    service_id: uuid.UUID = ASSESSMENT,
    partner: uuid.UUID = WELLBEING_COUNTY,
    client_id: uuid.UUID | None = None,
    due_on: date | None = None,
    referral_id: uuid.UUID | None = None,
) -> Referral:
    sent = status != "draft"
    return Referral(
        id=referral_id or uuid.uuid4(),
        client_id=client_id or uuid.uuid4(),
        service_id=service_id,
        partner_organisation_id=partner,
        sender_organisation_id=LAHTI,
        sender_subject="coach-aino",
        sender_name="Aino Ohjaaja",
        sender_organisation_name="Lahden työllisyyspalvelut",
        sender_email="aino.ohjaaja@lahti.example",
        status=status,
        categories=["assessment", "contact_details"],
        reason="Työkyvyn arviointi",
        consent_id=uuid.uuid4() if sent else None,
        sent_at=created if sent else None,
        due_on=due_on if due_on is not None else (created.date() + timedelta(days=7) if sent else None),
        first_response_at=created + timedelta(hours=2) if status == "in_progress" else None,
        accepted_at=created + timedelta(hours=2) if status == "in_progress" else None,
        created_at=created,
        updated_at=created,
    )


async def walk(client: httpx.AsyncClient, headers: dict[str, str], **params: object) -> list[list[str]]:
    """Every page of the list, following ``next_cursor`` to the end: the ids of each page."""
    pages: list[list[str]] = []
    cursor = None
    while True:
        response = await client.get(
            "/v1/referrals", headers=headers, params={**params, **({"cursor": cursor} if cursor else {})}
        )
        assert response.status_code == 200, response.text
        pages.append([item["id"] for item in response.json()["items"]])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 20, "the cursor does not move on"


@pytest.fixture
async def seeded(db_session: AsyncSession, network: None) -> list[Referral]:
    """Seven referrals of Lahti's, newest last: two created at the same moment (the id breaks the tie), a draft,
    one to another partner and two in progress."""
    await seed_services(db_session)
    rows = [
        referral(created=START),
        referral(created=START + timedelta(hours=1), status="in_progress"),
        referral(created=START + timedelta(hours=2), status="draft"),
        referral(created=START + timedelta(hours=3), referral_id=uuid.UUID(int=1)),
        referral(created=START + timedelta(hours=3), referral_id=uuid.UUID(int=2)),
        referral(created=START + timedelta(hours=4), service_id=WORKSHOP, partner=SETLEMENTTI),
        referral(created=START + timedelta(hours=5), status="in_progress"),
    ]
    db_session.add_all(rows)
    await db_session.flush()
    return rows


def newest_first(rows: list[Referral]) -> list[str]:
    return [str(row.id) for row in sorted(rows, key=lambda row: (row.created_at, row.id), reverse=True)]


class TestPages:
    async def test_the_cursor_walks_every_referral_once_newest_first(
        self, client: httpx.AsyncClient, as_: Headers, seeded: list[Referral]
    ) -> None:
        pages = await walk(client, as_("coach"), limit=3)
        assert [len(page) for page in pages] == [3, 3, 1]
        assert [identifier for page in pages for identifier in page] == newest_first(seeded)
        # The tie at the same moment: the greater id first, and the page boundary falls between them.
        assert pages[0][-1] == str(uuid.UUID(int=2)) and pages[1][0] == str(uuid.UUID(int=1))

    async def test_a_page_as_long_as_the_list_has_no_next_page(
        self, client: httpx.AsyncClient, as_: Headers, seeded: list[Referral]
    ) -> None:
        assert await walk(client, as_("coach"), limit=len(seeded)) == [newest_first(seeded)]
        assert [len(page) for page in await walk(client, as_("coach"), limit=len(seeded) - 1)] == [6, 1]

    async def test_filters_and_the_cursor_together(
        self, client: httpx.AsyncClient, as_: Headers, seeded: list[Referral]
    ) -> None:
        requested = [row for row in seeded if row.status == "requested"]
        pages = await walk(client, as_("coach"), status="requested", limit=2)
        assert [identifier for page in pages for identifier in page] == newest_first(requested)
        to_the_workshop = await walk(client, as_("coach"), service_id=str(WORKSHOP))
        assert to_the_workshop == [[str(seeded[5].id)]]
        of_one_client = await walk(client, as_("coach"), client_id=str(seeded[1].client_id))
        assert of_one_client == [[str(seeded[1].id)]]
        assert await walk(client, as_("coach"), status="requested", service_id=str(WORKSHOP)) == [[str(seeded[5].id)]]
        assert await walk(client, as_("coach"), status="completed") == [[]]

    async def test_the_partner_sees_what_was_sent_to_it_and_no_draft(
        self, client: httpx.AsyncClient, as_: Headers, seeded: list[Referral]
    ) -> None:
        county = as_("partner", org=WELLBEING_COUNTY)
        sent_to_county = [row for row in seeded if row.partner_organisation_id == WELLBEING_COUNTY]
        drafts = [row for row in sent_to_county if row.status == "draft"]
        assert len(drafts) == 1
        pages = await walk(client, county, limit=3)
        assert [identifier for page in pages for identifier in page] == newest_first(
            [row for row in sent_to_county if row not in drafts]
        )
        in_progress = await walk(client, county, status="in_progress")
        assert in_progress == [newest_first([row for row in seeded if row.status == "in_progress"])]
        assert await walk(client, county, status="draft") == [[]]
        assert await walk(client, as_("partner", org=SETLEMENTTI)) == [[str(seeded[5].id)]]
        assert await walk(client, as_("partner", org=KELA)) == [[]]
        assert await walk(client, as_("coach", org=MIKKELI)) == [[]]

    async def test_a_search_for_one_client_is_audited_naming_them(
        self, client: httpx.AsyncClient, as_: Headers, seeded: list[Referral], db_session: AsyncSession
    ) -> None:
        client_id = seeded[0].client_id
        await walk(client, as_("coach", subject="coach-aino"), client_id=str(client_id))
        audited = (
            await db_session.execute(
                select(AuditRecord.action, AuditRecord.actor_subject).where(AuditRecord.data_subject_id == client_id)
            )
        ).all()
        assert [tuple(row) for row in audited] == [("search", "coach-aino")]


async def as_entities(db_session: AsyncSession) -> dict[str, dict[str, object]]:
    """Every referral loaded as an entity and shown through the schema, by id: what the rows must show."""
    entities = await db_session.scalars(select(Referral).execution_options(populate_existing=True))
    return {
        str(entity.id): ReferralRead.model_validate(entity).model_dump(mode="json", exclude={"allowed_transitions"})
        for entity in entities
    }


def without_moves(item: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in item.items() if key != "allowed_transitions"}


class TestShownAsRead:
    """A referral in a list is field for field the referral loaded as an entity and the referral read on its own
    (GET /v1/referrals/{id}): the rows the lists read carry every field and the moves open to the reader."""

    @pytest.mark.parametrize(
        ("role", "org"), [("coach", LAHTI), ("manager", LAHTI), ("partner", WELLBEING_COUNTY)], ids=str
    )
    async def test_the_board_and_the_inbox(
        self,
        client: httpx.AsyncClient,
        as_: Headers,
        seeded: list[Referral],
        db_session: AsyncSession,
        role: str,
        org: uuid.UUID,
    ) -> None:
        headers = as_(role, org=org)
        listed = (await client.get("/v1/referrals", headers=headers)).json()["items"]
        assert listed
        entities = await as_entities(db_session)
        assert [without_moves(item) for item in listed] == [entities[item["id"]] for item in listed]
        for item in listed:
            alone = await client.get(f"/v1/referrals/{item['id']}", headers=headers)
            assert alone.status_code == 200, alone.text
            assert item == alone.json()
        moves = {item["status"]: item["allowed_transitions"] for item in listed}
        if role == "partner":
            assert moves == {
                "requested": ["received", "accepted", "rejected"],
                "in_progress": ["on_hold", "completed", "cancelled"],
            }
        else:
            assert moves == {"draft": ["cancelled"], "requested": ["cancelled"], "in_progress": ["cancelled"]}

    async def test_the_due_list(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession, network: None
    ) -> None:
        await seed_services(db_session)
        day = today()
        in_three = add_working_days(day, 3)
        # A Monday a week or two ago: five working days of that week, and this week's days up to today.
        monday = day - timedelta(days=day.weekday() + 7)
        rows = [
            referral(created=START, due_on=in_three),
            referral(created=START + timedelta(hours=1), due_on=monday),
            referral(created=START + timedelta(hours=2), due_on=in_three),
            referral(created=START + timedelta(hours=3), status="in_progress", due_on=monday),  # answered
        ]
        db_session.add_all(rows)
        await db_session.flush()
        headers = as_("coach", subject="coach-aino")
        due = await client.get("/v1/referrals/due", headers=headers, params={"mine": True})
        assert due.status_code == 200, due.text
        body = due.json()
        # By due day, then by when each was sent; the answered one is not due.
        assert [item["referral"]["id"] for item in body] == [str(rows[1].id), str(rows[0].id), str(rows[2].id)]
        assert [(item["overdue"], item["working_days_left"]) for item in body[1:]] == [(False, 3), (False, 3)]
        assert body[0]["overdue"] is True and body[0]["working_days_left"] < 0
        entities = await as_entities(db_session)
        for item in body:
            assert without_moves(item["referral"]) == entities[item["referral"]["id"]]
            assert item["referral"]["allowed_transitions"] == ["cancelled"]
            alone = await client.get(f"/v1/referrals/{item['referral']['id']}", headers=headers)
            assert item["referral"] == alone.json()
