import os

from fastapi import FastAPI

from polku_identity.keys import SigningKey
from polku_identity.server import AuthorizationServer, Issuer
from polku_identity.settings import Settings
from polku_identity.views import router


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()  # raises ProductionRefused with POLKU_ENV=production
    # Authlib refuses plain-HTTP redirect URIs unless told otherwise; this issuer never runs in production,
    # and in development the gateway is served over plain HTTP on localhost.
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    key = SigningKey.load_or_create(settings.key_file)
    issuer = Issuer(settings, key)
    app = FastAPI(title="Polku local OIDC issuer", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.signing_key = key
    app.state.issuer = issuer
    app.state.authorization_server = AuthorizationServer(issuer)
    app.include_router(router)
    return app
