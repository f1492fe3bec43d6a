"""employer-api's own settings: its machine client for calling clients-api, and the secrets of inbound events."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from employer_api.settings import Settings
from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET
from polku_kit.testing import PRODUCTION_SETTINGS


class TestSettings:
    def test_production_refuses_the_development_client_secret(self) -> None:
        with pytest.raises(ValidationError, match="POLKU_EMPLOYER_CLIENT_SECRET"):
            Settings(**PRODUCTION_SETTINGS)
        assert Settings(**PRODUCTION_SETTINGS, employer_client_secret="from-the-vault").employer_client_id == (
            "svc-employer"
        )

    def test_production_refuses_the_development_events_secret(self) -> None:
        with pytest.raises(ValidationError, match="POLKU_INBOUND_WEBHOOK_SECRETS"):
            Settings(
                **PRODUCTION_SETTINGS,
                employer_client_secret="from-the-vault",
                inbound_webhook_secrets=[SecretStr(DEVELOPMENT_EVENTS_SECRET)],
            )

    def test_production_calls_the_national_platform_over_https_with_a_key(self) -> None:
        production = {**PRODUCTION_SETTINGS, "employer_client_secret": "from-the-vault"}
        with pytest.raises(ValidationError, match="POLKU_NATIONAL_API_URL must be https"):
            Settings(**production, national_api_url="http://api.ahtp.fi", national_api_key="k")
        with pytest.raises(ValidationError, match="POLKU_NATIONAL_API_KEY"):
            Settings(**production, national_api_url="https://api.ahtp.fi")
        assert Settings(**production, national_api_url="https://api.ahtp.fi", national_api_key="k").national_api_url
        assert Settings(**production).national_api_url is None  # the exchange is off
