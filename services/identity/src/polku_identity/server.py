"""The OAuth 2.0 / OpenID Connect protocol, done by Authlib; this module adapts it to Starlette requests and
supplies the storage and token format.

Grants: authorization code with PKCE (S256 required for the public SPA client) plus the OpenID Connect
``id_token``, and client credentials for partner systems and services. Authorization codes live in process
memory for 60 s and are single-use: this issuer runs as one process in development and the demo.
"""

import time
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from authlib.oauth2 import AuthorizationServer as _AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError, OAuth2Payload, OAuth2Request, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from joserfc import jwt
from starlette.responses import Response

from polku_identity.demo import MACHINE_CLIENTS, PEOPLE, SPA_CLIENT_ID, MachineClient, Person
from polku_identity.keys import SigningKey
from polku_identity.settings import Settings

CODE_LIFETIME_SECONDS = 60


@dataclass
class Client(ClientMixin):  # type: ignore[misc]
    client_id: str
    redirect_uris: list[str] = field(default_factory=list)
    post_logout_redirect_uris: list[str] = field(default_factory=list)
    machine: MachineClient | None = None

    @property
    def is_public(self) -> bool:
        return self.machine is None

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "profile", "email"} if self.is_public else set()
        return " ".join(s for s in (scope or "").split() if s in allowed)

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
            return grant_type == "authorization_code"
        return grant_type == "client_credentials"


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


class FormPayload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, data: dict[str, str]):
        self._data = data
        self._datalist = defaultdict(list, {key: [value] for key, value in data.items()})

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class StarletteOAuth2Request(OAuth2Request):  # type: ignore[misc]
    """An Authlib request built from what the async view already read (query and form)."""

    def __init__(self, method: str, url: str, headers: Mapping[str, str], data: dict[str, str]):
        super().__init__(method=method, uri=url, headers=headers)
        self.payload = FormPayload(data)
        self._data = data

    @property
    def args(self) -> dict[str, str]:
        return self._data

    @property
    def form(self) -> dict[str, str]:
        return self._data


class Issuer:
    """Everything the protocol needs: clients, codes, keys and the token format."""

    def __init__(self, settings: Settings, key: SigningKey):
        self.settings = settings
        self.key = key
        self.codes: dict[str, AuthorizationCode] = {}
        self.clients: dict[str, Client] = {
            SPA_CLIENT_ID: Client(
                SPA_CLIENT_ID,
                redirect_uris=settings.redirect_uris,
                post_logout_redirect_uris=settings.post_logout_redirect_uris,
            )
        }
        for client_id, machine in MACHINE_CLIENTS.items():
            self.clients[client_id] = Client(client_id, machine=machine)

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": SigningKey.algorithm, "kid": self.key.kid, "typ": "JWT"}
        return jwt.encode(header, claims, self.key.key, [SigningKey.algorithm])

    def person_claims(self, person: Person) -> dict[str, Any]:
        return {
            "sub": str(person.subject),
            "roles": list(person.roles),
            "org": str(person.organisation.id),
            "org_name": person.organisation.name,
            "name": person.name,
            "preferred_username": person.username,
            "email": person.email,
        }

    def access_token(self, *, person: Person | None = None, machine: MachineClient | None = None,
                     client_id: str) -> tuple[str, int]:
        now = int(time.time())
        if person is not None:
            lifetime = self.settings.identity_person_token_seconds
            claims = self.person_claims(person)
        elif machine is not None:
            lifetime = self.settings.identity_machine_token_seconds
            claims = {
                "sub": machine.client_id,
                "roles": list(machine.roles),
                "org": str(machine.organisation.id),
                "org_name": machine.organisation.name,
                "name": machine.name,
            }
        else:
            raise ValueError("a token is for a person or a machine client")
        claims |= {
            "iss": self.settings.oidc_issuer,
            "aud": self.settings.oidc_audience,
            "iat": now,
            "exp": now + lifetime,
            "jti": uuid.uuid4().hex,
            "client_id": client_id,
        }
        return self.sign(claims), lifetime

    def verify(self, token: str) -> dict[str, Any]:
        decoded = jwt.decode(token, self.key.key, algorithms=[SigningKey.algorithm])
        registry = jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": self.settings.oidc_issuer},
            aud={"essential": True, "value": self.settings.oidc_audience},
            exp={"essential": True},
            sub={"essential": True},
        )
        registry.validate(decoded.claims)
        return dict(decoded.claims)


class S256Challenge(CodeChallenge):  # type: ignore[misc]
    """PKCE with S256 only (``plain`` protects nothing against a leaked challenge)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

    def validate_authorization_request(self) -> str:
        # Refuse a request without PKCE before the person is asked for a password, not only at the token step.
        data = self.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE with code_challenge_method=S256 is required")
        return super().validate_authorization_request()  # type: ignore[no-any-return]

    @property
    def issuer(self) -> Issuer:
        return self.server.issuer  # type: ignore[no-any-return]

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        self.issuer.codes[code] = AuthorizationCode(
            code=code,
            client_id=request.client.client_id,
            redirect_uri=data.get("redirect_uri", ""),
            scope=request.client.get_allowed_scope(data.get("scope", "")),
            username=request.user.username,
            nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        found = self.issuer.codes.get(code)
        if found is None or found.client_id != client.client_id or found.is_expired():
            return None
        return found

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        self.issuer.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: AuthorizationCode) -> Person | None:
        return PEOPLE.get(authorization_code.username)


class ClientCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class PolkuOpenIDCode(OpenIDCode):  # type: ignore[misc]
    def __init__(self, issuer: Issuer):
        super().__init__(require_nonce=False)
        self.issuer = issuer

    def resolve_client_private_key(self, client: Client) -> Any:
        return self.issuer.key.key

    def get_client_algorithm(self, client: Client) -> str:
        return SigningKey.algorithm

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": SigningKey.algorithm, "kid": self.issuer.key.kid}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        return {
            "iss": self.issuer.settings.oidc_issuer,
            "aud": [client.get_client_id()],
            "exp": int(time.time()) + self.issuer.settings.identity_person_token_seconds,
        }

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return any(code.nonce == nonce for code in self.issuer.codes.values())

    def generate_user_info(self, user: Person, scope: str) -> UserInfo:
        claims = self.issuer.person_claims(user)
        info = UserInfo(sub=claims["sub"], roles=claims["roles"], org=claims["org"], org_name=claims["org_name"])
        if "profile" in scope.split():
            info.update(name=claims["name"], preferred_username=claims["preferred_username"])
        if "email" in scope.split():
            info["email"] = claims["email"]
        return info


class AuthorizationServer(_AuthorizationServer):  # type: ignore[misc]
    def __init__(self, issuer: Issuer):
        super().__init__(scopes_supported=["openid", "profile", "email"])
        self.issuer = issuer
        self.register_token_generator("default", self._generate_token)
        self.register_grant(AuthorizationCodeGrant, [S256Challenge(required=True), PolkuOpenIDCode(issuer)])
        self.register_grant(ClientCredentialsGrant)

    def _generate_token(self, grant_type: str, client: Client, user: Person | None = None,
                        scope: str | None = None, expires_in: int | None = None,
                        include_refresh_token: bool = True) -> dict[str, Any]:
        token, lifetime = self.issuer.access_token(person=user, machine=client.machine,
                                                   client_id=client.client_id)
        result: dict[str, Any] = {"token_type": "Bearer", "access_token": token, "expires_in": lifetime}
        if scope:
            result["scope"] = scope
        return result

    def query_client(self, client_id: str) -> Client | None:
        return self.issuer.clients.get(client_id)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Access tokens are self-contained JWTs; nothing is stored."""

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def create_json_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        if isinstance(body, dict):
            import json

            return Response(json.dumps(body), status_code=status, headers=dict(headers),
                            media_type="application/json")
        return Response(body or "", status_code=status, headers=dict(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None


def redirect_with(uri: str, params: dict[str, str]) -> str:
    return f"{uri}{'&' if '?' in uri else '?'}{urlencode(params)}"
