import uuid
from typing import ClassVar, Self

from pydantic import BaseModel, SecretStr, model_validator

from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET, BaseServiceSettings, Environment

DEVELOPMENT_CLIENT_SECRET = "svc-clients-secret"  # noqa: S105 - the local issuer's development secret


class PersonalDataSource(BaseModel):
    """Another service that holds personal data, asked for its part of the access export at
    ``GET {url}/v1/data-subjects/{client_id}/personal-data`` (docs/contract.md)."""

    name: str
    url: str


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "clients-api"
    database_name: ClassVar[str] = "clients"
    serves_webhook_events: ClassVar[bool] = True
    root_path: str = "/api/clients"
    # Standard Webhooks secrets (``whsec_…``) of the services whose events feed the timeline
    # (``POLKU_INBOUND_WEBHOOK_SECRETS='["whsec_…"]'``); several during a sender's secret rotation.
    inbound_webhook_secrets: list[SecretStr] = []
    # The national platform's Standard Webhooks secrets, for ``POST /v1/platform/events``
    # (``POLKU_PLATFORM_WEBHOOK_SECRETS='["whsec_…"]'``); two while the platform rotates its secret.
    platform_webhook_secrets: list[SecretStr] = []

    # The services the personal-data export asks for their part, with clients-api's own machine client
    # (``POLKU_PERSONAL_DATA_SOURCES='[{"name": "referrals-api", "url": "http://…"}]'``); every one must answer.
    personal_data_sources: list[PersonalDataSource] = [
        PersonalDataSource(name="referrals-api", url="http://127.0.0.1:8002"),
        PersonalDataSource(name="employer-api", url="http://127.0.0.1:8003"),
    ]

    # The national platform's job seekers, read by the reconciliation (clients_api.reconciliation): off while the
    # URL is unset; the key goes in the KIPA-Subscription-Key header; the organisation the job seekers belong to.
    national_api_url: str | None = None
    national_api_key: SecretStr = SecretStr("")
    national_organisation_id: uuid.UUID | None = None
    oidc_token_url: str = "http://127.0.0.1:8010/auth/token"  # noqa: S105 - a URL, not a secret
    clients_client_id: str = "svc-clients"
    clients_client_secret: SecretStr = SecretStr(DEVELOPMENT_CLIENT_SECRET)

    @model_validator(mode="after")
    def _refuse_the_development_secret_in_production(self) -> Self:
        if self.env is Environment.production and any(
            secret.get_secret_value() == DEVELOPMENT_EVENTS_SECRET for secret in self.inbound_webhook_secrets
        ):
            raise ValueError("POLKU_INBOUND_WEBHOOK_SECRETS must not hold the development secret in production")
        if self.env is Environment.production and any(
            secret.get_secret_value() == DEVELOPMENT_EVENTS_SECRET for secret in self.platform_webhook_secrets
        ):
            raise ValueError("POLKU_PLATFORM_WEBHOOK_SECRETS must not hold the development secret in production")
        if (
            self.env is Environment.production
            and self.personal_data_sources
            and (self.clients_client_secret.get_secret_value() == DEVELOPMENT_CLIENT_SECRET)
        ):
            raise ValueError("POLKU_CLIENTS_CLIENT_SECRET must be set to a secret of its own in production")
        return self
