from pathlib import Path

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ProductionRefused(RuntimeError):
    """The local issuer is for development and the demo only."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLKU_", extra="ignore")

    env: str = "development"
    public_url: str = "http://localhost:8080"
    oidc_issuer: str = "http://localhost:8080/auth"
    oidc_audience: str = "polku-api"
    var_dir: Path = Path("var")
    identity_spa_redirect_uris: str = "http://localhost:8080/callback"
    identity_person_token_seconds: int = 3600
    identity_machine_token_seconds: int = 3600

    @model_validator(mode="after")
    def _never_in_production(self) -> "Settings":
        if self.env == "production":
            raise ProductionRefused(
                "The local issuer refuses to run with POLKU_ENV=production: use the municipality's OIDC "
                "provider and set POLKU_OIDC_ISSUER, POLKU_OIDC_AUDIENCE and POLKU_OIDC_JWKS_URL."
            )
        return self

    @property
    def redirect_uris(self) -> list[str]:
        return [uri.strip() for uri in self.identity_spa_redirect_uris.split(",") if uri.strip()]

    @property
    def post_logout_redirect_uris(self) -> list[str]:
        origins = {uri.rsplit("/", 1)[0] + "/" for uri in self.redirect_uris}
        return sorted(origins | {self.public_url.rstrip("/") + "/"})

    @property
    def key_file(self) -> Path:
        return self.var_dir / "identity" / "signing-key.pem"
