"""Imports of what Polku cannot know: every row valid or nothing stored, each error named by row and column."""

from __future__ import annotations

import io
import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.statistics.models import LabourForce
from metrics_api.statistics.tables import XLSX
from polku_kit.audit import AuditRecord
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from ..factories import deliver_all, registered

CSV = "text/csv; charset=utf-8"
VINTAGE = "Tilastokeskus, työssäkäyntitilasto 2024 (2025-10-24)"
LABOUR_FORCE = (
    "Alue;Kuukausi;Ryhmä;Työvoima;Väestö\n"
    "KU398 Lahti;2025M06;Yhteensä;60 000;120 000\n"
    "KU091 Helsinki;2025M06;Yhteensä;350000;680000\n"
    "398;2025M06;Alle 25-vuotiaat;7000;25000\n"
)


def headers(
    issuer: TestIssuer, role: str = "manager", org: uuid.UUID = LAHTI, content_type: str = CSV
) -> dict[str, str]:
    return {**issuer.headers(subject=f"{role}-1", roles=[role], org=org), "content-type": content_type}


async def upload(
    client: httpx.AsyncClient, issuer: TestIssuer, path: str, content: bytes | str, **kwargs: Any
) -> httpx.Response:
    vintage = kwargs.pop("vintage", VINTAGE)
    params = {"vintage": vintage} if vintage else {}
    body = content.encode() if isinstance(content, str) else content
    return await client.post(f"/v1/imports/{path}", content=body, params=params, headers=headers(issuer, **kwargs))


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def stored(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(LabourForce)) or 0)


class TestLabourForce:
    async def test_a_statistics_finland_csv_is_imported_and_audited(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        response = await upload(client, test_issuer, "labour-force", LABOUR_FORCE)
        assert response.status_code == 201, response.text
        body = response.json()
        assert (body["kind"], body["rows"], body["vintage"], body["file_format"]) == ("labour_force", 3, VINTAGE, "csv")
        assert (body["imported_by"], body["imported_by_name"]) == ("manager-1", "Test Person")
        row = await db_session.get(LabourForce, (LAHTI, "398", date(2025, 6, 1), "under_25"))
        assert row is not None and (row.labour_force, row.population) == (7000, 25000)
        audit = await db_session.scalar(select(AuditRecord).where(AuditRecord.resource_id == body["id"]))
        assert audit is not None and audit.action == "create" and audit.actor_subject == "manager-1"

    async def test_the_list_names_who_imported_each_file_and_when(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        first = {
            **test_issuer.headers(subject="manager-1", roles=["manager"], name="Maija Mäkelä"),
            "content-type": CSV,
        }
        second = {**test_issuer.headers(subject="admin-1", roles=["admin"], name="Aino Aalto"), "content-type": CSV}
        params = {"vintage": VINTAGE}
        for who in (first, second):
            response = await client.post("/v1/imports/labour-force", content=LABOUR_FORCE, params=params, headers=who)
            assert response.status_code == 201, response.text
        listed = await client.get("/v1/imports", headers=headers(test_issuer))
        assert listed.status_code == 200
        names = {(i["imported_by"], i["imported_by_name"]) for i in listed.json()}
        assert names == {("manager-1", "Maija Mäkelä"), ("admin-1", "Aino Aalto")}
        assert all(i["imported_at"] for i in listed.json())

    async def test_an_xlsx_workbook_is_imported(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        content = workbook([["Alue", "Kuukausi", "Työvoima", "Väestö"], ["KU398 Lahti", "2025M06", 60000, 120000]])
        response = await upload(client, test_issuer, "labour-force", content, content_type=XLSX)
        assert response.status_code == 201, response.text
        assert response.json()["file_format"] == "xlsx"
        row = await db_session.get(LabourForce, (LAHTI, "398", date(2025, 6, 1), "all"))
        assert row is not None and row.labour_force == 60000

    async def test_every_error_is_named_by_row_and_column_and_nothing_is_imported(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        content = (
            "Alue;Kuukausi;Ryhmä;Työvoima;Väestö\n"
            "KU398 Lahti;2025M06;Yhteensä;60000;120000\n"
            "Lahti;2025M13;Yhteensä;-5;120000\n"
            "398;2025M06;Kaikki;60000;120000\n"
            "KU091;2025M06;Eläkeläiset;700000;680000\n"
        )
        response = await upload(client, test_issuer, "labour-force", content)
        assert response.status_code == 422
        problem = response.json()
        assert problem["type"].endswith("/import-invalid")
        assert [(line["row"], line["column"]) for line in problem["report"]] == [
            (3, "Alue"),
            (3, "Kuukausi"),
            (3, "Työvoima"),
            (4, "Ryhmä"),  # Kaikki = Yhteensä: the same cell as row 2
            (5, "Ryhmä"),
            (5, "Työvoima"),  # more than the population
        ]
        assert "repeats row 2" in problem["report"][3]["message"]
        assert problem["errors"][0]["field"] == "body.row[3].Alue"
        assert await stored(db_session) == 0

    async def test_an_xlsx_error_names_its_cell_too(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        content = workbook([["Kunta", "Kuukausi", "Työvoima", "Väestö"], ["398", "2025-06", "paljon", 1000]])
        response = await upload(client, test_issuer, "labour-force", content, content_type=XLSX)
        assert response.status_code == 422
        assert [(line["row"], line["column"]) for line in response.json()["report"]] == [(2, "Työvoima")]
        assert await stored(db_session) == 0

    async def test_a_missing_column_is_named(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await upload(client, test_issuer, "labour-force", "Alue;Kuukausi;Työvoima\n398;2025M06;5\n")
        assert response.status_code == 422
        assert response.json()["report"] == [{"row": 1, "column": "väestö", "message": "the column väestö is missing"}]

    async def test_a_file_that_is_not_a_workbook_is_a_422(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await upload(client, test_issuer, "labour-force", b"not a zip", content_type=XLSX)
        assert response.status_code == 422
        assert response.json()["report"][0]["row"] == 1

    async def test_the_vintage_is_required(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await upload(client, test_issuer, "labour-force", LABOUR_FORCE, vintage=None)
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "query.vintage"

    async def test_another_file_type_is_a_415(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await upload(client, test_issuer, "labour-force", "{}", content_type="application/json")
        assert response.status_code == 415
        assert response.headers["content-type"].startswith("application/problem+json")

    @pytest.mark.parametrize("role", ["coach", "partner", "employer_services", "dpo", "service", "platform"])
    async def test_only_managers_and_administrators_import(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, role: str
    ) -> None:
        response = await upload(client, test_issuer, "labour-force", LABOUR_FORCE, role=role)
        assert response.status_code == 403
        assert await stored(db_session) == 0

    async def test_another_organisation_neither_sees_nor_uses_the_import(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        assert (await upload(client, test_issuer, "labour-force", LABOUR_FORCE)).status_code == 201
        theirs = await client.get("/v1/imports", headers=headers(test_issuer, org=MIKKELI))
        assert theirs.status_code == 200 and theirs.json() == []
        ours = await client.get("/v1/imports", headers=headers(test_issuer, role="admin"))
        assert [i["kind"] for i in ours.json()] == ["labour_force"]
        share = await client.get(
            "/v1/figures",
            params={"indicator": "unemployed_share_of_labour_force", "from": "2025-06", "to": "2025-06"},
            headers=headers(test_issuer, org=MIKKELI),
        )
        assert [c["municipality"] for c in share.json()["cells"]] == [None]
        assert share.json()["cells"][0]["available"] is False


class TestShareOfLabourForce:
    async def test_the_share_uses_the_imported_labour_force_and_names_its_vintage(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        """Six unemployed in Lahti over a labour force of 600 is 1.0 %; Helsinki's 0 over 350 000 is 0.0 %."""
        content = "Alue;Kuukausi;Työvoima;Väestö\nKU398;2025M01;600;1000\nKU091;2025M01;350000;680000\n"
        assert (await upload(client, test_issuer, "labour-force", content)).status_code == 201
        await deliver_all(client, [registered(uuid.uuid4(), started=date(2025, 5, 5)) for _ in range(6)])
        response = await client.get(
            "/v1/figures",
            params={"indicator": "unemployed_share_of_labour_force", "from": "2025-06", "to": "2025-06"},
            headers=headers(test_issuer),
        )
        cells = {c["municipality"]: c for c in response.json()["cells"]}
        assert (cells["398"]["value"], cells["398"]["persons"], cells["398"]["denominator"]) == (1.0, 6, 600)
        assert cells["398"]["vintage"] == VINTAGE
        assert cells["091"]["value"] == 0.0
        assert cells[None]["denominator"] == 350600


class TestKelaAndBudget:
    async def test_subsidy_per_resident_of_peer_municipalities(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        population = "Alue;Kuukausi;Työvoima;Väestö\n398;2025M01;60000;120000\n837;2025M01;130000;250000\n"
        assert (await upload(client, test_issuer, "labour-force", population)).status_code == 201
        kela = (
            "Alue;Kuukausi;Etuus;Saajat;Euroa\n"
            "398;2025M06;Työmarkkinatuki;5200;3 600 000,00\n"
            "837;2025M06;työmarkkinatuki;7100;5000000\n"
            "398;2025M06;Ansiopäiväraha;3;4 100,50\n"
        )
        assert (
            await upload(client, test_issuer, "kela-benefits", kela, vintage="Kelasto 2025-07-15")
        ).status_code == 201
        per = await client.get(
            "/v1/figures",
            params={"indicator": "labour_market_subsidy_per_resident", "from": "2025-06", "to": "2025-06"},
            headers=headers(test_issuer),
        )
        # 3 600 000 / 120 000 = 30.00; 5 000 000 / 250 000 = 20.00
        assert [(c["municipality"], c["value"]) for c in per.json()["cells"]] == [("398", 30.0), ("837", 20.0)]
        paid = await client.get(
            "/v1/figures",
            params={"indicator": "kela_benefits", "from": "2025-06", "to": "2025-06"},
            headers=headers(test_issuer),
        )
        earnings = next(c for c in paid.json()["cells"] if c["breakdown"] == "earnings_related_allowance")
        assert earnings["suppressed"] is True  # three recipients

    async def test_the_budget_by_class_with_its_run_rate_forecast(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        lines = "Kuukausi;Rivi;Laji;Luokka;Budjetti;Toteuma;Sidottu\n" + "".join(
            f"2025-{m:02d};Palkkatuki;Palveluostot;Määrärahasidonnainen;10000;"
            f"{'9000' if m <= 3 else ''};{'2500' if m == 3 else ''}\n"
            for m in range(1, 13)
        )
        response = await upload(client, test_issuer, "budget-lines", lines, vintage=None)
        assert response.status_code == 201, response.text
        body = (
            await client.get(
                "/v1/figures",
                params={"indicator": "budget", "from": "2025-03", "to": "2025-03"},
                headers=headers(test_issuer),
            )
        ).json()
        cell = body["cells"][0]
        assert cell["breakdown"] == "purchased_services/appropriation_bound"
        # actuals 3 × 9 000 = 27 000; run rate 9 000 a month for the 9 months left: 27 000 + 81 000 = 108 000
        assert cell["amounts"] == {
            "budgeted": 10000.0,
            "actual": 9000.0,
            "committed": 2500.0,
            "committed_from_decisions": 0.0,
            "year_budget": 120000.0,
            "year_actual_to_date": 27000.0,
            "year_end_forecast": 108000.0,
        }
