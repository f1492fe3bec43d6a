"""Bearer token checks, the same in every service.

python-jose verifies nothing by default that we do not ask for, so every check is explicit here:
- the algorithm comes from an allow-list of asymmetric algorithms (``alg: none`` and HMAC are refused,
  whatever the token's header says: CVE-2024-33663 showed why);
- the key is found only by ``kid`` in the JWKS fetched from the configured URL and cached;
- ``exp``, ``iat``, ``iss``, ``aud`` and ``sub`` are required, and issuer and audience must match settings;
- a token issued in the future (``iat`` beyond the clock skew allowed) or living longer than
  ``token_max_lifetime_seconds`` (``exp - iat``) is refused: a long-lived token that leaks stays usable.

Every failure is the same 401 problem to the caller; the reason goes to the log.

A token that passed every check is remembered (keyed by the whole token, until its ``exp``, at most
``VERIFIED_TOKENS`` of them): the SPA and a partner system send the same token on every request, and checking its
signature again is most of what an authenticated request costs. A refused token is never remembered. With the
principal, what each of its requests needs of it is made once (:class:`Verified`): the audit actor, the log
context and, when asked for, the principal's JSON (``/v1/me``).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Annotated, Any

import httpx
import structlog
from fastapi import Depends, Request
from fastapi.security import HTTPBearer
from jose import jwt
from jose.exceptions import JOSEError
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from starlette.types import Scope

from polku_kit.actor import Actor, set_actor
from polku_kit.errors import Forbidden, Unauthorized
from polku_kit.settings import BaseServiceSettings

log = structlog.get_logger(__name__)

ASYMMETRIC_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})
# A kid that is not in the cache triggers at most one refetch per this many seconds.
UNKNOWN_KID_REFETCH_SECONDS = 30.0
# Tokens verified and remembered until they expire; past this many the oldest are forgotten first.
VERIFIED_TOKENS = 4096


class Role:
    """The roles a token can carry (claim ``roles``)."""

    coach = "coach"
    employer_services = "employer_services"
    manager = "manager"
    admin = "admin"
    # The data protection officer (*tietosuojavastaava*): reads the audit trail, runs access requests.
    dpo = "dpo"
    partner = "partner"
    service = "service"
    platform = "platform"

    staff = frozenset({coach, employer_services, manager, admin})


class Principal(BaseModel):
    """Who is calling: a person, a partner system, another service or the national platform."""

    model_config = ConfigDict(frozen=True)

    subject: str
    roles: frozenset[str] = Field(default_factory=frozenset)
    organisation_id: uuid.UUID | None = None
    organisation_name: str | None = None
    name: str | None = None
    # The person's e-mail address (claim ``email``), where the issuer gives one: a contact for partners.
    email: str | None = None
    client_id: str | None = None
    # What a machine client may call beyond its roles (claim ``scope``, space-separated, RFC 9068).
    scopes: frozenset[str] = Field(default_factory=frozenset)

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def organisation(self) -> uuid.UUID:
        """The organisation the caller acts for; a token without one may do nothing organisation-scoped."""
        if self.organisation_id is None:
            raise Forbidden("The token names no organisation")
        return self.organisation_id

    @property
    def is_partner(self) -> bool:
        return Role.partner in self.roles


_PRINCIPAL = TypeAdapter(Principal)


@dataclass(slots=True)
class Verified:
    """A token that passed every check, until ``expires`` (its ``exp``): its principal, and what each of its
    requests needs of it, made once: the audit actor, the log context (subject and organisation) and the
    principal's JSON (encoded at the first :meth:`answer`)."""

    principal: Principal
    expires: float
    actor: Actor = field(init=False)
    context: dict[str, str] = field(init=False)
    _answer: bytes | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        principal = self.principal
        organisation = str(principal.organisation_id) if principal.organisation_id else None
        self.actor = Actor(
            subject=principal.subject,
            name=principal.name,
            organisation_id=organisation,
            organisation_name=principal.organisation_name,
        )
        self.context = {"subject": principal.subject, "organisation": organisation or ""}

    def answer(self) -> bytes:
        """The principal as the JSON of a route whose ``response_model`` is :class:`Principal`."""
        if self._answer is None:
            self._answer = _PRINCIPAL.dump_json(self.principal, by_alias=True)
        return self._answer


class InvalidToken(Exception):
    """The token was refused; the message is for the log only."""


class JWKSCache:
    """Signing keys from the issuer's JWKS, fetched lazily and kept for ``ttl`` seconds."""

    def __init__(
        self,
        url: str,
        *,
        ttl: float = 300.0,
        client_factory: Callable[[], httpx.AsyncClient] | None = None,
    ):
        self.url = url
        self.ttl = ttl
        self._client_factory = client_factory or (lambda: httpx.AsyncClient(timeout=5.0))
        self._keys: dict[str, dict[str, Any]] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    def prime(self, jwks: dict[str, Any]) -> None:
        """Load keys directly (tests, or a JWKS shipped in configuration)."""
        self._keys = {key["kid"]: key for key in jwks.get("keys", []) if "kid" in key}
        self._fetched_at = time.monotonic()

    async def _refresh(self) -> None:
        async with self._client_factory() as client:
            response = await client.get(self.url)
            response.raise_for_status()
            self.prime(response.json())
        log.info("jwks_refreshed", url=self.url, kids=sorted(self._keys))

    async def key_for(self, kid: str) -> dict[str, Any]:
        age = time.monotonic() - self._fetched_at
        stale = age > self.ttl
        unknown = kid not in self._keys and age > UNKNOWN_KID_REFETCH_SECONDS
        if stale or unknown:
            async with self._lock:
                age = time.monotonic() - self._fetched_at
                if age > self.ttl or (kid not in self._keys and age > UNKNOWN_KID_REFETCH_SECONDS):
                    try:
                        await self._refresh()
                    except (httpx.HTTPError, ValueError) as exc:
                        log.warning("jwks_unavailable", url=self.url, error=str(exc))
                        self._fetched_at = time.monotonic() - self.ttl + UNKNOWN_KID_REFETCH_SECONDS
        try:
            return self._keys[kid]
        except KeyError:
            raise InvalidToken(f"unknown kid {kid!r}") from None


class TokenVerifier:
    def __init__(self, settings: BaseServiceSettings, jwks: JWKSCache | None = None):
        self.issuer = settings.oidc_issuer
        self.audience = settings.oidc_audience
        self.algorithms = frozenset(settings.oidc_algorithms) & ASYMMETRIC_ALGORITHMS
        self.jwks = jwks or JWKSCache(settings.oidc_jwks_url, ttl=settings.jwks_cache_seconds)
        self.max_lifetime = settings.token_max_lifetime_seconds
        self.clock_skew = settings.token_clock_skew_seconds
        # token → what it was verified as, until its exp: only tokens that passed every check (the module's doc).
        self._verified: dict[str, Verified] = {}

    async def verify(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except JOSEError as exc:
            raise InvalidToken(f"malformed token: {exc}") from None
        algorithm = header.get("alg")
        if algorithm not in self.algorithms:
            raise InvalidToken(f"algorithm {algorithm!r} is not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise InvalidToken("token has no kid")
        key = await self.jwks.key_for(kid)
        if key.get("alg") not in (None, algorithm):
            raise InvalidToken(f"key {kid!r} is not for {algorithm}")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.audience,
                issuer=self.issuer,
                options={
                    "require_exp": True,
                    "require_iat": True,
                    "require_iss": True,
                    "require_aud": True,
                    "require_sub": True,
                    "verify_at_hash": False,
                },
            )
        except JOSEError as exc:
            raise InvalidToken(str(exc)) from None
        self._check_lifetime(claims)
        return claims

    def _check_lifetime(self, claims: dict[str, Any]) -> None:
        issued, expires = claims["iat"], claims["exp"]
        if not all(isinstance(value, int | float) and not isinstance(value, bool) for value in (issued, expires)):
            raise InvalidToken("iat and exp must be numbers")
        if issued > time.time() + self.clock_skew:
            raise InvalidToken("token issued in the future")
        if expires - issued > self.max_lifetime:
            raise InvalidToken(f"token lifetime {expires - issued}s is over {self.max_lifetime}s")

    async def principal(self, token: str) -> Principal:
        return (await self.verified(token)).principal

    async def verified(self, token: str) -> Verified:
        """What ``token`` was verified as: remembered until its ``exp``, checked in full otherwise
        (:class:`InvalidToken` if it fails)."""
        remembered = self._verified.get(token)
        if remembered is not None:
            if time.time() < remembered.expires:
                return remembered
            del self._verified[token]
        claims = await self.verify(token)
        verified = Verified(self._principal(claims), float(claims["exp"]))
        if len(self._verified) >= VERIFIED_TOKENS:
            # Dicts keep insertion order: the oldest entries go first.
            for old in list(self._verified)[: VERIFIED_TOKENS // 4]:
                del self._verified[old]
        self._verified[token] = verified
        return verified

    def _principal(self, claims: dict[str, Any]) -> Principal:
        roles = claims.get("roles") or []
        if not isinstance(roles, list):
            raise InvalidToken("roles claim is not a list")
        organisation = claims.get("org")
        try:
            organisation_id = uuid.UUID(organisation) if organisation else None
        except (ValueError, TypeError):
            raise InvalidToken("org claim is not a UUID") from None
        if "partner" in roles and organisation_id is None:
            raise InvalidToken("a partner token must name its organisation")
        return Principal(
            subject=str(claims["sub"]),
            roles=frozenset(str(role) for role in roles),
            organisation_id=organisation_id,
            organisation_name=claims.get("org_name"),
            name=claims.get("name"),
            email=claims.get("email") if isinstance(claims.get("email"), str) else None,
            client_id=claims.get("client_id"),
            scopes=_scopes(claims.get("scope")),
        )


def _scopes(claim: object) -> frozenset[str]:
    if claim is None:
        return frozenset()
    if isinstance(claim, str):
        return frozenset(claim.split())
    if isinstance(claim, list) and all(isinstance(item, str) for item in claim):
        return frozenset(claim)
    raise InvalidToken("scope claim is neither a string nor a list of strings")


class _Caller(HTTPBearer):
    """The caller, from the request's bearer token, in one dependency: FastAPI solves no dependency below it (a
    request's ``Authorization`` header read here, not by an ``HTTPBearer`` dependency of its own), and the roles or
    the scope a route asks for are checked by the same call. It is FastAPI's ``HTTPBearer`` to the OpenAPI documents
    (the same security scheme, by the same name), so every route's documented security is as before.

    ``roles`` (those let through) and ``scope`` are attributes: the authorization matrix of the tests reads them
    (``polku_kit.contract_tests``)."""

    def __init__(
        self,
        *,
        roles: frozenset[str] = frozenset(),
        scope: str | None = None,
        then: Callable[[Principal], None] | None = None,
    ):
        super().__init__(auto_error=False, description="An access token from the OIDC issuer", scheme_name="HTTPBearer")
        self.roles = roles
        self.scope = scope
        self.then = then

    async def __call__(self, request: Request) -> Principal:  # type: ignore[override]
        principal = await _authenticated(request)
        if self.scope is not None:
            if Role.service not in principal.roles:
                raise Forbidden(f"This needs one of the roles: {Role.service}")
            if self.scope not in principal.scopes:
                raise Forbidden(f"This needs the scope {self.scope}")
        elif self.roles and not principal.has_any(*self.roles):
            raise Forbidden(f"This needs one of the roles: {', '.join(sorted(self.roles))}")
        if self.then is not None:
            self.then(principal)
        return principal


def bearer_token(scope: Scope) -> str | None:
    """The token of the request's ``Authorization: Bearer …`` header (its first), None without one."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            token = token.strip()
            return token if scheme and token and scheme.lower() == "bearer" else None
    return None


async def _authenticated(request: Request) -> Principal:
    """The principal of the request's bearer token (401 without a valid one); noted for the access log, the audit
    actor and ``request.state`` (``principal``, and ``verified``: :class:`Verified`)."""
    token = bearer_token(request.scope)
    if token is None:
        raise Unauthorized("A bearer token is required")
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        verified = await verifier.verified(token)
    except InvalidToken as exc:
        log.info("token_refused", reason=str(exc))
        raise Unauthorized("The token is not valid") from None
    structlog.contextvars.bind_contextvars(**verified.context)
    set_actor(verified.actor)
    state = request.scope.setdefault("state", {})  # what request.state reads and writes
    state["principal"] = verified.principal
    state["verified"] = verified
    return verified.principal


current_principal = _Caller()
"""Any caller with a valid token."""

CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(
    *roles: str, then: Callable[[Principal], None] | None = None
) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that lets through only callers with one of ``roles``; ``then`` is called with each caller let
    through (a service noting its staff without a dependency of its own above this one)."""
    return _Caller(roles=frozenset(roles), then=then)


def require_scope(scope: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency for a route meant for other services only: the role ``service`` and ``scope`` among the
    token's scopes. A service token alone opens nothing else: each machine client is given the scopes of the
    routes it needs, and a route names the one it belongs to."""
    return _Caller(roles=frozenset({Role.service}), scope=scope)
