"""Figures by employment area across the whole country: the municipalities grouped by Statistics Finland's
sub-regional units 2025 (*seutukunnat*, ``seutukunta_1_20250101``), known answers from the classification:

- Helsinki (091) and Espoo (049) are in SK011 Helsinki (Helsingfors), Lahti (398) in SK071 Lahti (Lahtis),
  Inari (148) in SK197 Pohjois-Lappi (Norra Lappland);
- 999 is no municipality's code: its job seekers are ``unplaced``.

Job seekers on Fri 31 Oct 2025, all registered Mon 2 Jun 2025 and unemployed since: Helsinki 5, Espoo 5, Lahti 5,
Inari 5, code 999 5. By area: 011 10, 071 5, 197 5, unplaced 5; the organisation 25.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from polku_kit.testing import TestIssuer

from ..factories import deliver_all, registered
from .test_known_answers import MANAGER, cohort

PEOPLE = {"091": 5, "049": 5, "398": 5, "148": 5, "999": 5}


def dataset() -> list[dict[str, Any]]:
    return [
        registered(person, started=date(2025, 6, 2), municipality=code)
        for code, size in PEOPLE.items()
        for person in cohort(size)
    ]


@pytest.fixture
def manager(test_issuer: TestIssuer) -> dict[str, str]:
    return test_issuer.headers(subject="manager-1", roles=["manager"], org=MANAGER.organisation_id)


async def read(client: httpx.AsyncClient, headers: dict[str, str], **params: str) -> dict[str, Any]:
    query = {"indicator": "job_seekers", "from": "2025-10", "to": "2025-10", "region": "employment_area"} | params
    response = await client.get("/v1/figures", params=query, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


class TestEmploymentAreas:
    async def test_every_municipality_is_placed_in_its_sub_region(
        self, client: httpx.AsyncClient, manager: dict[str, str]
    ) -> None:
        await deliver_all(client, dataset())
        body = await read(client, manager)
        cells = {cell["employment_area"]: cell["value"] for cell in body["cells"]}
        assert cells == {"011": 10.0, "071": 5.0, "197": 5.0, "unplaced": 5.0, None: 25.0}
        assert all(cell["municipality"] is None for cell in body["cells"])
        # The areas named, with the classification's names; `unplaced` is no area and has none.
        assert body["employment_areas"] == [
            {"code": "011", "fi": "Helsinki", "sv": "Helsingfors"},
            {"code": "071", "fi": "Lahti", "sv": "Lahtis"},
            {"code": "197", "fi": "Pohjois-Lappi", "sv": "Norra Lappland"},
        ]

    async def test_a_municipality_picks_its_area(self, client: httpx.AsyncClient, manager: dict[str, str]) -> None:
        await deliver_all(client, dataset())
        # Espoo's area is Helsinki's: both municipalities' job seekers.
        body = await read(client, manager, municipality="049")
        assert [(c["employment_area"], c["value"]) for c in body["cells"]] == [("011", 10.0)]
        assert [area["code"] for area in body["employment_areas"]] == ["011"]

    async def test_by_municipality_names_no_areas(self, client: httpx.AsyncClient, manager: dict[str, str]) -> None:
        await deliver_all(client, dataset())
        body = await read(client, manager, region="municipality")
        assert {c["municipality"] for c in body["cells"]} == {*PEOPLE, None}
        assert body["employment_areas"] == []
