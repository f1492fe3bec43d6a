from typing import ClassVar, Self

from pydantic import SecretStr, model_validator

from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET, BaseServiceSettings, Environment


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "metrics-api"
    database_name: ClassVar[str] = "metrics"
    root_path: str = "/api/metrics"
    # Standard Webhooks secrets (``whsec_…``) of the services whose events feed the read model
    # (``POLKU_INBOUND_WEBHOOK_SECRETS='["whsec_…"]'``); several during a sender's secret rotation.
    inbound_webhook_secrets: list[SecretStr] = []

    @model_validator(mode="after")
    def _refuse_the_development_secret_in_production(self) -> Self:
        if self.env is Environment.production and any(
            secret.get_secret_value() == DEVELOPMENT_EVENTS_SECRET for secret in self.inbound_webhook_secrets
        ):
            raise ValueError("POLKU_INBOUND_WEBHOOK_SECRETS must not hold the development secret in production")
        return self
