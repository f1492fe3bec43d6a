"""``create_app()``: the issuer as an ASGI app serving everything under ``/auth``."""

import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from polku_identity.keys import SigningKey
from polku_identity.limits import SignInLimiter
from polku_identity.logs import RequestContextMiddleware
from polku_identity.server import AuthorizationServer
from polku_identity.settings import Settings
from polku_identity.views import router


def create_app(settings: Settings | None = None) -> FastAPI:
    """Raises :class:`~polku_identity.settings.ProductionRefused` when ``POLKU_ENV=production``."""
    settings = settings or Settings()
    settings.refuse_production()
    # Authlib refuses OAuth over plain HTTP except on loopback addresses. This issuer never runs in
    # production, and the demo's gateway and containers talk plain HTTP under other host names.
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")
    key = SigningKey.load_or_create(settings.key_file)
    app = FastAPI(title="Polku local OpenID Connect issuer", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.authorization_server = AuthorizationServer(settings, key)
    app.state.sign_in_limiter = SignInLimiter(
        per_minute=settings.identity_sign_in_per_minute, burst=settings.identity_sign_in_burst
    )
    app.include_router(router)
    # The SPA (oidc-client-ts) reads discovery, keys, tokens and userinfo from its own origin.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
    )
    app.add_middleware(RequestContextMiddleware)
    return app
