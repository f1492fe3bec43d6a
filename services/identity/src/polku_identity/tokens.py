"""Access tokens in the format docs/contract.md fixes: RS256 JWTs with ``kid``, ``aud`` = the API audience,
``roles``, ``org`` and ``org_name``; ``name``, ``preferred_username`` and ``email`` for people, ``client_id``
for machine clients."""

import time
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError

from polku_identity.demo import MachineClient, Person
from polku_identity.keys import ALGORITHM, SigningKey
from polku_identity.settings import Settings


class InvalidAccessToken(Exception):
    """The token was not issued here, has expired or is not for the API audience."""


@dataclass(frozen=True)
class IssuedToken:
    value: str
    expires_in: int


def person_claims(person: Person) -> dict[str, Any]:
    """What a person's tokens and the userinfo endpoint say about them."""
    return {
        "sub": str(person.subject),
        "roles": list(person.roles),
        "org": str(person.organisation.id),
        "org_name": person.organisation.name,
        "name": person.name,
        "preferred_username": person.username,
        "email": person.email,
    }


def machine_claims(machine: MachineClient) -> dict[str, Any]:
    return {
        "sub": machine.client_id,
        "roles": list(machine.roles),
        "org": str(machine.organisation.id),
        "org_name": machine.organisation.name,
        "client_id": machine.client_id,
        **({"scope": " ".join(machine.scopes)} if machine.scopes else {}),
    }


class TokenIssuer:
    def __init__(self, settings: Settings, key: SigningKey):
        self.settings = settings
        self.key = key

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": ALGORITHM, "kid": self.key.kid, "typ": "JWT"}
        return jwt.encode(header, claims, self.key.key, [ALGORITHM])

    def for_person(self, person: Person) -> IssuedToken:
        return self._issue(person_claims(person), self.settings.identity_person_token_seconds)

    def for_machine(self, machine: MachineClient) -> IssuedToken:
        return self._issue(machine_claims(machine), self.settings.identity_machine_token_seconds)

    def _issue(self, subject_claims: dict[str, Any], lifetime: int) -> IssuedToken:
        now = int(time.time())
        claims = {
            "iss": self.settings.oidc_issuer,
            "aud": self.settings.oidc_audience,
            "iat": now,
            "exp": now + lifetime,
            **subject_claims,
        }
        return IssuedToken(self.sign(claims), lifetime)

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of an access token this issuer signed, for the userinfo endpoint."""
        try:
            decoded = jwt.decode(token, self.key.key, algorithms=[ALGORITHM])
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": self.settings.oidc_issuer},
                aud={"essential": True, "value": self.settings.oidc_audience},
                exp={"essential": True},
                sub={"essential": True},
            ).validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise InvalidAccessToken(str(error)) from None
        return dict(decoded.claims)
