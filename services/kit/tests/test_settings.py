import pytest
from pydantic import ValidationError

from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET, BaseServiceSettings
from polku_kit.testing import PRODUCTION_SETTINGS


class ExampleSettings(BaseServiceSettings):
    database_name = "example"


PRODUCTION = PRODUCTION_SETTINGS


class TestProductionRefusesDevelopmentDefaults:
    def test_development_pii_key_is_refused_in_production(self) -> None:
        with pytest.raises(ValidationError, match="POLKU_PII_KEY"):
            ExampleSettings(env="production")

    def test_private_webhook_targets_are_refused_in_production(self) -> None:
        with pytest.raises(ValidationError, match="WEBHOOKS_ALLOW_PRIVATE_TARGETS"):
            ExampleSettings(**PRODUCTION, webhooks_allow_private_targets=True)

    def test_the_development_events_secret_is_refused_in_production(self) -> None:
        subscriber = {
            "name": "timeline",
            "url": "http://clients-api:8001/v1/events",
            "secret": DEVELOPMENT_EVENTS_SECRET,
            "sources": ["referrals-api"],
        }
        with pytest.raises(ValidationError, match="POLKU_EVENT_SUBSCRIBERS"):
            ExampleSettings(**PRODUCTION, event_subscribers=[subscriber])
        assert ExampleSettings(**PRODUCTION, event_subscribers=[subscriber | {"secret": "whsec_b3duLXNlY3JldA=="}])

    def test_production_with_its_own_secrets_starts(self) -> None:
        assert ExampleSettings(**PRODUCTION).env == "production"

    def test_a_short_pii_key_is_refused_in_production(self) -> None:
        with pytest.raises(ValidationError, match="at least 32 bytes"):
            ExampleSettings(**{**PRODUCTION, "pii_key": "x" * 31})
        assert ExampleSettings(**{**PRODUCTION, "pii_key": "ä" * 16})  # bytes, not characters

    @pytest.mark.parametrize("setting", ["oidc_issuer", "oidc_jwks_url"])
    @pytest.mark.parametrize("url", ["http://login.example.fi/realms/polku", "https://", "login.example.fi"])
    def test_the_issuer_and_the_jwks_must_be_https_in_production(self, setting: str, url: str) -> None:
        with pytest.raises(ValidationError, match=f"POLKU_{setting.upper()} must be set to an https URL"):
            ExampleSettings(**{**PRODUCTION, setting: url})

    def test_the_development_issuer_defaults_are_refused_in_production(self) -> None:
        with pytest.raises(ValidationError, match="POLKU_OIDC_ISSUER"):
            ExampleSettings(env="production", pii_key=PRODUCTION["pii_key"])

    @pytest.mark.parametrize("algorithm", ["none", "HS256", "hs512"])
    def test_symmetric_or_no_algorithm_cannot_be_allowed(self, algorithm: str) -> None:
        with pytest.raises(ValidationError, match="only asymmetric"):
            ExampleSettings(oidc_algorithms=["RS256", algorithm])


class TestDatabaseUrl:
    def test_server_url_gets_the_service_database(self) -> None:
        settings = ExampleSettings(database_url="postgresql+asyncpg://polku:pw@db.example:5432/")
        assert settings.database_dsn == "postgresql+asyncpg://polku:pw@db.example:5432/example"

    def test_service_url_from_environment_wins(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("POLKU_EXAMPLE_DATABASE_URL", "postgresql+asyncpg://other/ex1")
        monkeypatch.setenv("POLKU_DATABASE_URL", "postgresql+asyncpg://server/")
        assert ExampleSettings.from_env().database_dsn == "postgresql+asyncpg://other/ex1"


class TestInboxRetrySchedule:
    def test_the_schedule_is_read_from_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("POLKU_INBOX_RETRY_SCHEDULE_SECONDS", "[0.5, 1, 1]")
        settings = ExampleSettings()
        assert (settings.inbox_retry_schedule_seconds, settings.inbox_max_attempts) == ([0.5, 1, 1], 4)

    @pytest.mark.parametrize(
        "waits",
        [[], [0], [-1, 2], [2, 1], [90_000]],
        ids=["none", "zero", "negative", "shrinking", "past-a-day"],
    )
    def test_a_schedule_that_cannot_work_is_refused(self, waits: list[float]) -> None:
        with pytest.raises(ValidationError, match="inbox_retry_schedule_seconds"):
            ExampleSettings(inbox_retry_schedule_seconds=waits)


class TestEventSubscribers:
    def test_two_receivers_of_one_name_are_refused(self) -> None:
        """Each internal subscription is kept under its receiver's name (decision 83)."""

        def entry(name: str, url: str) -> dict[str, object]:
            return {"name": name, "url": url, "secret": DEVELOPMENT_EVENTS_SECRET, "sources": ["referrals-api"]}

        timeline = entry("clients-api timeline", "http://clients-api:8001/v1/events")
        metrics = entry("metrics-api read model", "http://metrics-api:8004/v1/events")
        moved = entry("clients-api timeline", "http://clients-api.polku:8001/v1/events")
        given_twice = "POLKU_EVENT_SUBSCRIBERS: each receiver's name must be unique .*given more than once: "
        with pytest.raises(ValidationError, match=given_twice + r"clients-api timeline \["):
            ExampleSettings(event_subscribers=[timeline, metrics, moved])
        # One URL under two names is two subscriptions (as clients-api's timeline from two sources is).
        same_url = entry("clients-api timeline (employer services)", "http://clients-api:8001/v1/events")
        settings = ExampleSettings(event_subscribers=[timeline, metrics, same_url])
        assert [subscriber.name for subscriber in settings.event_subscribers] == [
            "clients-api timeline",
            "metrics-api read model",
            "clients-api timeline (employer services)",
        ]
