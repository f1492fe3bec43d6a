import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from metrics_api import SERVICE_DIR
from metrics_api.main import create_app
from metrics_api.settings import Settings
from polku_kit.testing import ServiceSpec

from .factories import SECRET


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)


@pytest.fixture(autouse=True)
def inbound_secret(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> str:
    """metrics-api trusts the test's signing secret as it trusts clients-api's and referrals-api's."""
    monkeypatch.setattr(app.state.settings, "inbound_webhook_secrets", [SecretStr(SECRET)])
    return SECRET
