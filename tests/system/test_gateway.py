"""The gateway in front of everything: routing, headers, limits, the SPA and the issuer."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from polku_dev.devstack import SERVICES, Stack
from tests.support import client_credentials_token, user_token

SERVICE_NAMES = [short for short, _, _ in SERVICES]


class TestRouting:
    @pytest.mark.parametrize("service", SERVICE_NAMES)
    def test_each_service_is_ready_through_the_gateway(self, gateway: httpx.Client, service: str) -> None:
        response = gateway.get(f"/api/{service}/readyz")
        assert response.status_code == 200, response.text
        assert response.json()["service"] == f"{service}-api"
        assert response.json()["migrations"] == "ok"

    @pytest.mark.parametrize("service", SERVICE_NAMES)
    def test_each_openapi_document_names_its_gateway_prefix(self, gateway: httpx.Client, service: str) -> None:
        document = gateway.get(f"/api/{service}/openapi.json").json()
        assert document["info"]["title"] == f"Polku {service}-api"
        assert document["servers"] == [{"url": f"/api/{service}"}]

    def test_api_docs_page_lists_all_four_documents(self, gateway: httpx.Client) -> None:
        response = gateway.get("/api/docs/")
        assert response.status_code == 200
        for service in SERVICE_NAMES:
            assert f"/api/{service}/openapi.json" in response.text

    @pytest.mark.parametrize("path", ["/api/nothing-here/v1/x", "/api/v1/referrals", "/v1/referrals", "/v1"])
    def test_unknown_api_path_is_a_problem_that_names_the_prefix(self, gateway: httpx.Client, path: str) -> None:
        # A developer who reads a service's paths without its gateway prefix meets a problem, never the SPA's HTML.
        response = gateway.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["type"] == "https://polku.fi/problems/not-found" and problem["status"] == 404
        assert "/api/referrals/v1/referrals" in problem["detail"] and "/api/docs/" in problem["detail"]
        assert response.headers["x-content-type-options"] == "nosniff"

    def test_a_post_without_the_prefix_is_a_problem_too(self, gateway: httpx.Client) -> None:
        response = gateway.post("/v1/referrals", json={})
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"

    def test_a_missing_api_document_is_a_problem(self, gateway: httpx.Client) -> None:
        response = gateway.get("/api/docs/nothing.json")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {"type": "https://polku.fi/problems/not-found", "title": "Not found", "status": 404}
        # The gateway's error route keeps the security headers of its other answers.
        assert response.headers["x-content-type-options"] == "nosniff" and "server" not in response.headers

    def test_spa_routes_fall_back_to_index(self, gateway: httpx.Client) -> None:
        response = gateway.get("/clients/some-client-id")
        assert response.status_code == 200
        assert '<div id="root">' in response.text
        assert response.headers["cache-control"] == "no-cache"


class TestHeaders:
    def test_security_headers_on_the_spa_and_the_api(self, gateway: httpx.Client) -> None:
        for path in ("/", "/api/clients/healthz"):
            headers = gateway.get(path).headers
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["x-frame-options"] == "DENY"
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            assert "script-src 'self'" in headers["content-security-policy"]
            assert "server" not in headers
            # Plain HTTP in development: HSTS would pin a non-TLS origin, so it is sent only over TLS.
            assert "strict-transport-security" not in headers

    def test_request_id_reaches_the_service_and_its_log(self, gateway: httpx.Client, stack: Stack) -> None:
        request_id = f"test-{uuid.uuid4().hex}"
        response = gateway.get("/api/referrals/readyz", headers={"X-Request-Id": request_id})
        assert response.headers["x-request-id"] == request_id
        # The access line is written as the response completes: give the log a moment to catch up.
        logged = False
        for _ in range(40):
            log = (stack.var_dir / "logs" / "referrals.log").read_text()
            lines = [json.loads(line) for line in log.splitlines() if request_id in line]
            logged = any(line.get("request_id") == request_id and line.get("route") == "/readyz" for line in lines)
            if logged:
                break
            time.sleep(0.05)
        assert logged, f"no access line with request id {request_id}"

    def test_gateway_makes_a_request_id_when_none_is_given(self, gateway: httpx.Client) -> None:
        first = gateway.get("/api/clients/healthz").headers["x-request-id"]
        second = gateway.get("/api/clients/healthz").headers["x-request-id"]
        assert first and second and first != second

    def test_a_malformed_request_id_is_replaced(self, gateway: httpx.Client) -> None:
        response = gateway.get("/api/clients/healthz", headers={"X-Request-Id": "<script>"})
        assert response.headers["x-request-id"] != "<script>"

    def test_request_bodies_are_limited(self, gateway: httpx.Client) -> None:
        response = gateway.post(
            "/api/clients/v1/webhook-subscriptions",
            content=b"x" * (11 * 1024 * 1024),
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json() == {
            "type": "https://polku.fi/problems/request-too-large",
            "title": "The request body is too large",
            "status": 413,
        }

    def test_a_chunked_body_is_refused_at_the_limit(self, gateway: httpx.Client, stack: Stack) -> None:
        sent = 0

        def chunks() -> Iterator[bytes]:
            # No Content-Length: the gateway learns the size only by reading, and must stop at its limit.
            nonlocal sent
            for _ in range(64):
                sent += 1
                yield b"x" * (1024 * 1024)

        token = user_token(stack, "coach")
        try:
            response = gateway.post(
                "/api/referrals/v1/referrals",
                content=chunks(),
                headers={"content-type": "application/json", "Authorization": f"Bearer {token}"},
            )
        except httpx.HTTPError:
            response = None  # the gateway may answer and close before the client has sent everything
        if response is not None:
            assert response.status_code == 413, response.text
            assert response.headers["content-type"] == "application/problem+json"
        assert sent < 64


class TestExposure:
    @pytest.mark.parametrize(
        "path",
        [f"/api/{service}/metrics" for service in SERVICE_NAMES]
        + ["/api/clients//metrics", "/API/Clients/Metrics", "/api/referrals/metrics/"],
    )
    def test_service_metrics_are_not_served_through_the_gateway(self, gateway: httpx.Client, path: str) -> None:
        response = gateway.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert "http_requests" not in response.text

    def test_the_scraper_reads_metrics_on_the_service_port(self, stack: Stack) -> None:
        port = stack.ports.services["clients"]
        response = httpx.get(f"http://127.0.0.1:{port}/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")

    def test_the_access_log_keeps_no_query_string_and_no_referer(self, gateway: httpx.Client, stack: Stack) -> None:
        marker = uuid.uuid4().hex
        code = "131052-308T"
        gateway.get(
            "/api/clients/v1/clients",
            params={"personal_identity_code": code, "name": f"Korhonen{marker}"},
            headers={
                "Referer": f"{stack.public_url}/clients?personal_identity_code={code}",
                "X-Request-Id": f"log-{marker}",
            },
        )
        log = stack.var_dir / "logs" / "gateway.log"
        lines: list[dict[str, object]] = []
        for _ in range(40):
            lines = [json.loads(line) for line in log.read_text().splitlines() if f"log-{marker}" in line]
            if lines:
                break
            time.sleep(0.05)
        assert lines, "no access line for the request"
        request = lines[-1]["request"]
        assert isinstance(request, dict)
        assert request["uri"] == "/api/clients/v1/clients?"
        assert "Referer" not in request["headers"]
        assert code not in log.read_text() and marker not in log.read_text().replace(f"log-{marker}", "")


class TestLimits:
    def test_guessing_a_client_secret_is_answered_429_with_retry_after(self, gateway: httpx.Client) -> None:
        guess = {"data": {"grant_type": "client_credentials"}, "auth": ("partner-guessed", "guess")}
        answers = [gateway.post("/auth/token", **guess) for _ in range(11)]  # type: ignore[arg-type]
        assert [answer.status_code for answer in answers[:10]] == [401] * 10
        limited = answers[10]
        assert limited.status_code == 429
        assert limited.headers["content-type"] == "application/problem+json"
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.json()["type"] == "https://polku.fi/problems/too-many-requests"


class TestIdentity:
    def test_discovery_names_the_public_issuer(self, gateway: httpx.Client, stack: Stack) -> None:
        document = gateway.get("/auth/.well-known/openid-configuration").json()
        assert document["issuer"] == f"{stack.public_url}/auth"
        assert "S256" in document["code_challenge_methods_supported"]

    def test_partner_system_token_is_accepted_by_every_service(self, gateway: httpx.Client) -> None:
        token = client_credentials_token(gateway, "partner-kela")
        for service in SERVICE_NAMES:
            response = gateway.get(f"/api/{service}/v1/me", headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 200, response.text
            me = response.json()
            assert me["roles"] == ["partner"]
            assert me["organisation_id"] == "0b0c8f6e-6f1a-4c36-9d55-000000000003"

    def test_token_command_gives_a_coach_token(self, gateway: httpx.Client, stack: Stack) -> None:
        token = user_token(stack, "coach")
        me = gateway.get("/api/clients/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
        assert me["name"] == "Aino Virtanen"
        assert me["roles"] == ["coach"]

    def test_wrong_client_secret_gets_no_token(self, gateway: httpx.Client) -> None:
        response = gateway.post(
            "/auth/token", data={"grant_type": "client_credentials"}, auth=("partner-kela", "wrong")
        )
        assert response.status_code == 401


class TestDemoData:
    def test_the_demo_coach_has_clients_and_a_due_list(self, gateway: httpx.Client, stack: Stack) -> None:
        headers = {"Authorization": f"Bearer {user_token(stack, 'coach')}"}
        clients = gateway.get("/api/clients/v1/clients", headers=headers).json()["items"]
        assert len(clients) >= 8
        due = gateway.get("/api/clients/v1/due-list", params={"horizon_days": 31}, headers=headers).json()
        assert any(item["status"] == "overdue" for item in due["items"])
        assert any(item["status"] == "due" for item in due["items"])
