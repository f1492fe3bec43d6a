from typing import ClassVar, Self

from pydantic import SecretStr, model_validator

from polku_kit.settings import BaseServiceSettings, Environment

DEVELOPMENT_CLIENT_SECRET = "svc-referrals-secret"  # noqa: S105


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "referrals-api"
    database_name: ClassVar[str] = "referrals"
    root_path: str = "/api/referrals"

    # clients-api, asked for consent checks at send time, with referrals-api's own machine client.
    clients_api_url: str = "http://127.0.0.1:8001"
    oidc_token_url: str = "http://127.0.0.1:8010/auth/token"  # noqa: S105
    referrals_client_id: str = "svc-referrals"
    referrals_client_secret: SecretStr = SecretStr(DEVELOPMENT_CLIENT_SECRET)

    @model_validator(mode="after")
    def _refuse_the_development_client_secret_in_production(self) -> Self:
        if self.env is Environment.production and (
            self.referrals_client_secret.get_secret_value() == DEVELOPMENT_CLIENT_SECRET
        ):
            raise ValueError("POLKU_REFERRALS_CLIENT_SECRET must be set to a secret of its own in production")
        return self
