import uuid
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from jose import jwt

from employer_api import SERVICE_DIR
from employer_api.main import create_app
from employer_api.settings import Settings
from polku_kit.service_client import ON_BEHALF_OF_HEADER, ServiceClient
from polku_kit.testing import LAHTI, ServiceSpec, TestIssuer

Headers = Callable[..., dict[str, str]]


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)


@pytest.fixture(autouse=True)
def _staff_seen_afresh(app: FastAPI) -> None:
    """Every test starts with no staff seen: the app lives for the run, its database only for the test."""
    app.state.staff_sightings.forget()


@pytest.fixture
def as_(test_issuer: TestIssuer) -> Headers:
    """``as_("employer_services")``, ``as_("coach", org=MIKKELI)``: headers of a caller with one role (subject
    ``{role}-{org}`` unless named)."""

    def headers(role: str, org: uuid.UUID | None = LAHTI, subject: str | None = None) -> dict[str, str]:
        return test_issuer.headers(subject=subject or f"{role}-{org}", roles=[role], org=org)

    return headers


class ClientsApiReach:
    """clients-api's ``GET /v1/client-reach`` as employer-api's tests need it: it answers with the clients
    ``reach`` names for each person (by subject), and records every question with the person it was asked for.
    clients-api's own tests (tests/sharing/test_reach.py) prove how it decides; tests/integration runs both."""

    def __init__(self, issuer: TestIssuer) -> None:
        self.reach: dict[str, set[str]] = {}
        self.everyone = False  # True: every person reaches every client asked about
        self.consents: dict[tuple[str, str], set[str]] = {}  # (client, recipient) → categories consented
        self.asked: list[tuple[str, list[str]]] = []
        self.app = FastAPI()

        @self.app.post("/auth/token")
        async def token() -> JSONResponse:
            access = issuer.token(subject="svc-employer", roles=["service"], org=None, client_id="svc-employer")
            return JSONResponse({"access_token": access, "token_type": "Bearer", "expires_in": 300})

        @self.app.get("/v1/client-reach")
        async def client_reach(request: Request) -> JSONResponse:
            person = jwt.get_unverified_claims(request.headers[ON_BEHALF_OF_HEADER])["sub"]
            ids = request.query_params.getlist("id")
            self.asked.append((person, ids))
            reached = [i for i in ids if self.everyone or i in self.reach.get(person, set())]
            return JSONResponse({"client_ids": reached})

        @self.app.get("/v1/consent-checks")
        async def consent_checks(request: Request) -> JSONResponse:
            person = jwt.get_unverified_claims(request.headers[ON_BEHALF_OF_HEADER])["sub"]
            client_id, recipient = request.query_params["client_id"], request.query_params["recipient_organisation_id"]
            self.asked.append((person, [client_id]))
            if not (self.everyone or client_id in self.reach.get(person, set())):
                return JSONResponse({"type": "client-not-found"}, status_code=404)
            given = self.consents.get((client_id, recipient), set())
            missing = sorted(set(request.query_params.getlist("categories")) - given)
            consent_id = "c0000000-0000-4000-8000-000000000001" if given else None
            return JSONResponse({"holds": not missing, "consent_id": consent_id, "missing_categories": missing})


@pytest.fixture
async def clients_api(app: FastAPI, test_issuer: TestIssuer) -> AsyncIterator[ClientsApiReach]:
    fake = ClientsApiReach(test_issuer)
    original = app.state.clients_api
    app.state.clients_api = ServiceClient(
        base_url="http://clients.test",
        token_url="http://clients.test/auth/token",
        client_id="svc-employer",
        client_secret="svc-employer-secret",
        name="clients-api",
        transport=httpx.ASGITransport(app=fake.app),
    )
    try:
        yield fake
    finally:
        await app.state.clients_api.aclose()
        app.state.clients_api = original
