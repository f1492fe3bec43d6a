"""Clients, authorization codes and refresh tokens as Authlib expects them, and the in-memory store.

Authorization codes live 60 seconds and refresh tokens one sign-in's lifetime, in this process's memory
only: the issuer runs as a single process in development and the demo, and a restart signs people out (the
signing key survives, so access tokens already issued stay valid until they expire)."""

import time
from dataclasses import dataclass, field
from typing import Any

from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin
from authlib.oidc.core import AuthorizationCodeMixin

from polku_identity.demo import MACHINE_CLIENTS, SPA_CLIENT_ID, MachineClient
from polku_identity.settings import Settings

CODE_LIFETIME_SECONDS = 60
SCOPES = ("openid", "profile", "email")


@dataclass(frozen=True)
class Client(ClientMixin):  # type: ignore[misc]
    """The public SPA client (authorization code with PKCE, refresh) or a confidential machine client
    (client credentials, authenticating with client_secret_basic or client_secret_post)."""

    client_id: str
    redirect_uris: tuple[str, ...] = ()
    post_logout_redirect_uris: tuple[str, ...] = ()
    machine: MachineClient | None = None

    @property
    def is_public(self) -> bool:
        return self.machine is None

    @property
    def client_metadata(self) -> dict[str, Any]:
        return {"post_logout_redirect_uris": list(self.post_logout_redirect_uris)}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        """No default: the request must name its redirect URI, and it must match a registered one exactly."""
        return None

    def get_allowed_scope(self, scope: str) -> str:
        if not self.is_public:
            return ""
        return " ".join(item for item in (scope or "").split() if item in SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return self.machine is not None and self.machine.check_secret(client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.is_public:
            return method == "none"
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return self.is_public and response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        if self.is_public:
            return grant_type in ("authorization_code", "refresh_token")
        return grant_type == "client_credentials"


def registered_clients(settings: Settings) -> dict[str, Client]:
    clients = {
        SPA_CLIENT_ID: Client(
            SPA_CLIENT_ID,
            redirect_uris=tuple(settings.redirect_uris),
            post_logout_redirect_uris=tuple(settings.post_logout_redirect_uris),
        )
    }
    for client_id, machine in MACHINE_CLIENTS.items():
        clients[client_id] = Client(client_id, machine=machine)
    return clients


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):  # type: ignore[misc]
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    username: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def is_expired(self) -> bool:
        return time.time() - self.auth_time > CODE_LIFETIME_SECONDS

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> list[str]:
        return ["pwd"]


@dataclass
class RefreshToken(TokenMixin):  # type: ignore[misc]
    """Single use: each refresh returns a new one and retires the old (rotation, as a public client needs)."""

    value: str
    client_id: str
    username: str
    scope: str
    expires_at: int
    revoked: bool = False

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return max(0, self.expires_at - int(time.time()))

    def is_expired(self) -> bool:
        return time.time() >= self.expires_at

    def is_revoked(self) -> bool:
        return self.revoked


class GrantStore:
    """Codes and refresh tokens of this process; expired entries are dropped as new ones arrive."""

    def __init__(self) -> None:
        self.codes: dict[str, AuthorizationCode] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}

    def add_code(self, code: AuthorizationCode) -> None:
        self.codes = {key: value for key, value in self.codes.items() if not value.is_expired()}
        self.codes[code.code] = code

    def take_code(self, code: str, client_id: str) -> AuthorizationCode | None:
        found = self.codes.get(code)
        if found is None or found.client_id != client_id or found.is_expired():
            return None
        return found

    def remove_code(self, code: str) -> None:
        self.codes.pop(code, None)

    def nonce_in_use(self, nonce: str) -> bool:
        return any(code.nonce == nonce for code in self.codes.values() if not code.is_expired())

    def add_refresh_token(self, token: RefreshToken) -> None:
        self.refresh_tokens = {
            key: value for key, value in self.refresh_tokens.items() if not (value.is_expired() or value.revoked)
        }
        self.refresh_tokens[token.value] = token

    def find_refresh_token(self, value: str) -> RefreshToken | None:
        token = self.refresh_tokens.get(value)
        if token is None or token.is_expired() or token.is_revoked():
            return None
        return token

    def revoke_refresh_tokens_of(self, username: str) -> None:
        for token in self.refresh_tokens.values():
            if token.username == username:
                token.revoked = True
