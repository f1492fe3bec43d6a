"""Kela's labour-market subsidy day counts: a coach sets one, a manager imports Kela's file, all rows or none,
with a report naming the row and column of each error; every changed count is audited naming the person."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from .. import factories
from ..factories import MATTI, coach

LIISA = "010101-123N"  # a second Lahti client
NOBODY = "311280-888Y"  # a valid code of no client
HEADER = "personal_identity_code;subsidy_days;counted_on"


def manager(issuer: TestIssuer, org: object = LAHTI) -> dict[str, str]:
    return issuer.headers(subject="manager-1", roles=["manager"], org=org)  # type: ignore[arg-type]


def csv(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode()


async def upload(client: httpx.AsyncClient, headers: dict[str, str], content: bytes) -> httpx.Response:
    return await client.post(
        "/v1/subsidy-day-imports", headers={**headers, "content-type": "text/csv"}, content=content
    )


async def count_of(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> httpx.Response:
    return await client.get(f"/v1/clients/{client_id}/subsidy-days", headers=coach(issuer))


class TestImport:
    async def test_a_valid_file_sets_each_clients_count(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        liisa = await factories.register(client, coach(test_issuer), personal_identity_code=LIISA, first_names="Liisa")
        day = (today() - timedelta(days=2)).isoformat()
        imported = await upload(client, manager(test_issuer), csv(f"{MATTI};287;{day}", f"{LIISA.lower()};12;{day}"))
        assert imported.status_code == 201, imported.text
        assert (imported.json()["rows_total"], imported.json()["rows_imported"]) == (2, 2)
        matti = (await count_of(client, test_issuer, client_id)).json()
        assert (matti["days"], matti["counted_on"], matti["source"]) == (287, day, "kela_import")
        assert matti["import_id"] == imported.json()["id"]
        assert (await count_of(client, test_issuer, liisa)).json()["days"] == 12
        audits = (
            await db_session.scalars(
                select(AuditRecord).where(
                    AuditRecord.resource_type == "subsidy_day_count", AuditRecord.action == "update"
                )
            )
        ).all()
        assert sorted(str(audit.data_subject_id) for audit in audits) == sorted([client_id, liisa])
        assert {audit.actor_subject for audit in audits} == {"manager-1"}

    async def test_one_error_anywhere_imports_nothing_and_the_report_names_row_and_column(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        day = today().isoformat()
        future = (today() + timedelta(days=1)).isoformat()
        content = csv(
            f"{MATTI};287;{day}",
            f"131052-308A;10;{day}",  # a checksum that does not hold
            f"{NOBODY};10;{day}",  # no client of ours
            f"{LIISA};many;{future}",  # two errors on one row (whose person is looked up only when the rest holds)
            f"{MATTI};5;{day}",  # Matti twice
        )
        refused = await upload(client, manager(test_issuer), content)
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["type"].endswith("/kela-import-invalid") and problem["rows_total"] == 5
        assert [(error["field"], error["code"]) for error in problem["errors"]] == [
            ("body.row[3].personal_identity_code", "invalid_identity_code"),
            ("body.row[4].personal_identity_code", "not_a_client"),
            ("body.row[5].subsidy_days", "not_a_number"),
            ("body.row[5].counted_on", "future_date"),
            ("body.row[6].personal_identity_code", "duplicate"),
        ]
        assert problem["errors"][4]["message"] == "row 6, column personal_identity_code: the same person as on row 2"
        assert (await count_of(client, test_issuer, client_id)).status_code == 404  # row 2 was valid, yet not taken

    async def test_a_missing_column_is_reported_on_the_header_row(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        refused = await upload(client, manager(test_issuer), csv(f"{MATTI},3", header="personal_identity_code,days"))
        assert [error["field"] for error in refused.json()["errors"]] == [
            "body.row[1].subsidy_days",
            "body.row[1].counted_on",
        ]

    @pytest.mark.parametrize("days", [True, "280", 2.5])
    async def test_a_count_of_days_is_a_whole_number(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, days: object
    ) -> None:
        refused = await client.put(
            f"/v1/clients/{client_id}/subsidy-days",
            headers=coach(test_issuer),
            json={"days": days, "counted_on": today().isoformat()},
        )
        assert refused.status_code == 422, refused.text
        assert [error["field"] for error in refused.json()["errors"]] == ["body.days"]

    async def test_an_older_count_than_the_one_held_is_left_out(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        newer, older = today().isoformat(), (today() - timedelta(days=30)).isoformat()
        await client.put(
            f"/v1/clients/{client_id}/subsidy-days", headers=coach(test_issuer), json={"days": 200, "counted_on": newer}
        )
        imported = await upload(
            client, manager(test_issuer), csv(f"{MATTI},150,{older}", header=HEADER.replace(";", ","))
        )
        assert imported.status_code == 201 and imported.json()["rows_imported"] == 0
        assert (await count_of(client, test_issuer, client_id)).json()["days"] == 200

    async def test_another_organisations_clients_are_not_ours_to_import(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        refused = await upload(client, manager(test_issuer, org=MIKKELI), csv(f"{MATTI};287;{today().isoformat()}"))
        assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == "not_a_client"

    async def test_only_managers_and_administrators_import(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        refused = await upload(client, coach(test_issuer), csv(f"{MATTI};287;{today().isoformat()}"))
        assert refused.status_code == 403


class TestCoachSets:
    async def test_set_then_replace_with_the_version(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/subsidy-days"
        assert (await count_of(client, test_issuer, client_id)).status_code == 404
        counted = (today() - timedelta(days=1)).isoformat()
        first = await client.put(url, headers=coach(test_issuer), json={"days": 290, "counted_on": counted})
        assert first.status_code == 200, first.text
        assert first.json()["source"] == "coach" and first.headers["etag"] == '"v1"'
        assert first.json()["threshold_days"] == 300 and first.json()["threshold_reached_on"] > counted
        without = await client.put(url, headers=coach(test_issuer), json={"days": 291, "counted_on": counted})
        assert without.status_code == 428
        second = await client.put(
            url, headers={**coach(test_issuer), "If-Match": '"v1"'}, json={"days": 291, "counted_on": counted}
        )
        assert second.status_code == 200 and second.json()["version"] == 2
        stale = await client.put(
            url, headers={**coach(test_issuer), "If-Match": '"v1"'}, json={"days": 292, "counted_on": counted}
        )
        assert stale.status_code == 412

    async def test_bad_input_is_a_422_naming_the_field(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/subsidy-days"
        future = (today() + timedelta(days=1)).isoformat()
        negative = await client.put(url, headers=coach(test_issuer), json={"days": -1, "counted_on": future})
        assert negative.status_code == 422 and negative.json()["errors"][0]["field"] == "body.days"
        ahead = await client.put(url, headers=coach(test_issuer), json={"days": 1, "counted_on": future})
        assert ahead.status_code == 422 and ahead.json()["errors"][0]["field"] == "body.counted_on"

    async def test_other_roles_and_organisations_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/subsidy-days"
        body = {"days": 1, "counted_on": today().isoformat()}
        partner = test_issuer.headers(subject="partner-1", roles=["partner"], org=LAHTI)
        assert (await client.put(url, headers=partner, json=body)).status_code == 403
        for headers in (coach(test_issuer, org=MIKKELI), coach(test_issuer, subject="coach-eino")):
            assert (await client.put(url, headers=headers, json=body)).status_code == 404
            assert (await client.get(url, headers=headers)).status_code == 404


class TestUploadInParts:
    async def start(self, client: httpx.AsyncClient, issuer: TestIssuer, rows: int) -> str:
        started = await client.post("/v1/subsidy-day-uploads", headers=manager(issuer), json={"rows_expected": rows})
        assert started.status_code == 201, started.text
        assert started.json()["status"] == "uploading" and started.json()["received_percent"] == 0
        return str(started.json()["id"])

    async def part(
        self, client: httpx.AsyncClient, issuer: TestIssuer, upload_id: str, first_row: int, *rows: str
    ) -> httpx.Response:
        return await client.post(
            f"/v1/subsidy-day-uploads/{upload_id}/parts",
            params={"first_row": first_row},
            headers={**manager(issuer), "content-type": "text/csv"},
            content=csv(*rows),
        )

    async def test_progress_shows_and_nothing_counts_until_the_whole_file_is_imported(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        liisa = await factories.register(client, coach(test_issuer), personal_identity_code=LIISA, first_names="Liisa")
        day = today().isoformat()
        upload_id = await self.start(client, test_issuer, 3)
        first = await self.part(client, test_issuer, upload_id, 2, f"{MATTI};287;{day}")
        assert (first.json()["rows_total"], first.json()["received_percent"]) == (1, 33)
        assert (await count_of(client, test_issuer, client_id)).status_code == 404  # not yet
        await self.part(client, test_issuer, upload_id, 3, f"{LIISA};40;{day}", "", "  ")
        progress = await client.get(f"/v1/subsidy-day-uploads/{upload_id}", headers=manager(test_issuer))
        assert (progress.json()["rows_total"], progress.json()["received_percent"]) == (2, 66)
        imported = await client.post(f"/v1/subsidy-day-uploads/{upload_id}/import", headers=manager(test_issuer))
        assert imported.status_code == 200, imported.text
        assert (imported.json()["status"], imported.json()["rows_imported"]) == ("imported", 2)
        assert (await count_of(client, test_issuer, client_id)).json()["days"] == 287
        assert (await count_of(client, test_issuer, liisa)).json()["days"] == 40
        again = await client.post(f"/v1/subsidy-day-uploads/{upload_id}/import", headers=manager(test_issuer))
        assert again.status_code == 409
        late = await self.part(client, test_issuer, upload_id, 4, f"{MATTI};288;{day}")
        assert late.status_code == 409

    async def test_an_error_in_any_part_refuses_the_whole_file_naming_rows_of_the_whole_file(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await factories.register(client, coach(test_issuer), personal_identity_code=LIISA, first_names="Liisa")
        day = today().isoformat()
        upload_id = await self.start(client, test_issuer, 4)
        assert (await self.part(client, test_issuer, upload_id, 2, f"{MATTI};287;{day}")).json()["errors_total"] == 0
        second = await self.part(client, test_issuer, upload_id, 3, f"{MATTI};290;{day}", f"{NOBODY};x;{day}")
        assert second.status_code == 200 and second.json()["errors_total"] == 2
        assert [(error["row"], error["column"], error["code"]) for error in second.json()["errors"]] == [
            (3, "personal_identity_code", "duplicate"),
            (4, "subsidy_days", "not_a_number"),
        ]
        resent = await self.part(client, test_issuer, upload_id, 2, f"{LIISA};1;{day}")
        assert resent.json()["errors"][0] == {
            "row": 2,
            "column": None,
            "code": "row_sent_twice",
            "message": "an earlier part has this row",
        }
        refused = await client.post(f"/v1/subsidy-day-uploads/{upload_id}/import", headers=manager(test_issuer))
        assert refused.status_code == 422 and refused.json()["errors_total"] == 3
        assert refused.json()["errors"][0] == {
            "field": "body.row[2]",
            "message": "row 2: an earlier part has this row",
            "code": "row_sent_twice",
        }
        assert (await count_of(client, test_issuer, client_id)).status_code == 404

    async def test_another_organisation_never_sees_the_upload(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        upload_id = await self.start(client, test_issuer, 1)
        other = await client.get(f"/v1/subsidy-day-uploads/{upload_id}", headers=manager(test_issuer, org=MIKKELI))
        assert other.status_code == 404
        refused = await client.get(f"/v1/subsidy-day-uploads/{upload_id}", headers=coach(test_issuer))
        assert refused.status_code == 403
