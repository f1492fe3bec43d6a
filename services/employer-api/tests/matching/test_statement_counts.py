"""The SQL statements of both matching endpoints, counted: a change that adds a round trip (a query per
candidate, a second audit record, reading every scored profile back) fails here, in milliseconds on any
machine, before it shows in ``make bench-employer``."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from polku_kit.testing import LAHTI, sql_statements

from .test_router import DRIVER, ES, NEAR, WELDER, profiles, published

__all__ = ["profiles"]  # the fixture, used by name


def explain(statements: list[str]) -> str:
    return "\n---\n".join(statements)


async def test_candidates_for_a_vacancy(
    app: FastAPI, client: httpx.AsyncClient, as_, profiles: None, clients_api
) -> None:
    vacancy = await published(client, as_)
    clients_api.reach[f"{ES}-{LAHTI}"] = {str(WELDER), str(NEAR), str(DRIVER)}
    with sql_statements(app) as statements:
        response = await client.get(f"/v1/vacancies/{vacancy['id']}/candidates", headers=as_(ES))
    assert response.status_code == 200 and len(response.json()) == 2, response.text
    # The vacancy's terms, the page's best profiles ranked with what scoring reads of them, the audit record.
    assert len(statements) == 3, explain(statements)


async def test_vacancies_for_a_client(
    app: FastAPI, client: httpx.AsyncClient, as_, profiles: None, clients_api
) -> None:
    await published(client, as_)
    await published(client, as_, title_fi="Linja-autonkuljettaja", occupation_code="8331", municipality="098")
    clients_api.reach[f"coach-{LAHTI}"] = {str(WELDER)}
    with sql_statements(app) as statements:
        response = await client.get(f"/v1/clients/{WELDER}/vacancy-matches", headers=as_("coach"))
    assert response.status_code == 200 and len(response.json()) == 2, response.text
    # The profile, the vacancies of its occupations, the audit record.
    assert len(statements) == 3, explain(statements)
