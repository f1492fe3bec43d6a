"""The issuer's settings, read from ``POLKU_*`` environment variables (docs/contract.md)."""

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PRODUCTION_REFUSAL = (
    "polku-identity is a development and demo issuer and refuses to run with POLKU_ENV=production. "
    "In production, point the services at the municipality's OpenID Connect provider with "
    "POLKU_OIDC_ISSUER, POLKU_OIDC_AUDIENCE and POLKU_OIDC_JWKS_URL."
)


class ProductionRefused(RuntimeError):
    """The local issuer is for development and the demo only."""

    def __init__(self) -> None:
        super().__init__(PRODUCTION_REFUSAL)


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLKU_", extra="ignore")

    env: str = "development"
    public_url: str = "http://localhost:8080"
    oidc_issuer: str = "http://localhost:8080/auth"
    oidc_audience: str = "polku-api"
    var_dir: Path = Path("var")
    identity_spa_redirect_uris: str = "http://localhost:8080/callback"
    """Comma-separated; the SPA's ``redirect_uri`` must be one of these exactly."""
    identity_spa_post_logout_redirect_uris: str = ""
    """Comma-separated; empty means the root of the public URL and of each redirect URI's origin."""
    identity_person_token_seconds: int = 15 * 60
    identity_machine_token_seconds: int = 60 * 60
    identity_refresh_token_seconds: int = 8 * 60 * 60
    """How long a sign-in lasts at most when the SPA keeps refreshing its tokens (a working day)."""
    identity_sign_in_per_minute: int = 10
    """Password or client-secret checks per account and client address a minute (five times that per address
    across accounts); 0 turns the limit off."""
    identity_sign_in_burst: int = 10
    forwarded_allow_ips: str = "127.0.0.1"
    log_json: bool = True
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _never_in_production(self) -> "Settings":
        self.refuse_production()
        self.oidc_issuer = self.oidc_issuer.rstrip("/")
        self.public_url = self.public_url.rstrip("/")
        return self

    def refuse_production(self) -> None:
        if self.env.strip().lower() == "production":
            raise ProductionRefused()

    @property
    def redirect_uris(self) -> list[str]:
        return _split(self.identity_spa_redirect_uris)

    @property
    def post_logout_redirect_uris(self) -> list[str]:
        configured = _split(self.identity_spa_post_logout_redirect_uris)
        if configured:
            return configured
        roots = {f"{self.public_url}/"} | {f"{_origin(uri)}/" for uri in self.redirect_uris}
        return sorted(roots)

    @property
    def cors_origins(self) -> list[str]:
        """The SPA's origins: the public URL and where its redirect URIs live (a Vite dev server, say)."""
        return sorted({_origin(self.public_url)} | {_origin(uri) for uri in self.redirect_uris})

    @property
    def key_file(self) -> Path:
        return self.var_dir / "identity" / "signing-key.pem"
