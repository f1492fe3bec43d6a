"""referrals-api's own settings: its machine client for calling clients-api."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from polku_kit.testing import PRODUCTION_SETTINGS
from referrals_api.settings import Settings

PRODUCTION = PRODUCTION_SETTINGS


class TestSettings:
    def test_production_refuses_the_development_client_secret(self) -> None:
        with pytest.raises(ValidationError, match="POLKU_REFERRALS_CLIENT_SECRET"):
            Settings(**PRODUCTION)
        assert Settings(**PRODUCTION, referrals_client_secret="from-the-vault").referrals_client_id == "svc-referrals"

    def test_development_has_working_defaults(self) -> None:
        settings = Settings(env="development")
        assert settings.referrals_client_secret.get_secret_value() == "svc-referrals-secret"
        assert settings.oidc_token_url.endswith("/auth/token")
