"""Reports: fill rate per service and capacity period with feedback, partners' time to first response, and
the network map, each scoped to the caller's network."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY
from referrals_api.referral.models import Referral
from referrals_api.seed import SERVICES, SETLEMENTTI, seed_services

ASSESSMENT, WORKSHOP, TRAINING = (values["id"] for values in SERVICES)  # 20/month, 12/month, 30/quarter
RANGE = {"from": "2026-01-01", "to": "2026-06-30"}


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+02:00").astimezone(UTC)


def referral(
    service_id: uuid.UUID,
    partner: uuid.UUID,
    sent: datetime,
    *,
    status: str = "requested",
    answered_after: timedelta | None = None,
    accepted: datetime | None = None,
    outcome: str | None = None,
    feedback: int | None = None,
    sender: uuid.UUID = LAHTI,
) -> Referral:
    closed = status in ("completed", "rejected", "expired", "cancelled")
    return Referral(
        id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        service_id=service_id,
        partner_organisation_id=partner,
        sender_organisation_id=sender,
        sender_subject="coach-aino",
        status=status,
        categories=["assessment"],
        reason="Raportti",
        sent_at=sent,
        due_on=sent.date() + timedelta(days=7),
        first_response_at=sent + answered_after if answered_after else None,
        accepted_at=accepted,
        closed_at=sent + timedelta(days=30) if closed else None,
        outcome=outcome,
        feedback_score=feedback,
        rejection_reason="Täynnä" if status == "rejected" else None,
    )


@pytest.fixture
async def history(db_session: AsyncSession, network: None) -> None:
    await seed_services(db_session)
    rows = [
        # Assessment (county): 3 accepted in January, 1 in March; two completed with feedback 4 and 5.
        referral(
            ASSESSMENT,
            WELLBEING_COUNTY,
            at("2026-01-05"),
            status="completed",
            answered_after=timedelta(hours=2),
            accepted=at("2026-01-05", 12),
            outcome="started_work",
            feedback=4,
        ),
        referral(
            ASSESSMENT,
            WELLBEING_COUNTY,
            at("2026-01-07"),
            status="completed",
            answered_after=timedelta(hours=4),
            accepted=at("2026-01-07", 14),
            outcome="started_education",
            feedback=5,
        ),
        referral(
            ASSESSMENT,
            WELLBEING_COUNTY,
            at("2026-01-20"),
            status="accepted",
            answered_after=timedelta(hours=6),
            accepted=at("2026-01-20", 16),
        ),
        referral(
            ASSESSMENT,
            WELLBEING_COUNTY,
            at("2026-03-02"),
            status="in_progress",
            answered_after=timedelta(hours=8),
            accepted=at("2026-03-02", 18),
        ),
        referral(ASSESSMENT, WELLBEING_COUNTY, at("2026-03-03"), status="rejected", answered_after=timedelta(hours=10)),
        # Training (Salpaus, per quarter): 2 accepted in Q2. Workshop: one expired, never answered.
        referral(
            TRAINING,
            SETLEMENTTI,
            at("2026-04-01"),
            status="accepted",
            answered_after=timedelta(hours=1),
            accepted=at("2026-04-02"),
        ),
        referral(
            TRAINING,
            SETLEMENTTI,
            at("2026-05-01"),
            status="accepted",
            answered_after=timedelta(hours=3),
            accepted=at("2026-05-02"),
        ),
        referral(WORKSHOP, SETLEMENTTI, at("2026-02-01"), status="expired"),
        # Outside the range (23:00 Helsinki time on New Year's Eve): does not count.
        referral(
            ASSESSMENT,
            WELLBEING_COUNTY,
            at("2025-12-31", 23),
            status="accepted",
            answered_after=timedelta(hours=1),
            accepted=at("2025-12-31", 23),
        ),
    ]
    # The training service's referrals go to Salpaus in reality; the organisation id is what the reports group by.
    for row in rows:
        if row.service_id == TRAINING:
            row.partner_organisation_id = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000004")
    db_session.add_all(rows)
    await db_session.flush()


class TestFillRates:
    async def test_per_service_and_capacity_period(self, client: httpx.AsyncClient, as_, history: None) -> None:
        response = await client.get("/v1/reports/fill-rates", params=RANGE, headers=as_("manager"))
        assert response.status_code == 200, response.text
        by_service = {row["service_id"]: row for row in response.json()}
        assessment = by_service[str(ASSESSMENT)]
        assert [(p["period_start"], p["started"], p["seats"]) for p in assessment["periods"]] == [
            ("2026-01-01", 3, 20),
            ("2026-02-01", 0, 20),
            ("2026-03-01", 1, 20),
            ("2026-04-01", 0, 20),
            ("2026-05-01", 0, 20),
            ("2026-06-01", 0, 20),
        ]
        assert assessment["periods"][0]["fill_rate"] == 0.15
        assert (assessment["feedback_count"], assessment["feedback_average"]) == (2, 4.5)
        training = by_service[str(TRAINING)]
        assert [(p["period_start"], p["started"], p["fill_rate"]) for p in training["periods"]] == [
            ("2026-01-01", 0, 0.0),
            ("2026-04-01", 2, round(2 / 30, 4)),
        ]

    async def test_a_partner_sees_its_own_services(self, client: httpx.AsyncClient, as_, history: None) -> None:
        county = as_("partner", org=WELLBEING_COUNTY)
        response = await client.get("/v1/reports/fill-rates", params=RANGE, headers=county)
        assert [row["service_id"] for row in response.json()] == [str(ASSESSMENT)]
        assert response.json()[0]["periods"][0]["started"] == 3

    async def test_another_authority_sees_its_own_network_only(
        self, client: httpx.AsyncClient, as_, history: None
    ) -> None:
        assert (
            await client.get("/v1/reports/fill-rates", params=RANGE, headers=as_("coach", org=MIKKELI))
        ).json() == []

    @pytest.mark.parametrize(
        "params",
        [
            {"from": "2026-02-01", "to": "2026-01-01"},
            {"from": "2020-01-01", "to": "2026-01-01"},
            {"from": "2026-01-01"},
            {"from": 20260101, "to": "x"},
        ],
    )
    async def test_a_bad_range_is_422(self, client: httpx.AsyncClient, as_, params: dict[str, object]) -> None:
        assert (await client.get("/v1/reports/fill-rates", params=params, headers=as_("manager"))).status_code == 422

    @pytest.mark.parametrize("role", ["employer_services", "service", "platform"])
    async def test_other_roles_403(self, client: httpx.AsyncClient, as_, role: str) -> None:
        assert (await client.get("/v1/reports/fill-rates", params=RANGE, headers=as_(role))).status_code == 403


class TestResponseTimes:
    async def test_median_and_90th_percentile_per_partner(self, client: httpx.AsyncClient, as_, history: None) -> None:
        response = await client.get("/v1/reports/response-times", params=RANGE, headers=as_("manager"))
        assert response.status_code == 200
        rows = {row["organisation_name"]: row for row in response.json()}
        county = rows["Päijät-Hämeen hyvinvointialue"]
        assert (county["sent"], county["answered"], county["expired"]) == (5, 5, 0)
        assert county["median_hours"] == 6.0 and county["p90_hours"] == pytest.approx(9.2)
        workshop = rows["Harjulan Setlementti"]
        assert (workshop["sent"], workshop["answered"], workshop["expired"], workshop["median_hours"]) == (
            1,
            0,
            1,
            None,
        )
        assert rows["Koulutuskeskus Salpaus"]["median_hours"] == 2.0

    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_other_roles_403(self, client: httpx.AsyncClient, as_, role: str) -> None:
        assert (await client.get("/v1/reports/response-times", params=RANGE, headers=as_(role))).status_code == 403


class TestNetworkMap:
    async def test_nodes_and_flows_with_outcomes(self, client: httpx.AsyncClient, as_, history: None) -> None:
        response = await client.get("/v1/network-map", params=RANGE, headers=as_("manager"))
        assert response.status_code == 200
        graph = response.json()
        kinds = {(node["kind"], node["name"]) for node in graph["nodes"]}
        assert ("organisation", "Kela") in kinds and ("service", "Nuorten työpaja") in kinds
        # A service carries its Swedish and English names, so the map can speak the reader's language.
        workshop = next(node for node in graph["nodes"] if node["name"] == "Nuorten työpaja")
        assert workshop["name_sv"] == "Ungdomsverkstad"
        assert sum(node["kind"] == "authority" for node in graph["nodes"]) == 1
        flows = {edge["target"]: edge for edge in graph["edges"] if edge["kind"] == "referrals"}
        assessment = flows[str(ASSESSMENT)]
        assert assessment["source"] == str(LAHTI) and assessment["referrals"] == 5
        assert assessment["by_status"] == {"completed": 2, "accepted": 1, "in_progress": 1, "rejected": 1}
        assert assessment["outcomes"] == {"started_work": 1, "started_education": 1}
        assert flows[str(WORKSHOP)]["by_status"] == {"expired": 1}
        provides = {(edge["source"], edge["target"]) for edge in graph["edges"] if edge["kind"] == "provides"}
        assert (str(SETLEMENTTI), str(WORKSHOP)) in provides
        node_ids = {node["id"] for node in graph["nodes"]}
        assert all(edge["source"] in node_ids and edge["target"] in node_ids for edge in graph["edges"])

    async def test_another_authority_has_its_own_map(self, client: httpx.AsyncClient, as_, history: None) -> None:
        graph = (await client.get("/v1/network-map", params=RANGE, headers=as_("coach", org=MIKKELI))).json()
        assert {node["name"] for node in graph["nodes"] if node["kind"] == "organisation"} == {
            "Mikkelin nuorten työpaja"
        }
        assert [edge for edge in graph["edges"] if edge["kind"] == "referrals"] == []
        assert str(KELA) not in {node["id"] for node in graph["nodes"]}

    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_other_roles_403(self, client: httpx.AsyncClient, as_, role: str) -> None:
        assert (await client.get("/v1/network-map", params=RANGE, headers=as_(role))).status_code == 403


@pytest.mark.parametrize("path", ["/v1/reports/fill-rates", "/v1/reports/response-times", "/v1/network-map"])
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "0001-01-01", "to": "0001-12-31"}, "query.from"),
        ({"from": "9999-01-01", "to": "9999-12-31"}, "query.from"),
        ({"from": "2026-01-01", "to": "9999-12-31"}, "query.to"),
    ],
)
async def test_a_day_outside_the_calendar_is_422_naming_it(
    client: httpx.AsyncClient, as_, path: str, params: dict[str, str], field: str
) -> None:
    response = await client.get(path, params=params, headers=as_("manager"))
    assert response.status_code == 422, response.text
    assert field in {error["field"] for error in response.json()["errors"]}


class TestFeedback:
    async def test_recorded_on_a_completed_referral_only(
        self, client: httpx.AsyncClient, as_, history: None, db_session: AsyncSession
    ) -> None:
        completed = next(row for row in await _referrals(db_session) if row.status == "completed")
        open_one = next(row for row in await _referrals(db_session) if row.status == "accepted")
        given = await client.put(
            f"/v1/referrals/{completed.id}/feedback", json={"score": 2, "text": "Liian kaukana"}, headers=as_("coach")
        )
        assert given.status_code == 200 and given.json()["feedback_score"] == 2
        assert (
            await client.put(f"/v1/referrals/{open_one.id}/feedback", json={"score": 3}, headers=as_("coach"))
        ).status_code == 409
        for bad in ({"score": 0}, {"score": 6}, {"score": "hyvä"}, {"score": True}, {}):
            assert (
                await client.put(f"/v1/referrals/{completed.id}/feedback", json=bad, headers=as_("coach"))
            ).status_code == 422
        assert (
            await client.put(
                f"/v1/referrals/{completed.id}/feedback",
                json={"score": 3},
                headers=as_("partner", org=WELLBEING_COUNTY),
            )
        ).status_code == 403
        assert (
            await client.put(
                f"/v1/referrals/{completed.id}/feedback", json={"score": 3}, headers=as_("coach", org=MIKKELI)
            )
        ).status_code == 404


async def _referrals(session: AsyncSession) -> list[Referral]:
    from sqlalchemy import select

    return list(
        (
            await session.scalars(
                select(Referral).where(Referral.sender_organisation_id == LAHTI).order_by(Referral.sent_at)
            )
        ).all()
    )
