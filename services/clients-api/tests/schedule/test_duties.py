"""The 2026 duties beside the schedule, as known answers worked out from their sources and through the API: the
job-search profile from 1.9.2026 (HE 108/2025, TyVM 9/2025) and the spring joint application of under-25s
without a vocational qualification (Työttömyysturvalaki 2 luku as amended by HE 108/2025; Kela)."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.schedule.duties import DutyKind, duties
from clients_api.seed import identity_code
from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

from ..factories import coach, register

ADULT = date(1990, 5, 15)


def kinds(found: list[object]) -> list[tuple[object, ...]]:
    return [(d.kind, d.key, d.applies_from, d.due_on) for d in found]  # type: ignore[attr-defined]


class TestJobSearchProfile:
    def test_from_1_september_2026_for_a_period_open_then(self) -> None:
        # A period from Mon 2.3.2026: nothing on 31.8.2026, the profile duty from Tue 1.9.2026.
        common = {"period_started_on": date(2026, 3, 2), "period_ended_on": None, "birth_date": ADULT}
        assert duties(**common, vocational_qualification=True, today=date(2026, 8, 31)) == []  # type: ignore[arg-type]
        found = duties(**common, vocational_qualification=True, today=date(2026, 9, 1))  # type: ignore[arg-type]
        assert kinds(found) == [(DutyKind.job_search_profile, "2026-03-02", date(2026, 9, 1), None)]

    def test_a_period_started_later_has_it_from_its_start_and_one_ended_before_has_none(self) -> None:
        later = duties(
            period_started_on=date(2026, 9, 10),
            period_ended_on=None,
            birth_date=ADULT,
            vocational_qualification=True,
            today=date(2026, 12, 3),
        )
        assert kinds(later) == [(DutyKind.job_search_profile, "2026-09-10", date(2026, 9, 10), None)]
        ended = duties(
            period_started_on=date(2026, 3, 2),
            period_ended_on=date(2026, 8, 15),
            birth_date=ADULT,
            vocational_qualification=True,
            today=date(2026, 12, 3),
        )
        assert ended == []


class TestEducationApplication:
    def test_under_25_without_a_vocational_qualification_in_the_2026_joint_application(self) -> None:
        # Born 1.5.2004: 21 on 17.2.2026, when the joint application opens; it closes 17.3.2026.
        found = duties(
            period_started_on=date(2026, 1, 12),
            period_ended_on=None,
            birth_date=date(2004, 5, 1),
            vocational_qualification=False,
            today=date(2026, 4, 1),
        )
        assert kinds(found) == [(DutyKind.education_application, "2026", date(2026, 2, 17), date(2026, 3, 17))]

    @pytest.mark.parametrize(
        ("birth_date", "vocational", "started", "expected"),
        [
            (date(2001, 2, 18), False, date(2026, 1, 12), 1),  # 24 on 17.2.2026 (25 the next day)
            (date(2001, 2, 17), False, date(2026, 1, 12), 0),  # 25 on the day the joint application opens
            (date(2004, 5, 1), True, date(2026, 1, 12), 0),  # a vocational qualification
            (date(2004, 5, 1), False, date(2026, 3, 18), 0),  # the job search began after it closed
        ],
    )
    def test_who_has_it(self, birth_date: date, vocational: bool, started: date, expected: int) -> None:
        found = duties(
            period_started_on=started,
            period_ended_on=None,
            birth_date=birth_date,
            vocational_qualification=vocational,
            today=date(2026, 4, 1),
        )
        assert len([d for d in found if d.kind is DutyKind.education_application]) == expected


class TestAJointApplicationNotYetDated:
    """The 2027 spring joint application's dates were not published when the rule was written (4.12.2026): the duty
    arises undated rather than not at all, from 1 February, with no last day and a source saying so."""

    def test_an_under_25_has_the_2027_duty_undated_from_1_february(self) -> None:
        # Born 1.5.2004: 22 on 1.2.2027. A job search from Mon 2.11.2026, still open.
        common = {"period_started_on": date(2026, 11, 2), "period_ended_on": None, "birth_date": date(2004, 5, 1)}
        before = duties(**common, vocational_qualification=False, today=date(2027, 1, 31))  # type: ignore[arg-type]
        assert [d for d in before if d.kind is DutyKind.education_application] == []
        found = duties(**common, vocational_qualification=False, today=date(2027, 2, 15))  # type: ignore[arg-type]
        education = [d for d in found if d.kind is DutyKind.education_application]
        assert kinds(education) == [(DutyKind.education_application, "2027", date(2027, 2, 1), None)]
        [duty] = education
        assert duty.dated is False
        assert "2027" in duty.sources[-1] and "opintopolku.fi" in duty.sources[-1]

    @pytest.mark.parametrize(
        ("started", "birth_date", "expected"),
        [
            (date(2027, 3, 31), date(2004, 5, 1), 1),  # begun on the last day it may fall on
            (date(2027, 4, 1), date(2004, 5, 1), 0),  # begun after any spring joint application has closed
            (date(2026, 11, 2), date(2002, 2, 1), 0),  # 25 on 1.2.2027
            (date(2026, 11, 2), date(2002, 2, 2), 1),  # 24 on 1.2.2027
        ],
    )
    def test_who_has_it(self, started: date, birth_date: date, expected: int) -> None:
        found = duties(
            period_started_on=started,
            period_ended_on=None,
            birth_date=birth_date,
            vocational_qualification=False,
            today=date(2027, 5, 1),
        )
        assert len([d for d in found if d.kind is DutyKind.education_application and d.key == "2027"]) == expected

    def test_the_dated_2026_one_keeps_its_days_and_source(self) -> None:
        found = duties(
            period_started_on=date(2026, 1, 12),
            period_ended_on=None,
            birth_date=date(2004, 5, 1),
            vocational_qualification=False,
            today=date(2027, 2, 15),
        )
        dated = next(d for d in found if d.key == "2026")
        assert (dated.due_on, dated.dated) == (date(2026, 3, 17), True)
        assert (
            dated.sources[-1]
            == "Spring joint application for upper-secondary education 17.2.–17.3.2026 (Kela, 18.2.2026)"
        )


def url(client_id: str) -> str:
    return f"/v1/clients/{client_id}/duties"


class TestThroughTheApi:
    async def test_listed_cleared_once_with_the_reason_and_announced(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        # Today is after 1.9.2026, so a period open now has the profile duty; the client is an adult.
        client_id = await register(client, coach(test_issuer))
        listed = await client.get(url(client_id), headers=coach(test_issuer))
        assert listed.status_code == 200, listed.text
        [profile] = listed.json()["duties"]
        assert profile["kind"] == "job_search_profile" and profile["cleared"] is False
        body = {"kind": "job_search_profile", "key": profile["key"], "reason": "Profiili julkaistu"}
        cleared = await client.post(f"{url(client_id)}/clearances", json=body, headers=coach(test_issuer))
        assert cleared.status_code == 201, cleared.text
        assert cleared.json()["cleared_by"] == "coach-aino" and cleared.json()["cleared_reason"] == "Profiili julkaistu"
        again = await client.post(f"{url(client_id)}/clearances", json=body, headers=coach(test_issuer))
        assert again.status_code == 409
        [after] = (await client.get(url(client_id), headers=coach(test_issuer))).json()["duties"]
        assert after["cleared"] is True
        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.duty_cleared.v1")
        )
        assert event is not None and event.data == {
            "client_id": client_id,
            "kind": "job_search_profile",
            "key": profile["key"],
        }
        audit = await db_session.scalar(
            select(AuditRecord).where(AuditRecord.resource_type == "duty", AuditRecord.action == "create")
        )
        assert audit is not None and audit.actor_subject == "coach-aino"

    async def test_a_young_client_has_the_joint_application_and_an_unknown_duty_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        young = identity_code("010504", "A", 202)  # born 1.5.2004, no assessment: no vocational qualification
        client_id = await register(client, coach(test_issuer), started=date(2026, 1, 12), personal_identity_code=young)
        listed = (await client.get(url(client_id), headers=coach(test_issuer))).json()["duties"]
        assert {(d["kind"], d["key"], d["due_on"]) for d in listed} >= {("education_application", "2026", "2026-03-17")}
        unknown = {"kind": "education_application", "key": "2025", "reason": "Haki"}
        refused = await client.post(f"{url(client_id)}/clearances", json=unknown, headers=coach(test_issuer))
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.key"

    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_wrong_roles_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
        client_id = await register(client, coach(test_issuer))
        headers = test_issuer.headers(roles=[role], org=KELA if role == "partner" else LAHTI)
        assert (await client.get(url(client_id), headers=headers)).status_code == 403
        body = {"kind": "job_search_profile", "key": "x", "reason": "r"}
        assert (await client.post(f"{url(client_id)}/clearances", json=body, headers=headers)).status_code == 403

    async def test_another_organisation_gets_404(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        client_id = await register(client, coach(test_issuer))
        mikkeli = coach(test_issuer, org=MIKKELI)
        assert (await client.get(url(client_id), headers=mikkeli)).status_code == 404
        body = {"kind": "job_search_profile", "key": "x", "reason": "r"}
        assert (await client.post(f"{url(client_id)}/clearances", json=body, headers=mikkeli)).status_code == 404
