"""Matching both ways through the API: candidates only within the caller's reach as clients-api answers it (one
question for the whole list, asked for the caller), each score in parts; vacancies for a client the caller
reaches; partners never; another authority's vacancy is not found. The candidate query reads indexes."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CandidateProfile
from employer_api.matching import repository, scoring
from polku_kit.calendar import today
from polku_kit.testing import LAHTI, MIKKELI, explain

from ..factories import new_employer, new_vacancy

ES = "employer_services"
WELDER = uuid.UUID("5a1e0000-0000-4000-8000-000000000001")
NEAR = uuid.UUID("5a1e0000-0000-4000-8000-000000000002")
DRIVER = uuid.UUID("5a1e0000-0000-4000-8000-000000000003")
EMPLOYED = uuid.UUID("5a1e0000-0000-4000-8000-000000000004")
ELSEWHERE = uuid.UUID("5a1e0000-0000-4000-8000-000000000005")


def profile(client_id: uuid.UUID, occupations: list[str], **changes: object) -> CandidateProfile:
    values: dict[str, object] = {
        "client_id": client_id,
        "organisation_id": LAHTI,
        "occupations": occupations,
        "minor_groups": sorted({code[:3] for code in occupations}),
        "competences": [],
        "languages": ["fi"],
        "driving_licences": ["B"],
        "municipality": "398",
        "status": "unemployed",
        "unemployed_since": today() - timedelta(days=30),
        **changes,
    }
    return CandidateProfile(**values)


@pytest.fixture
async def profiles(db_session: AsyncSession) -> None:
    db_session.add_all(
        [
            profile(WELDER, ["7212", "8332"], unemployed_since=today() - timedelta(days=500)),
            profile(NEAR, ["7214"], municipality="098"),
            profile(DRIVER, ["8332"]),
            profile(EMPLOYED, ["7212"], status="employed"),
            profile(ELSEWHERE, ["7212"], organisation_id=MIKKELI),
        ]
    )
    await db_session.flush()


async def published(client: httpx.AsyncClient, as_, **changes: object) -> dict:
    employer = await client.post("/v1/employers", json=new_employer(), headers=as_(ES))
    employer_id = employer.json()["id"] if employer.status_code == 201 else employer.json()["existing"].split("/")[-1]
    vacancy = await client.post("/v1/vacancies", json=new_vacancy(employer_id, **changes), headers=as_(ES))
    assert vacancy.status_code == 201, vacancy.text
    moved = await client.post(
        f"/v1/vacancies/{vacancy.json()['id']}/status",
        json={"status": "published"},
        headers={**as_(ES), "If-Match": '"v1"'},
    )
    assert moved.status_code == 200, moved.text
    return moved.json()


class TestCandidates:
    async def test_candidates_within_reach_best_first_with_their_score_in_parts(
        self, client: httpx.AsyncClient, as_, profiles: None, clients_api
    ) -> None:
        vacancy = await published(client, as_)
        clients_api.reach[f"{ES}-{LAHTI}"] = {str(WELDER), str(NEAR), str(DRIVER), str(EMPLOYED)}
        response = await client.get(f"/v1/vacancies/{vacancy['id']}/candidates", headers=as_(ES))
        assert response.status_code == 200, response.text
        found = response.json()
        # The driver shares nothing with a welder, the employed one is not in the job search, Mikkeli's is not ours.
        assert [item["client_id"] for item in found] == [str(WELDER), str(NEAR)]
        parts = {part["part"]: part for part in found[0]["parts"]}
        assert parts["occupation"]["reason"] == "same_unit_group" and parts["support_fit"]["points"] == 5
        assert found[0]["score"] == sum(part["points"] for part in found[0]["parts"])
        assert {part["part"]: part["reason"] for part in found[1]["parts"]}["location"] == "same_commuting_area"
        # One question to clients-api, for the caller, about the profiles the indexes found.
        assert [(person, sorted(ids)) for person, ids in clients_api.asked] == [
            (f"{ES}-{LAHTI}", sorted([str(WELDER), str(NEAR)]))
        ]

    async def test_a_coach_sees_only_the_clients_clients_api_says_they_reach(
        self, client: httpx.AsyncClient, as_, profiles: None, clients_api
    ) -> None:
        vacancy = await published(client, as_)
        clients_api.reach[f"coach-{LAHTI}"] = {str(NEAR)}
        response = await client.get(f"/v1/vacancies/{vacancy['id']}/candidates", headers=as_("coach"))
        assert [item["client_id"] for item in response.json()] == [str(NEAR)]

    async def test_clients_api_is_asked_about_the_page_first_and_about_the_next_only_when_some_are_out_of_reach(
        self, client: httpx.AsyncClient, as_, profiles: None, clients_api
    ) -> None:
        vacancy = await published(client, as_)
        url = f"/v1/vacancies/{vacancy['id']}/candidates?limit=1"
        clients_api.reach[f"{ES}-{LAHTI}"] = {str(WELDER), str(NEAR)}
        clients_api.reach[f"manager-{LAHTI}"] = {str(NEAR)}
        by_employer_services = await client.get(url, headers=as_(ES))
        assert [item["client_id"] for item in by_employer_services.json()] == [str(WELDER)]
        assert clients_api.asked == [(f"{ES}-{LAHTI}", [str(WELDER)])]
        # The best (the welder) is out of this manager's reach: the next of the best are asked about.
        clients_api.asked.clear()
        by_manager = await client.get(url, headers=as_("manager"))
        assert [item["client_id"] for item in by_manager.json()] == [str(NEAR)]
        assert clients_api.asked == [(f"manager-{LAHTI}", [str(WELDER)]), (f"manager-{LAHTI}", [str(NEAR)])]
        assert {part["part"]: part["reason"] for part in by_manager.json()[0]["parts"]}["location"] == (
            "same_commuting_area"
        )

    async def test_a_coach_reaching_a_caseload_is_asked_about_the_best_at_once(
        self, client: httpx.AsyncClient, as_, profiles: None, clients_api
    ) -> None:
        vacancy = await published(client, as_)
        clients_api.reach[f"coach-{LAHTI}"] = {str(NEAR)}
        response = await client.get(f"/v1/vacancies/{vacancy['id']}/candidates?limit=1", headers=as_("coach"))
        assert [item["client_id"] for item in response.json()] == [str(NEAR)]
        assert clients_api.asked == [(f"coach-{LAHTI}", [str(WELDER), str(NEAR)])]

    async def test_another_authority_and_partners_do_not_see_them(
        self, client: httpx.AsyncClient, as_, profiles: None, clients_api
    ) -> None:
        vacancy = await published(client, as_)
        url = f"/v1/vacancies/{vacancy['id']}/candidates"
        assert (await client.get(url, headers=as_(ES, org=MIKKELI))).status_code == 404
        assert (await client.get(url, headers=as_("partner"))).status_code == 403
        assert (await client.get(url, headers=as_("admin"))).status_code == 403
        assert clients_api.asked == []


class TestAvailabilityByTheStartDate:
    """The welder's vacancy starts in 30 days (the factory's). A client in a work trial ending 44 days from today
    is free 15 days after the start: half the availability points, and the day they are free named; both ways."""

    @pytest.fixture
    async def in_a_trial(self, db_session: AsyncSession) -> None:
        trial = Range(today() - timedelta(days=10), today() + timedelta(days=45), bounds="[)")
        db_session.add(profile(NEAR, ["7212"], status="in_activating_service", engaged=[trial]))
        db_session.add(profile(WELDER, ["7212"]))
        await db_session.flush()

    async def test_the_candidates_availability_names_the_day_they_are_free(
        self, client: httpx.AsyncClient, as_, in_a_trial: None, clients_api
    ) -> None:
        vacancy = await published(client, as_)
        clients_api.reach[f"{ES}-{LAHTI}"] = {str(WELDER), str(NEAR)}
        found = (await client.get(f"/v1/vacancies/{vacancy['id']}/candidates", headers=as_(ES))).json()
        availability = {
            item["client_id"]: next(part for part in item["parts"] if part["part"] == "availability") for item in found
        }
        assert availability[str(WELDER)] == {
            "part": "availability",
            "points": 10,
            "maximum": 10,
            "reason": "available_at_start",
            "available_from": vacancy["starts_on"],
        }
        assert availability[str(NEAR)]["points"] == 5 and availability[str(NEAR)]["reason"] == "available_soon"
        assert availability[str(NEAR)]["available_from"] == (today() + timedelta(days=45)).isoformat()
        assert [item["client_id"] for item in found] == [str(WELDER), str(NEAR)]

    async def test_the_client_s_vacancies_score_each_start_date(
        self, client: httpx.AsyncClient, as_, in_a_trial: None, clients_api
    ) -> None:
        soon = await published(client, as_)
        later = (today() + timedelta(days=60)).isoformat()
        await published(
            client, as_, title_fi="Hitsaaja, kevät", starts_on=later, employment_type="permanent", ends_on=None
        )
        clients_api.reach[f"coach-{LAHTI}"] = {str(NEAR)}
        found = (await client.get(f"/v1/clients/{NEAR}/vacancy-matches", headers=as_("coach"))).json()
        # Free before the spring job starts: it ranks first, with the full points.
        assert [item["title_fi"] for item in found] == ["Hitsaaja, kevät", "Hitsaaja"]
        parts = [next(part for part in item["parts"] if part["part"] == "availability") for item in found]
        assert [(part["points"], part["reason"]) for part in parts] == [
            (10, "available_at_start"),
            (5, "available_soon"),
        ]
        assert parts[0]["available_from"] == later and found[1]["vacancy_id"] == soon["id"]


class TestVacanciesForAClient:
    async def test_the_published_vacancies_of_the_client_s_occupations_with_their_parts(
        self, client: httpx.AsyncClient, as_, profiles: None, clients_api
    ) -> None:
        welder = await published(client, as_)
        # The driver's minor group (833) is Matti's second occupation's: a bus driver (8331) beside a truck driver.
        await published(client, as_, title_fi="Linja-autonkuljettaja", occupation_code="8331", municipality="098")
        await published(client, as_, title_fi="Siivooja", occupation_code="9112")
        clients_api.reach[f"coach-{LAHTI}"] = {str(WELDER)}
        response = await client.get(f"/v1/clients/{WELDER}/vacancy-matches", headers=as_("coach"))
        assert response.status_code == 200, response.text
        found = response.json()
        assert [item["title_fi"] for item in found] == ["Hitsaaja", "Linja-autonkuljettaja"]
        assert found[0]["vacancy_id"] == welder["id"] and found[0]["score"] > found[1]["score"]

    async def test_a_client_out_of_reach_is_not_found(
        self, client: httpx.AsyncClient, as_, profiles: None, clients_api
    ) -> None:
        response = await client.get(f"/v1/clients/{WELDER}/vacancy-matches", headers=as_("coach"))
        assert response.status_code == 404


class TestQueryPlans:
    """Matching must not scan every client for every request: with enough profiles for the planner to prefer an
    index (12,000, the size of one employment area), both queries read indexes."""

    async def test_candidates_and_vacancies_are_read_through_indexes(self, db_session: AsyncSession) -> None:
        await db_session.execute(
            text(
                """
                INSERT INTO candidate_profile (client_id, organisation_id, occupations, minor_groups, municipality,
                                               status)
                SELECT gen_random_uuid(), :org, ARRAY[code], ARRAY[left(code, 3)], '398', 'unemployed'
                FROM (SELECT (1000 + (n * 7919) % 8999)::text AS code FROM generate_series(1, 12000) AS n) AS codes
                """
            ),
            {"org": LAHTI},
        )
        await db_session.execute(text("ANALYZE candidate_profile"))
        welder = scoring.VacancyTerms(
            occupation="7212",
            competences=("7233",),
            driving_licences=("B",),
            languages=("fi",),
            municipality="398",
            remote=False,
            supports=("pay_subsidy",),
        )
        ranking = repository.ranking(welder, organisation_id=LAHTI, today=today())
        plan = await explain(db_session, ranking.statement, {**ranking.parameters, "offset": 0, "limit": 20})
        assert "ix_candidate_profile_minor_groups" in plan.indexes and "Seq Scan" not in plan.node_types, plan.text

        employer = uuid.uuid4()
        await db_session.execute(
            text(
                """
                INSERT INTO employer (id, authority_id, business_id, name, industry_code, industry_main_class,
                                      municipalities, contact_people, consents_to_contact, network_member, created_by)
                VALUES (:id, :org, '1234567-1', 'Konepaja', '25620', 'C', '{}', '[]', true, false, 'test')
                """
            ),
            {"id": employer, "org": LAHTI},
        )
        await db_session.execute(
            text(
                """
                INSERT INTO vacancy (id, authority_id, employer_id, title_fi, description, occupation_code,
                                     occupation_minor_group, municipality, remote, working_time, employment_type,
                                     at_least_two_weeks, application_deadline, languages, driving_licences,
                                     other_licences, competences, supports, positions, status, source, created_by)
                SELECT gen_random_uuid(), :org, :employer, 'Työ', '', code, left(code, 3), '398', false, 'full_time',
                       'permanent', true, current_date + (n % 60), '{}', '{}', '{}', '{}', '{}', 1,
                       CASE WHEN n % 5 = 0 THEN 'filled' ELSE 'published' END, 'here', 'test'
                FROM (SELECT n, (1000 + (n * 7919) % 8999)::text AS code FROM generate_series(1, 12000) AS n) AS codes
                """
            ),
            {"org": LAHTI, "employer": employer},
        )
        await db_session.execute(text("ANALYZE vacancy"))
        plan = await explain(
            db_session,
            repository.VACANCIES,
            {"authority_id": LAHTI, "occupations": ["7212"], "minor_groups": ["721"], "limit": 200},
        )
        assert "ix_vacancy_open_occupation" in plan.indexes and "Seq Scan" not in plan.node_types, plan.text
