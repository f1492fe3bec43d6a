"""Vacancies: employer services draft, publish, fill and close them; the expiry job ends those past their
application deadline; coaches, managers and administrators read; partners never; another authority's vacancy is
not found. Every change of status is announced with what metrics needs and no names."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.vacancy.models import Vacancy, VacancySource, VacancyStatus
from employer_api.vacancy.service import expire_overdue, lasts_two_weeks
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI

from ..factories import new_employer, new_vacancy

ES = "employer_services"


async def employer(client: httpx.AsyncClient, as_) -> str:
    """Lahden Konepaja Oy's id, registered on the first call."""
    response = await client.post("/v1/employers", json=new_employer(), headers=as_(ES))
    if response.status_code == 409:
        return str(response.json()["existing"]).rsplit("/", 1)[-1]
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def draft(client: httpx.AsyncClient, as_, **changes: object) -> dict:
    response = await client.post(
        "/v1/vacancies", json=new_vacancy(await employer(client, as_), **changes), headers=as_(ES)
    )
    assert response.status_code == 201, response.text
    return response.json()


async def move(client: httpx.AsyncClient, as_, vacancy: dict, to: str, version: int = 1) -> httpx.Response:
    return await client.post(
        f"/v1/vacancies/{vacancy['id']}/status", json={"status": to}, headers={**as_(ES), "If-Match": f'"v{version}"'}
    )


class TestCreate:
    async def test_a_vacancy_is_drafted_with_its_terms(self, client: httpx.AsyncClient, as_) -> None:
        body = await draft(client, as_)
        assert body["status"] == "draft" and body["allowed_transitions"] == ["published", "closed"]
        assert body["occupation_minor_group"] == "721" and body["at_least_two_weeks"] is True
        assert body["source"] == "here" and body["external_id"] is None
        read = await client.get(f"/v1/vacancies/{body['id']}", headers=as_("coach"))
        assert read.status_code == 200 and read.json()["supports"] == ["pay_subsidy"]

    async def test_bad_input_names_the_fields(self, client: httpx.AsyncClient, as_) -> None:
        employer_id = await employer(client, as_)
        response = await client.post(
            "/v1/vacancies",
            headers=as_(ES),
            json=new_vacancy(
                employer_id, occupation_code="9999", employment_type="gig", supports=["cash"], positions=0, x=1
            ),
        )
        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert {
            "body.occupation_code",
            "body.employment_type",
            "body.supports.0",
            "body.positions",
            "body.x",
        } <= fields

    async def test_a_major_group_is_not_a_vacancy_s_occupation(self, client: httpx.AsyncClient, as_) -> None:
        response = await client.post(
            "/v1/vacancies", json=new_vacancy(await employer(client, as_), occupation_code="72"), headers=as_(ES)
        )
        assert response.status_code == 422

    async def test_a_vacancy_is_somewhere_and_a_fixed_term_one_ends(self, client: httpx.AsyncClient, as_) -> None:
        employer_id = await employer(client, as_)
        nowhere = await client.post("/v1/vacancies", json=new_vacancy(employer_id, municipality=None), headers=as_(ES))
        assert nowhere.status_code == 422
        remote = await client.post(
            "/v1/vacancies", json=new_vacancy(employer_id, municipality=None, remote=True), headers=as_(ES)
        )
        assert remote.status_code == 201
        endless = await client.post("/v1/vacancies", json=new_vacancy(employer_id, ends_on=None), headers=as_(ES))
        assert endless.status_code == 422

    async def test_another_authority_s_employer_is_not_found(self, client: httpx.AsyncClient, as_) -> None:
        employer_id = await employer(client, as_)
        response = await client.post("/v1/vacancies", json=new_vacancy(employer_id), headers=as_(ES, org=MIKKELI))
        assert response.status_code == 404

    @pytest.mark.parametrize("role", ["coach", "manager", "admin", "partner"])
    async def test_only_employer_services_draft(self, client: httpx.AsyncClient, as_, role: str) -> None:
        response = await client.post("/v1/vacancies", json=new_vacancy(str(uuid.uuid4())), headers=as_(role))
        assert response.status_code == 403


class TestTwoWeeks:
    # The job-search obligation counts a job lasting at least two weeks: 14 days, the first and last included.
    @pytest.mark.parametrize(
        ("days", "counts"),
        [(13, False), (14, True), (1, False), (180, True)],
    )
    def test_a_job_of_n_days(self, days: int, counts: bool) -> None:
        start = today()
        assert lasts_two_weeks(start, start + timedelta(days=days - 1)) is counts

    def test_a_job_without_an_end_counts(self) -> None:
        assert lasts_two_weeks(today(), None) is True


class TestLifecycle:
    async def test_published_then_filled_each_announced_without_names(
        self, client: httpx.AsyncClient, as_, db_session: AsyncSession
    ) -> None:
        vacancy = await draft(client, as_)
        published = await move(client, as_, vacancy, "published")
        assert published.status_code == 200 and published.json()["allowed_transitions"] == ["filled", "closed"]
        filled = await move(client, as_, vacancy, "filled", version=2)
        assert filled.status_code == 200 and filled.json()["ended_at"] is not None
        events = (await db_session.scalars(select(OutboxEvent).order_by(OutboxEvent.time))).all()
        assert [event.type for event in events] == ["fi.polku.vacancy.published.v1", "fi.polku.vacancy.filled.v1"]
        data = events[0].data
        assert data["occupation_minor_group"] == "721" and data["industry_main_class"] == "C"
        assert data["municipality"] == "398" and "Hitsaaja" not in str(data) and "Riikka" not in str(data)

    async def test_a_move_the_table_does_not_allow_is_a_409_naming_the_allowed(
        self, client: httpx.AsyncClient, as_
    ) -> None:
        vacancy = await draft(client, as_)
        response = await move(client, as_, vacancy, "filled")
        assert response.status_code == 409 and response.json()["allowed"] == ["published", "closed"]

    async def test_a_stale_version_is_a_412(self, client: httpx.AsyncClient, as_) -> None:
        vacancy = await draft(client, as_)
        changed = await client.patch(
            f"/v1/vacancies/{vacancy['id']}", json={"positions": 3}, headers={**as_(ES), "If-Match": '"v1"'}
        )
        assert changed.status_code == 200 and changed.json()["positions"] == 3
        assert (await move(client, as_, vacancy, "published", version=1)).status_code == 412

    async def test_every_field_sent_back_as_the_form_sends_it_is_saved(self, client: httpx.AsyncClient, as_) -> None:
        # The edit form sends the whole vacancy back: dates as ISO strings, a permanent job without an end.
        vacancy = await draft(client, as_)
        starts = today() + timedelta(days=40)
        body = {
            **{key: value for key, value in new_vacancy(vacancy["employer_id"]).items() if key != "employer_id"},
            "employment_type": "permanent",
            "starts_on": starts.isoformat(),
            "ends_on": None,
            "requirements": "Hitsauslupa",
            "other_licences": ["Tulityökortti"],
        }
        response = await client.patch(
            f"/v1/vacancies/{vacancy['id']}", json=body, headers={**as_(ES), "If-Match": '"v1"'}
        )
        assert response.status_code == 200, response.text
        saved = response.json()
        assert saved["employment_type"] == "permanent" and saved["ends_on"] is None
        assert saved["at_least_two_weeks"] is True and saved["requirements"] == "Hitsauslupa"
        short = await client.patch(
            f"/v1/vacancies/{vacancy['id']}",
            json={
                "employment_type": "fixed_term",
                "starts_on": starts.isoformat(),
                "ends_on": (starts + timedelta(days=12)).isoformat(),
            },
            headers={**as_(ES), "If-Match": '"v2"'},
        )
        # 13 days, the first and the last included: shorter than the two weeks the job-search obligation counts.
        assert short.status_code == 200, short.text
        assert short.json()["at_least_two_weeks"] is False
        endless = await client.patch(
            f"/v1/vacancies/{vacancy['id']}", json={"ends_on": None}, headers={**as_(ES), "If-Match": '"v3"'}
        )
        assert endless.status_code == 422 and endless.json()["errors"][0]["field"] == "body.ends_on"
        backwards = await client.patch(
            f"/v1/vacancies/{vacancy['id']}",
            json={"ends_on": (starts - timedelta(days=1)).isoformat()},
            headers={**as_(ES), "If-Match": '"v3"'},
        )
        assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "body.ends_on"

    async def test_an_ended_vacancy_is_not_changed(self, client: httpx.AsyncClient, as_) -> None:
        vacancy = await draft(client, as_)
        await move(client, as_, vacancy, "closed")
        response = await client.patch(
            f"/v1/vacancies/{vacancy['id']}", json={"positions": 3}, headers={**as_(ES), "If-Match": '"v2"'}
        )
        assert response.status_code == 409

    async def test_the_expiry_ends_published_vacancies_past_their_deadline(
        self, client: httpx.AsyncClient, as_, db_session: AsyncSession
    ) -> None:
        vacancy = await draft(client, as_)
        await move(client, as_, vacancy, "published")
        still_draft = await draft(client, as_, title_fi="Luonnos")
        deadline = datetime.fromisoformat(vacancy["application_deadline"]).date()
        assert await expire_overdue(db_session, day=deadline) == 0  # the deadline day itself is still open
        assert await expire_overdue(db_session, day=deadline + timedelta(days=1)) == 1
        row = await db_session.get(Vacancy, uuid.UUID(vacancy["id"]))
        assert row is not None and row.status is VacancyStatus.expired
        assert (await db_session.get(Vacancy, uuid.UUID(still_draft["id"]))).status is VacancyStatus.draft
        closed = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.vacancy.closed.v1"))
        assert closed is not None and closed.data["reason"] == "expired"

    async def test_publishing_needs_a_deadline_not_yet_passed(self, client: httpx.AsyncClient, as_) -> None:
        vacancy = await draft(client, as_, application_deadline=(today() - timedelta(days=1)).isoformat())
        response = await move(client, as_, vacancy, "published")
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "application_deadline"


class TestRead:
    async def test_filters_in_the_address(self, client: httpx.AsyncClient, as_) -> None:
        welder = await draft(client, as_)
        cleaner = await client.post(
            "/v1/vacancies",
            json=new_vacancy(
                welder["employer_id"], title_fi="Siivooja", occupation_code="9112", supports=[], municipality="098"
            ),
            headers=as_(ES),
        )
        assert cleaner.status_code == 201
        await move(client, as_, welder, "published")

        def titles(response: httpx.Response) -> list[str]:
            return [item["title_fi"] for item in response.json()["items"]]

        assert titles(await client.get("/v1/vacancies", params={"status": "published"}, headers=as_("coach"))) == [
            "Hitsaaja"
        ]
        assert titles(await client.get("/v1/vacancies", params={"occupation": "91"}, headers=as_("coach"))) == [
            "Siivooja"
        ]
        assert titles(await client.get("/v1/vacancies", params={"support": "pay_subsidy"}, headers=as_(ES))) == [
            "Hitsaaja"
        ]
        assert titles(await client.get("/v1/vacancies", params={"municipality": "098"}, headers=as_("manager"))) == [
            "Siivooja"
        ]

    async def test_another_authority_does_not_see_them(self, client: httpx.AsyncClient, as_) -> None:
        vacancy = await draft(client, as_)
        assert (await client.get(f"/v1/vacancies/{vacancy['id']}", headers=as_(ES, org=MIKKELI))).status_code == 404
        assert (await client.get("/v1/vacancies", headers=as_("coach", org=MIKKELI))).json()["items"] == []
        assert (await client.get("/v1/vacancies", headers=as_("partner"))).status_code == 403


class TestImported:
    async def test_an_imported_vacancy_fits_and_names_its_source_once(
        self, client: httpx.AsyncClient, as_, db_session: AsyncSession
    ) -> None:
        made_here = await draft(client, as_)

        row = await db_session.get(Vacancy, uuid.UUID(made_here["id"]))
        assert row is not None
        terms = {c.key: getattr(row, c.key) for c in Vacancy.__table__.columns if c.key not in ("id", "version")}
        platform = Vacancy(
            **{
                **terms,
                "id": uuid.uuid4(),
                "source": VacancySource.imported,
                "source_system": "tyomarkkinatori",
                "external_id": "TMT-12345",
                "external_url": "https://tyomarkkinatori.fi/henkiloasiakkaat/avoimet-tyopaikat/12345",
                "imported_at": datetime.now(UTC),
            }
        )
        db_session.add(platform)
        await db_session.flush()
        read = await client.get(f"/v1/vacancies/{platform.id}", headers=as_("coach"))
        assert read.status_code == 200 and read.json()["source"] == "imported"
        assert read.json()["external_id"] == "TMT-12345"
        again = Vacancy(
            **{
                **terms,
                "id": uuid.uuid4(),
                "source": VacancySource.imported,
                "source_system": "tyomarkkinatori",
                "external_id": "TMT-12345",
            }
        )
        with pytest.raises(IntegrityError):
            async with db_session.begin_nested():
                db_session.add(again)
                await db_session.flush()
        nameless = Vacancy(**{**terms, "id": uuid.uuid4(), "source": VacancySource.imported})
        with pytest.raises(IntegrityError):
            async with db_session.begin_nested():
                db_session.add(nameless)
                await db_session.flush()
        assert str(LAHTI) == read.json()["authority_id"]
