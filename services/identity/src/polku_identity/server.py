"""The OAuth 2.0 and OpenID Connect protocol, done by Authlib's server classes; this module adapts them to
Starlette and supplies the clients, the storage and the token format.

- Authorization code with PKCE for the public SPA client: S256 only, and required before the login form is
  shown. Codes are single-use and expire in 60 seconds. OpenID Connect adds the ``id_token`` (audience
  ``polku-spa``, the request's ``nonce``).
- Refresh tokens for the SPA, rotated on every use and valid at most one sign-in's lifetime.
- Client credentials for machine clients, with ``client_secret_basic`` or ``client_secret_post``.
- RP-initiated logout to a registered ``post_logout_redirect_uri`` only.

Authlib reads requests synchronously, so each view first reads the query string or form and hands Authlib
a request built from it (:func:`oauth2_request`).
"""

import secrets
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from authlib.oauth2 import AuthorizationServer as _AuthorizationServer
from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Payload, OAuth2Request, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.rpinitiated import EndSessionEndpoint, EndSessionRequest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from polku_identity.demo import PEOPLE, Person
from polku_identity.keys import ALGORITHM, SigningKey
from polku_identity.models import SCOPES, AuthorizationCode, Client, GrantStore, RefreshToken, registered_clients
from polku_identity.settings import Settings
from polku_identity.tokens import TokenIssuer, person_claims

CREDENTIAL_FIELDS = frozenset({"username", "password"})


class _Payload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, items: Iterable[tuple[str, str]]):
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in items:
            self._datalist[key].append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class StarletteOAuth2Request(OAuth2Request):  # type: ignore[misc]
    """An Authlib request made of what the async view has already read."""

    def __init__(self, method: str, url: str, headers: Mapping[str, str], items: Iterable[tuple[str, str]]):
        super().__init__(method=method, uri=url, headers=headers)
        self.payload = _Payload(items)

    @property
    def args(self) -> dict[str, str]:
        return self.payload.data

    @property
    def form(self) -> dict[str, str]:
        return self.payload.data


async def oauth2_request(request: Request) -> tuple[StarletteOAuth2Request, dict[str, str]]:
    """The protocol parameters (query string for GET, form body for POST) as an Authlib request, and apart
    from them the sign-in form's username and password, which Authlib never sees."""
    if request.method == "POST":
        form = await request.form()
        items = [(key, value) for key, value in form.multi_items() if isinstance(value, str)]
    else:
        items = list(request.query_params.multi_items())
    credentials = {key: value for key, value in items if key in CREDENTIAL_FIELDS}
    parameters = [(key, value) for key, value in items if key not in CREDENTIAL_FIELDS]
    return StarletteOAuth2Request(request.method, str(request.url), request.headers, parameters), credentials


class RequireS256(CodeChallenge):  # type: ignore[misc]
    """PKCE with S256, required of public clients already at the authorization request (``plain`` protects
    nothing against a leaked challenge)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: grants.BaseGrant, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if grant.request.client.is_public and (
            not data.get("code_challenge") or data.get("code_challenge_method") != "S256"
        ):
            raise InvalidRequestError("PKCE is required: send code_challenge with code_challenge_method=S256")
        super().validate_code_challenge(grant, redirect_uri)


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        self.server.store.add_code(
            AuthorizationCode(
                code=code,
                client_id=request.client.client_id,
                redirect_uri=data["redirect_uri"],
                scope=request.scope or "",
                username=request.user.username,
                nonce=data.get("nonce"),
                code_challenge=data.get("code_challenge"),
                code_challenge_method=data.get("code_challenge_method"),
            )
        )

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        return self.server.store.take_code(code, client.client_id)  # type: ignore[no-any-return]

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        self.server.store.remove_code(authorization_code.code)

    def authenticate_user(self, authorization_code: AuthorizationCode) -> Person | None:
        return PEOPLE.get(authorization_code.username)


class RefreshTokenGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: str) -> RefreshToken | None:
        return self.server.store.find_refresh_token(refresh_token)  # type: ignore[no-any-return]

    def authenticate_user(self, refresh_token: RefreshToken) -> Person | None:
        return PEOPLE.get(refresh_token.username)

    def revoke_old_credential(self, refresh_token: RefreshToken) -> None:
        refresh_token.revoked = True


class ClientCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class PolkuOpenIDCode(OpenIDCode):  # type: ignore[misc]
    def __init__(self, server: "AuthorizationServer"):
        super().__init__(require_nonce=False)
        self.server = server

    def resolve_client_private_key(self, client: Client) -> Any:
        return self.server.key.key

    def get_client_algorithm(self, client: Client) -> str:
        return ALGORITHM

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": ALGORITHM, "kid": self.server.key.kid, "typ": "JWT"}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        now = int(time.time())
        settings = self.server.settings
        return {
            "iss": settings.oidc_issuer,
            "aud": client.client_id,
            "iat": now,
            "exp": now + settings.identity_person_token_seconds,
        }

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return self.server.store.nonce_in_use(nonce)

    def generate_user_info(self, user: Person, scope: str) -> UserInfo:
        claims = person_claims(user)
        requested = set(scope.split())
        info = UserInfo(sub=claims["sub"], roles=claims["roles"], org=claims["org"], org_name=claims["org_name"])
        if "profile" in requested:
            info.update(name=claims["name"], preferred_username=claims["preferred_username"])
        if "email" in requested:
            info["email"] = claims["email"]
        return info


class EndSession(EndSessionEndpoint):  # type: ignore[misc]
    def get_server_jwks(self) -> dict[str, Any]:
        return self.server.key.jwks()  # type: ignore[no-any-return]

    def get_algorithms(self) -> list[str]:
        return [ALGORITHM]

    def is_post_logout_redirect_uri_legitimate(
        self, request: OAuth2Request, post_logout_redirect_uri: str, client: Client, logout_hint: str | None
    ) -> bool:
        """The SPA forgets its tokens before it logs out, so it sends its ``client_id`` and no
        ``id_token_hint``. Returning to a URI registered for that client exactly is safe: this issuer keeps
        no sign-in session that a forged logout could end."""
        return True

    def end_session(self, end_session_request: EndSessionRequest) -> None:
        claims = end_session_request.id_token_claims or {}
        username = claims.get("preferred_username")
        if username:
            self.server.store.revoke_refresh_tokens_of(username)


class AuthorizationServer(_AuthorizationServer):  # type: ignore[misc]
    """Authlib's authorization server over Starlette, with this issuer's clients, store and keys."""

    def __init__(self, settings: Settings, key: SigningKey):
        super().__init__(scopes_supported=list(SCOPES))
        self.settings = settings
        self.key = key
        self.tokens = TokenIssuer(settings, key)
        self.store = GrantStore()
        self.clients = registered_clients(settings)
        self.register_token_generator("default", self._generate_token)
        self.register_grant(AuthorizationCodeGrant, [RequireS256(required=True), PolkuOpenIDCode(self)])
        self.register_grant(RefreshTokenGrant)
        self.register_grant(ClientCredentialsGrant)
        self.register_endpoint(EndSession)

    def _generate_token(
        self,
        grant_type: str,
        client: Client,
        user: Person | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        if client.machine is not None:
            issued = self.tokens.for_machine(client.machine)
        elif user is not None:
            issued = self.tokens.for_person(user)
        else:
            raise InvalidRequestError("A token is for a person or a machine client")
        token: dict[str, Any] = {"token_type": "Bearer", "access_token": issued.value, "expires_in": issued.expires_in}
        if scope:
            token["scope"] = scope
        if include_refresh_token and user is not None:
            token["refresh_token"] = secrets.token_urlsafe(32)
        return token

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Access tokens are self-contained JWTs; only a refresh token is remembered. A rotated refresh token
        keeps the expiry of the sign-in it continues."""
        if "refresh_token" not in token:
            return
        previous: RefreshToken | None = request.refresh_token
        if previous is not None:
            expires_at = previous.expires_at
        else:
            expires_at = int(time.time()) + self.settings.identity_refresh_token_seconds
        self.store.add_refresh_token(
            RefreshToken(
                token["refresh_token"],
                request.client.client_id,
                request.user.username,
                token.get("scope", ""),
                expires_at,
            )
        )

    def query_client(self, client_id: str) -> Client | None:
        return self.clients.get(client_id)

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        if not isinstance(request, OAuth2Request):
            raise TypeError("build requests with polku_identity.server.oauth2_request")
        return request

    def create_json_request(self, request: Any) -> Any:
        raise NotImplementedError("no JSON endpoints")

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        if isinstance(body, dict):
            plain = [(name, value) for name, value in headers if name.lower() != "content-type"]
            return JSONResponse(body, status_code=status, headers=dict(plain))
        return Response(body or b"", status_code=status, headers=dict(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Authlib's hook for framework signals; nothing listens here."""


def provider_metadata(settings: Settings) -> dict[str, Any]:
    """The OpenID Connect discovery document, with absolute URLs under the public issuer URL."""
    issuer = settings.oidc_issuer
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/jwks",
        "end_session_endpoint": f"{issuer}/logout",
        "scopes_supported": list(SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [ALGORITHM],
        "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": [
            "iss",
            "aud",
            "sub",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "name",
            "preferred_username",
            "email",
            "roles",
            "org",
            "org_name",
            "client_id",
        ],
        "ui_locales_supported": ["fi", "sv", "en"],
        "request_parameter_supported": False,
        "claims_parameter_supported": False,
    }
