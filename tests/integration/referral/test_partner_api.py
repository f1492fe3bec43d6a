"""The partner API: a partner system with client credentials works its inbox (acknowledge, accept, report
progress, attach a document, complete), retries safely with Idempotency-Key, and subscribes to new referrals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import quote, unquote

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer
from polku_kit.webhooks.models import WebhookDelivery
from polku_kit.webhooks.queue import fan_out

from .test_router import COACH, client_id, draft, move, referral, sent  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def partner_system(test_issuer: TestIssuer) -> dict[str, str]:
    """The county's referral system, as the issuer's client credentials grant makes it."""
    return test_issuer.headers(
        subject="partner-hyvinvointialue", roles=["partner"], org=WELLBEING_COUNTY, client_id="partner-hyvinvointialue"
    )


class TestPartnerSystem:
    async def test_works_its_inbox_to_the_end(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        partner_system: dict[str, str],
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        inbox = (await client.get("/v1/referrals", params={"status": "requested"}, headers=partner_system)).json()
        assert [item["id"] for item in inbox["items"]] == [referral_id]
        base = f"/v1/referrals/{referral_id}"
        assert (
            await client.post(f"{base}/transitions", json=move("received"), headers=partner_system)
        ).status_code == 200
        assert (
            await client.post(f"{base}/transitions", json=move("accepted"), headers=partner_system)
        ).status_code == 200
        report = await client.post(
            f"{base}/progress-reports", json={"note": "Kolme tapaamista pidetty"}, headers=partner_system
        )
        assert report.status_code == 200 and report.json()["status"] == "accepted"
        attached = await client.post(
            f"{base}/documents",
            params={"filename": "lausunto.pdf"},
            content=PDF,
            headers={**partner_system, "Content-Type": "application/pdf"},
        )
        assert attached.status_code == 201, attached.text
        assert attached.json()["size_bytes"] == len(PDF) and attached.json()["media_type"] == "application/pdf"
        done = await client.post(
            f"{base}/transitions", json=move("completed", outcome="rehabilitation"), headers=partner_system
        )
        assert done.status_code == 200 and done.json()["outcome"] == "rehabilitation"

        coach = as_("coach", subject=COACH)
        listed = (await client.get(f"{base}/documents", headers=coach)).json()
        assert [doc["filename"] for doc in listed] == ["lausunto.pdf"]
        download = await client.get(f"{base}/documents/{listed[0]['id']}", headers=coach)
        assert download.status_code == 200 and download.content == PDF
        assert download.headers["content-type"] == "application/pdf"
        history = (await client.get(f"{base}/history", headers=coach)).json()
        assert ("accepted", "accepted", "Kolme tapaamista pidetty") in [
            (row["from_status"], row["to_status"], row["note"]) for row in history
        ]

    async def test_progress_is_the_partners_and_only_after_acceptance(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        partner_system: dict[str, str],
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        early = await client.post(
            f"/v1/referrals/{referral_id}/progress-reports", json={"note": "Aloitettu"}, headers=partner_system
        )
        assert early.status_code == 409
        await client.post(f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=partner_system)
        by_coach = await client.post(
            f"/v1/referrals/{referral_id}/progress-reports", json={"note": "Aloitettu"}, headers=as_("coach")
        )
        assert by_coach.status_code == 409
        empty = await client.post(
            f"/v1/referrals/{referral_id}/progress-reports", json={"note": ""}, headers=partner_system
        )
        assert empty.status_code == 422


class TestDraftsAreTheSenders:
    async def test_a_partner_never_sees_a_draft(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        partner_system: dict[str, str],
    ) -> None:
        unsent = await draft(client, as_, client_id)
        base = f"/v1/referrals/{unsent}"
        for path in (base, f"{base}/history", f"{base}/documents", f"{base}/client-data"):
            response = await client.get(path, headers=partner_system)
            assert response.status_code == 404, (path, response.text)
        assert (
            await client.post(f"{base}/transitions", json=move("received"), headers=partner_system)
        ).status_code == 404
        for params in ({}, {"status": "draft"}, {"client_id": client_id}):
            listed = (await client.get("/v1/referrals", params=params, headers=partner_system)).json()
            assert listed["items"] == [], params

        await client.post(f"{base}/send", headers=as_("coach", subject=COACH))
        assert (await client.get(base, headers=partner_system)).json()["status"] == "requested"
        listed = (await client.get("/v1/referrals", headers=partner_system)).json()
        assert [item["id"] for item in listed["items"]] == [unsent]

    async def test_a_cancelled_referral_is_announced_only_when_it_had_been_sent(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        db_session: AsyncSession,
    ) -> None:
        coach = as_("coach", subject=COACH)
        unsent, was_sent = await draft(client, as_, client_id), await sent(client, as_, client_id)
        for referral_id in (unsent, was_sent):
            cancelled = await client.post(
                f"/v1/referrals/{referral_id}/transitions", json=move("cancelled"), headers=coach
            )
            assert cancelled.status_code == 200, cancelled.text
        types = {
            subject: [row.type for row in rows]
            for subject in (unsent, was_sent)
            for rows in [
                (
                    await db_session.scalars(
                        select(OutboxEvent)
                        .where(OutboxEvent.subject == f"referrals/{subject}")
                        .order_by(OutboxEvent.sequence)
                    )
                ).all()
            ]
        }
        assert types == {unsent: [], was_sent: ["fi.polku.referral.sent.v1", "fi.polku.referral.cancelled.v1"]}


class TestIdempotency:
    async def test_a_retried_answer_is_answered_the_same_and_recorded_once(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        partner_system: dict[str, str],
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        headers = {**partner_system, "Idempotency-Key": "accept-7f3a"}
        first = await client.post(f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=headers)
        retry = await client.post(f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=headers)
        assert first.status_code == retry.status_code == 200
        assert retry.json() == first.json() and retry.headers["idempotent-replayed"] == "true"
        history = (await client.get(f"/v1/referrals/{referral_id}/history", headers=partner_system)).json()
        assert [row["to_status"] for row in history].count("accepted") == 1
        other = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("rejected", reason="Ei sovi"), headers=headers
        )
        assert other.status_code == 422 and other.json()["type"].endswith("/idempotency-key-reused")

    async def test_a_retried_referral_is_created_once(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
    ) -> None:
        headers = {**as_("coach", subject=COACH), "Idempotency-Key": "new-referral-1"}
        body = {
            "client_id": client_id,
            "service_id": "5e7a1c00-0000-4000-8000-000000000001",
            "categories": ["assessment"],
            "reason": "Työkyvyn arviointi",
        }
        first = await client.post("/v1/referrals", json=body, headers=headers)
        retry = await client.post("/v1/referrals", json=body, headers=headers)
        assert first.status_code == retry.status_code == 201 and first.json()["id"] == retry.json()["id"]
        assert len((await client.get("/v1/referrals", headers=as_("coach"))).json()["items"]) == 1


class TestDocuments:
    @pytest.mark.parametrize(
        ("media_type", "content", "status"),
        [
            ("application/zip", b"PK\x03\x04", 415),
            ("application/pdf", b"\x89PNG\r\n\x1a\nnot a pdf", 415),
            ("text/plain", b"\xff\xfe\xfa", 415),
            ("text/plain", b"", 415),
            ("application/pdf", b"%PDF-" + b"0" * (1024 * 1024), 413),
        ],
    )
    async def test_size_and_type_are_limited(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        media_type: str,
        content: bytes,
        status: int,
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        response = await client.post(
            f"/v1/referrals/{referral_id}/documents",
            params={"filename": "x.bin"},
            content=content,
            headers={**as_("coach"), "Content-Type": media_type},
        )
        assert response.status_code == status, response.text

    @pytest.mark.parametrize("idempotency_key", [None, "upload-1"])
    async def test_a_chunked_upload_is_refused_at_the_limit_without_being_read_whole(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        idempotency_key: str | None,
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        chunk, chunks, read = 64 * 1024, 128, 0

        async def body() -> AsyncIterator[bytes]:
            # No Content-Length (a chunked upload): the size is known only by reading.
            nonlocal read
            yield b"%PDF-"
            for _ in range(chunks):
                read += 1
                yield b"0" * chunk

        headers = {**as_("coach"), "Content-Type": "application/pdf"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        response = await client.post(
            f"/v1/referrals/{referral_id}/documents", params={"filename": "x.pdf"}, content=body(), headers=headers
        )
        assert response.status_code == 413, response.text
        assert response.json()["max_bytes"] == 1024 * 1024
        assert read <= 1024 * 1024 // chunk + 1  # stopped just past the limit, not at the end of 8 MiB

    async def test_an_upload_within_the_limit_is_kept_whole_with_an_idempotency_key(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
    ) -> None:
        referral_id = await sent(client, as_, client_id)

        async def body() -> AsyncIterator[bytes]:
            for part in (PDF[:10], PDF[10:]):
                yield part

        headers = {**as_("coach"), "Content-Type": "application/pdf", "Idempotency-Key": "upload-2"}
        url = f"/v1/referrals/{referral_id}/documents"
        first = await client.post(url, params={"filename": "x.pdf"}, content=body(), headers=headers)
        retry = await client.post(url, params={"filename": "x.pdf"}, content=PDF, headers=headers)
        assert first.status_code == retry.status_code == 201, first.text
        assert retry.json()["id"] == first.json()["id"]
        download = await client.get(f"{url}/{first.json()['id']}", headers=as_("coach", subject=COACH))
        assert download.content == PDF

    async def test_a_filename_with_a_path_is_422(self, client: httpx.AsyncClient, as_, client_id: str) -> None:  # noqa: F811
        referral_id = await sent(client, as_, client_id)
        response = await client.post(
            f"/v1/referrals/{referral_id}/documents",
            params={"filename": "../etc/passwd"},
            content=b"hei",
            headers={**as_("coach"), "Content-Type": "text/plain"},
        )
        assert response.status_code == 422

    @pytest.mark.parametrize("filename", [".", "..", "...", "   ", "-"])
    async def test_a_name_without_a_letter_or_digit_is_422(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        filename: str,
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        response = await client.post(
            f"/v1/referrals/{referral_id}/documents",
            params={"filename": filename},
            content=b"hei",
            headers={**as_("coach"), "Content-Type": "text/plain"},
        )
        assert response.status_code == 422, response.text
        assert [error["field"] for error in response.json()["errors"]] == ["query.filename"]

    @pytest.mark.parametrize(
        ("filename", "fallback"),
        [
            ("lausunto.pdf", "lausunto.pdf"),
            ("työkyky arvio (2).txt", "tyokyky arvio (2).txt"),
            ("Łódź_заявление_履歴書.txt", "_odz______________.txt"),
            ("Отчёт.txt", "_____.txt"),
        ],
    )
    async def test_any_letters_download_with_an_ascii_fallback(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        filename: str,
        fallback: str,
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        uploaded = await client.post(
            f"/v1/referrals/{referral_id}/documents",
            params={"filename": filename},
            content=b"hei",
            headers={**as_("coach"), "Content-Type": "text/plain"},
        )
        assert uploaded.status_code == 201, uploaded.text
        download = await client.get(
            f"/v1/referrals/{referral_id}/documents/{uploaded.json()['id']}", headers=as_("coach", subject=COACH)
        )
        assert download.status_code == 200, download.text
        disposition = download.headers["content-disposition"]
        assert disposition == f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
        assert unquote(disposition.split("filename*=UTF-8''")[1]) == filename

    async def test_another_organisation_sees_no_documents(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        uploaded = await client.post(
            f"/v1/referrals/{referral_id}/documents",
            params={"filename": "muistio.txt"},
            content="Muistiinpano ääkkösin".encode(),
            headers={**as_("coach"), "Content-Type": "text/plain; charset=utf-8"},
        )
        assert uploaded.status_code == 201
        document_id = uploaded.json()["id"]
        for stranger in (as_("partner", org=KELA), as_("coach", org=MIKKELI)):
            base = f"/v1/referrals/{referral_id}/documents"
            assert (await client.get(base, headers=stranger)).status_code == 404
            assert (await client.get(f"{base}/{document_id}", headers=stranger)).status_code == 404
            assert (
                await client.post(
                    base, params={"filename": "a.txt"}, content=b"x", headers={**stranger, "Content-Type": "text/plain"}
                )
            ).status_code == 404


class TestWebhooks:
    async def test_a_new_referral_reaches_the_partners_subscription_only(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        partner_system: dict[str, str],
        db_session: AsyncSession,
    ) -> None:
        subscriptions = {}
        for name, headers in (("county", partner_system), ("kela", as_("partner", org=KELA))):
            created = await client.post(
                "/v1/webhook-subscriptions",
                headers=headers,
                json={"url": f"https://{name}.example.fi/polku-events", "event_types": ["fi.polku.referral.sent.v1"]},
            )
            assert created.status_code == 201, created.text
            subscriptions[name] = created.json()["id"]
        await sent(client, as_, client_id)
        await fan_out(db_session, limit=100)
        deliveries = (await db_session.scalars(select(WebhookDelivery.subscription_id))).all()
        assert [str(subscription) for subscription in deliveries] == [subscriptions["county"]]


class TestWhoActed:
    """The partner sees who sent a referral and how to reach them; every history row names the person and the
    organisation that acted, from their tokens at the time."""

    async def test_the_sender_and_each_actor_are_named(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,  # noqa: F811
    ) -> None:
        coach = test_issuer.headers(
            subject=COACH,
            roles=["coach"],
            org=LAHTI,
            name="Aino Valmentaja",
            org_name="Lahden seudun työllisyysalue",
            email="aino.valmentaja@lahti.example",
        )
        partner = test_issuer.headers(
            subject="partner-liisa",
            roles=["partner"],
            org=WELLBEING_COUNTY,
            name="Liisa Kumppani",
            org_name="Päijät-Hämeen hyvinvointialue",
        )
        created = await client.post("/v1/referrals", json=referral(client_id), headers=coach)
        assert created.status_code == 201, created.text
        base = f"/v1/referrals/{created.json()['id']}"
        assert (await client.post(f"{base}/send", headers=coach)).status_code == 200
        assert (await client.post(f"{base}/transitions", json=move("received"), headers=partner)).status_code == 200

        seen = (await client.get(base, headers=partner)).json()
        assert (seen["sender_name"], seen["sender_organisation_name"], seen["sender_email"]) == (
            "Aino Valmentaja",
            "Lahden seudun työllisyysalue",
            "aino.valmentaja@lahti.example",
        )
        history = (await client.get(f"{base}/history", headers=as_coach(test_issuer))).json()
        assert [(row["to_status"], row["actor_name"], row["actor_organisation_name"]) for row in history] == [
            ("draft", "Aino Valmentaja", "Lahden seudun työllisyysalue"),
            ("requested", "Aino Valmentaja", "Lahden seudun työllisyysalue"),
            ("received", "Liisa Kumppani", "Päijät-Hämeen hyvinvointialue"),
        ]


def as_coach(issuer: TestIssuer) -> dict[str, str]:
    return issuer.headers(subject=COACH, roles=["coach"], org=LAHTI)
