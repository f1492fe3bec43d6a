"""Settings shared by every service, read from the environment (prefix ``POLKU_``).

A service subclasses :class:`BaseServiceSettings` and sets ``service_name`` and ``database_name``.
Nothing else in Polku reads ``os.environ``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import ClassVar, Self
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

DEVELOPMENT_PII_KEY = "development-only-pii-key-do-not-use-in-production"
# 256 bits if the key is random bytes; a passphrase should be longer.
MINIMUM_PII_KEY_BYTES = 32
# Signs the services' events to each other in development (``make run``); production must set its own.
DEVELOPMENT_EVENTS_SECRET = "whsec_cG9sa3UgZGV2ZWxvcG1lbnQgZXZlbnRzIHNlY3JldA=="  # noqa: S105


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


class EventSubscriber(BaseModel):
    """Another Polku service that receives this service's events (configured by the operator, not through the
    subscription API, so its address may be inside the cluster)."""

    name: str = Field(
        description="Who receives: its internal subscription is kept under this name, whatever its URL (unique)"
    )
    url: str = Field(description="The receiver's endpoint, e.g. http://clients-api:8001/v1/events")
    secret: SecretStr = Field(description="The Standard Webhooks secret (whsec_…) the receiver also holds")
    sources: list[str] = Field(description="The services whose events it wants (service names)")
    event_types: list[str] = Field(default=["*"], description="Patterns: *, an exact type or a prefix.*")


class BaseServiceSettings(BaseSettings):
    """What every service needs: where its database is, whom to trust, how to log."""

    model_config = SettingsConfigDict(env_prefix="POLKU_", extra="ignore")

    service_name: ClassVar[str] = "service"
    database_name: ClassVar[str] = "postgres"
    # Whether the service mounts the audited fetch of its events (``GET /v1/webhook-events/{id}``,
    # :mod:`polku_kit.webhooks.events`): only then may a subscription ask for thin payloads.
    serves_webhook_events: ClassVar[bool] = False

    env: Environment = Environment.development
    public_url: str = "http://localhost:8080"
    root_path: str = ""
    var_dir: Path = Path("var")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/"
    # A full URL for this service alone (``POLKU_CLIENTS_DATABASE_URL``); set through ``service_database_url``.
    service_database_url: str | None = Field(default=None, exclude=True)
    # Every connection is kept in the pool: an overflow connection is closed when it comes back, and under a steady
    # load above the pool's size each request then paid for a new one (connecting, its statements prepared again).
    # The ceiling is the same twenty as when it was ten and ten.
    database_pool_size: int = 20
    database_max_overflow: int = 0

    oidc_issuer: str = "http://localhost:8080/auth"
    oidc_audience: str = "polku-api"
    oidc_jwks_url: str = "http://127.0.0.1:8010/auth/jwks"
    oidc_algorithms: list[str] = ["RS256", "PS256", "ES256"]
    jwks_cache_seconds: int = 300
    # A token living longer than this (``exp - iat``) is refused: room for Entra ID's 60–90 minute access tokens
    # (issued five minutes back-dated); Keycloak's default is five minutes, the local issuer's 15 (people) and 60.
    token_max_lifetime_seconds: int = Field(default=2 * 60 * 60, gt=0)
    # How far a token's ``iat`` may lie in the future (clock skew between the issuer and this service).
    token_clock_skew_seconds: int = Field(default=60, ge=0)

    # Encrypts personal identifiers, stored secrets and stored responses (keys derived for each use).
    pii_key: SecretStr = SecretStr(DEVELOPMENT_PII_KEY)

    # Proxies whose X-Forwarded-* headers are trusted: the gateway (``*`` inside a cluster network).
    forwarded_allow_ips: str = "127.0.0.1"

    # Requests one caller (a bearer token, or an address without one) may make to this process per minute, and
    # how many at once; 0 turns the limit off. A backstop: the cluster's ingress sets the real one (decision 13).
    rate_limit_per_minute: int = Field(default=600, ge=0)
    rate_limit_burst: int = Field(default=120, ge=1)

    log_level: str = "INFO"
    log_json: bool = True

    # Webhooks: private and loopback targets are refused unless this is set (development and tests only).
    webhooks_allow_private_targets: bool = False
    webhook_max_attempts: int = 13
    webhook_timeout_seconds: float = 10.0
    # The dispatcher wakes on a notification of new events; without one it looks every this many seconds.
    webhook_poll_seconds: float = Field(default=30.0, gt=0)
    # Polku services that receive events (POLKU_EVENT_SUBSCRIBERS, JSON); each service's dispatcher keeps an
    # internal subscription for every entry that names it among ``sources``, found by the entry's name (decision 83).
    event_subscribers: list[EventSubscriber] = []
    # Received events (the inbox, decision 33): the waits in seconds after each failed attempt at handling one;
    # the failure after the last wait parks it for an administrator (the default: five attempts over about six
    # minutes). Each wait is drawn with full jitter around its value.
    inbox_retry_schedule_seconds: list[float] = Field(default=[2.0, 10.0, 60.0, 300.0], min_length=1, max_length=20)

    # Retention (``<service> prune``): idempotency keys, delivered events with their deliveries and attempts,
    # and received events' ids are deleted this many days after they were written (delivered); pending and
    # dead-lettered deliveries stay until they are delivered or replayed.
    retention_days: int = Field(default=30, ge=1)
    # The dispatcher prunes every this many seconds as well (0: only ``<service> prune`` does).
    prune_interval_seconds: float = Field(default=3600.0, ge=0)

    @classmethod
    def from_env(cls, **overrides: object) -> Self:
        import os

        key = f"POLKU_{cls.database_name.upper()}_DATABASE_URL"
        if key in os.environ and "service_database_url" not in overrides:
            overrides["service_database_url"] = os.environ[key]
        return cls(**overrides)  # type: ignore[arg-type]

    @property
    def database_dsn(self) -> str:
        """The SQLAlchemy URL of this service's own database."""
        if self.service_database_url:
            return self.service_database_url
        return make_url(self.database_url).set(database=self.database_name).render_as_string(hide_password=False)

    @field_validator("inbox_retry_schedule_seconds")
    @classmethod
    def _waits_positive_and_growing(cls, waits: list[float]) -> list[float]:
        if any(wait <= 0 or wait > 86_400 for wait in waits):
            raise ValueError("every wait must be more than 0 and at most 86400 seconds")
        if waits != sorted(waits):
            raise ValueError("the waits must not shrink from one attempt to the next")
        return waits

    @field_validator("event_subscribers")
    @classmethod
    def _subscriber_names_unique(cls, subscribers: list[EventSubscriber]) -> list[EventSubscriber]:
        # A dispatcher keeps one internal subscription per name: two entries of one name would take turns at it.
        names = [subscriber.name for subscriber in subscribers]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(
                "POLKU_EVENT_SUBSCRIBERS: each receiver's name must be unique (its internal subscription is kept "
                f"under it), and these are given more than once: {', '.join(twice)}"
            )
        return subscribers

    @property
    def inbox_max_attempts(self) -> int:
        """Attempts at handling a received event before it is parked: one more than the waits between them."""
        return len(self.inbox_retry_schedule_seconds) + 1

    @model_validator(mode="after")
    def _refuse_development_defaults_in_production(self) -> Self:
        if self.env is Environment.production:
            if self.pii_key.get_secret_value() == DEVELOPMENT_PII_KEY:
                raise ValueError("POLKU_PII_KEY must be set to a secret of its own in production")
            if len(self.pii_key.get_secret_value().encode()) < MINIMUM_PII_KEY_BYTES:
                raise ValueError(f"POLKU_PII_KEY must be at least {MINIMUM_PII_KEY_BYTES} bytes in production")
            for name, url in (("POLKU_OIDC_ISSUER", self.oidc_issuer), ("POLKU_OIDC_JWKS_URL", self.oidc_jwks_url)):
                if urlsplit(url).scheme != "https" or not urlsplit(url).hostname:
                    raise ValueError(f"{name} must be set to an https URL in production")
            if self.webhooks_allow_private_targets:
                raise ValueError("POLKU_WEBHOOKS_ALLOW_PRIVATE_TARGETS must not be set in production")
            if any(s.secret.get_secret_value() == DEVELOPMENT_EVENTS_SECRET for s in self.event_subscribers):
                raise ValueError("POLKU_EVENT_SUBSCRIBERS must not use the development secret in production")
        for algorithm in self.oidc_algorithms:
            if algorithm.upper() in {"NONE", "HS256", "HS384", "HS512"}:
                raise ValueError(f"token algorithm {algorithm} is not allowed: only asymmetric algorithms are")
        return self
