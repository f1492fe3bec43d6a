import uuid
from typing import ClassVar, Self

from pydantic import SecretStr, model_validator

from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET, BaseServiceSettings, Environment

DEVELOPMENT_CLIENT_SECRET = "svc-employer-secret"  # noqa: S105 - the local issuer's development secret


class Settings(BaseServiceSettings):
    service_name: ClassVar[str] = "employer-api"
    database_name: ClassVar[str] = "employer"
    serves_webhook_events: ClassVar[bool] = True
    root_path: str = "/api/employer"

    # clients-api, asked which candidates a staff member reaches and whether a client's consent covers an
    # introduction, with employer-api's own machine client.
    clients_api_url: str = "http://127.0.0.1:8001"
    oidc_token_url: str = "http://127.0.0.1:8010/auth/token"  # noqa: S105 - a URL, not a secret
    employer_client_id: str = "svc-employer"
    employer_client_secret: SecretStr = SecretStr(DEVELOPMENT_CLIENT_SECRET)
    # Standard Webhooks secrets (``whsec_…``) of the services whose events feed the candidate profiles
    # (``POLKU_INBOUND_WEBHOOK_SECRETS='["whsec_…"]'``); several during a sender's secret rotation.
    inbound_webhook_secrets: list[SecretStr] = []
    # The national platform's Standard Webhooks secrets, for ``POST /v1/platform/events``
    # (``POLKU_PLATFORM_WEBHOOK_SECRETS='["whsec_…"]'``); two while the platform rotates its secret.
    platform_webhook_secrets: list[SecretStr] = []

    # The national job-posting interfaces through KEHA's Kipa (employer_api.national): off while the URL is unset.
    # The key is the ``KIPA-Subscription-Key`` KEHA delivers; the calls must leave from the allow-listed addresses.
    national_api_url: str | None = None
    national_api_key: SecretStr = SecretStr("")
    # The authority whose vacancies are sent (P66) and whom the postings read from P67 are imported for, and the
    # municipalities whose postings it imports.
    national_authority_id: uuid.UUID | None = None
    national_municipalities: list[str] = []
    # No rate limit is published: keep under this pace, and honour Retry-After on a 429.
    national_requests_per_second: float = 2.0
    national_attempts: int = 5  # tries of one call before the run gives up on it
    national_backoff_seconds: float = 1.0

    @model_validator(mode="after")
    def _refuse_development_secrets_in_production(self) -> Self:
        if self.env is Environment.production:
            if self.employer_client_secret.get_secret_value() == DEVELOPMENT_CLIENT_SECRET:
                raise ValueError("POLKU_EMPLOYER_CLIENT_SECRET must be set to a secret of its own in production")
            if any(secret.get_secret_value() == DEVELOPMENT_EVENTS_SECRET for secret in self.inbound_webhook_secrets):
                raise ValueError("POLKU_INBOUND_WEBHOOK_SECRETS must not hold the development secret in production")
            if any(secret.get_secret_value() == DEVELOPMENT_EVENTS_SECRET for secret in self.platform_webhook_secrets):
                raise ValueError("POLKU_PLATFORM_WEBHOOK_SECRETS must not hold the development secret in production")
            if self.national_api_url and not self.national_api_url.startswith("https://"):
                raise ValueError("POLKU_NATIONAL_API_URL must be https in production")
            if self.national_api_url and not self.national_api_key.get_secret_value():
                raise ValueError("POLKU_NATIONAL_API_KEY must be set when POLKU_NATIONAL_API_URL is")
        return self
