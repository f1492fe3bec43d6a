"""/v1/figures/export: what the page shows as CSV or XLSX, with the definitions, the same access and the same small
cells withheld as /v1/figures."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from ..factories import deliver_all, status_changed
from .test_router import headers, seven_in_lahti

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def export(
    client: httpx.AsyncClient,
    issuer: TestIssuer,
    fmt: str,
    indicators: list[str],
    role: str = "manager",
    org: uuid.UUID = LAHTI,
    **params: Any,
) -> httpx.Response:
    query = {"format": fmt, "indicator": indicators, "from": "2025-06", "to": "2025-06", **params}
    return await client.get("/v1/figures/export", params=query, headers=headers(issuer, role, org))


def csv_parts(response: httpx.Response) -> tuple[list[list[str]], list[dict[str, str]], list[dict[str, str]]]:
    """The header rows, the definitions and the figures of an exported CSV file."""
    assert response.content.startswith("\ufeff".encode())
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"):
        if row:
            blocks[-1].append(row)
        else:
            blocks.append([])
    header, definitions, figures = blocks
    return (
        header,
        [dict(zip(definitions[0], row, strict=True)) for row in definitions[1:]],
        [dict(zip(figures[0], row, strict=True)) for row in figures[1:]],
    )


def total(rows: list[dict[str, str]], indicator: str) -> dict[str, str]:
    return next(r for r in rows if r["indicator"] == indicator and r["municipality"] == "" and r["breakdown"] == "")


async def three_of_seven_activated(client: httpx.AsyncClient) -> None:
    """Seven job seekers in Lahti, three of them in an activating service in June 2025: three is under five."""
    ids = await seven_in_lahti(client)
    await deliver_all(client, [status_changed(c, on=date(2025, 6, 2), to="in_activating_service") for c in ids[:3]])


class TestCsv:
    async def test_the_figures_come_with_their_definitions_and_a_filename(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seven_in_lahti(client)
        response = await export(client, test_issuer, "csv", ["job_seekers"], municipality="398")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == (
            'attachment; filename="polku-job_seekers-398-2025-06-2025-06.csv"'
        )
        header, definitions, rows = csv_parts(response)
        assert header[1][:2] == ["exported_by", "Test Person"]  # the person who exported, by name
        assert [(d["indicator"], d["version"]) for d in definitions] == [("job_seekers", "1")]
        assert definitions[0]["source"].startswith("Työ- ja elinkeinoministeriö, Työnvälitystilasto")
        assert definitions[0]["count_date_rule"].startswith("The last working day of the month")
        assert definitions[0]["formula"].startswith("Persons whose job search is on")
        # the same cell as /v1/figures: seven job seekers in Lahti on Monday 30 June 2025
        assert [(r["municipality"], r["count_date"], r["value"], r["persons"]) for r in rows] == [
            ("398", "2025-06-30", "7.0", "7")
        ]

    async def test_several_indicators_in_one_file(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        await seven_in_lahti(client)
        response = await export(client, test_issuer, "csv", ["job_seekers", "unemployed_job_seekers"])
        _, definitions, rows = csv_parts(response)
        assert [d["indicator"] for d in definitions] == ["job_seekers", "unemployed_job_seekers"]
        assert {r["indicator"] for r in rows} == {"job_seekers", "unemployed_job_seekers"}
        assert response.headers["content-disposition"] == 'attachment; filename="polku-figures-2025-06-2025-06.csv"'

    async def test_a_withheld_cell_carries_no_number(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        await three_of_seven_activated(client)
        api = await client.get(
            "/v1/figures",
            params={"indicator": "activation_rate", "from": "2025-06", "to": "2025-06"},
            headers=headers(test_issuer, "manager"),
        )
        withheld = [c for c in api.json()["cells"] if c["suppressed"]]
        assert withheld  # the API withholds them: three of seven in a service
        _, _, rows = csv_parts(await export(client, test_issuer, "csv", ["activation_rate"]))
        assert len(rows) == len(api.json()["cells"])
        for row in rows:
            assert (row["suppressed"], row["value"], row["persons"], row["denominator"]) == (
                "yes",
                "suppressed",
                "",
                "",
            )
        # 3 of 7 is 42.857…: neither the share nor its numerator appears anywhere in the file
        text = (await export(client, test_issuer, "csv", ["activation_rate"])).text
        assert "42.8" not in text
        assert ";3;" not in text


class TestXlsx:
    async def test_the_figures_and_definitions_sheets(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        await three_of_seven_activated(client)
        response = await export(client, test_issuer, "xlsx", ["job_seekers", "activation_rate"], municipality="398")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == XLSX
        assert response.headers["content-disposition"] == (
            'attachment; filename="polku-figures-398-2025-06-2025-06.xlsx"'
        )
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames == ["Figures", "Definitions"]
        figures = [list(row) for row in workbook["Figures"].iter_rows(values_only=True)]
        rows = [dict(zip(figures[0], row, strict=True)) for row in figures[1:]]
        by_indicator = {r["indicator"]: r for r in rows}
        assert (by_indicator["job_seekers"]["value"], by_indicator["job_seekers"]["persons"]) == (7, 7)
        rate = by_indicator["activation_rate"]
        assert (rate["suppressed"], rate["value"], rate["persons"], rate["denominator"]) == (
            "yes",
            "suppressed",
            None,
            None,
        )
        every_value = {v for row in figures for v in row}
        assert 3 not in every_value
        definitions = [list(row) for row in workbook["Definitions"].iter_rows(values_only=True)]
        texts = " ".join(str(v) for row in definitions for v in row if v is not None)
        assert "Cells counting 1 to 4 persons are withheld" in texts
        assert "Työllisyyskatsaus" in texts or "Työnvälitystilasto" in texts
        assert "The last working day of the month" in texts


class TestAccess:
    @pytest.mark.parametrize("role", ["employer_services", "dpo", "service", "platform"])
    async def test_other_roles_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
        response = await export(client, test_issuer, "csv", ["job_seekers"], role=role)
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")

    async def test_a_coach_is_refused_area_figures(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await export(client, test_issuer, "xlsx", ["caseload_per_coach", "activation_rate"], role="coach")
        assert response.status_code == 403
        assert response.json()["type"].endswith("/indicator-not-for-this-role")

    async def test_another_organisation_exports_none_of_lahti_s_job_seekers(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seven_in_lahti(client)
        _, _, rows = csv_parts(await export(client, test_issuer, "csv", ["job_seekers"], org=MIKKELI))
        assert [r for r in rows if r["municipality"] == "398"] == []
        assert total(rows, "job_seekers")["value"] == "0.0"


class TestValidation:
    async def test_an_unknown_format_is_a_field_error(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await export(client, test_issuer, "pdf", ["job_seekers"])
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in response.json()["errors"]] == ["query.format"]

    async def test_a_period_that_ends_before_it_starts(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await client.get(
            "/v1/figures/export",
            params={"format": "csv", "indicator": "job_seekers", "from": "2025-06", "to": "2025-01"},
            headers=headers(test_issuer, "manager"),
        )
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == ["query.to"]

    async def test_at_least_one_indicator(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get(
            "/v1/figures/export",
            params={"format": "csv", "from": "2025-06", "to": "2025-06"},
            headers=headers(test_issuer, "manager"),
        )
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == ["query.indicator"]
