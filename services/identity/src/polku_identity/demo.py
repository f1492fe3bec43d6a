"""Demo organisations, people and machine clients, exactly as docs/contract.md lists them.

Development and demo only: every person's password is ``demo`` (kept as a salted scrypt hash and checked
in constant time) and every machine client's secret is ``<client_id>-secret``. A person's ``sub`` is a fixed
UUID, so that the services' demo data can refer to them (clients-api seeds the caseload of ``coach``).
"""

import functools
import hashlib
import hmac
import uuid
from dataclasses import dataclass

DEMO_PASSWORD = "demo"  # noqa: S105
SPA_CLIENT_ID = "polku-spa"


@dataclass(frozen=True)
class Organisation:
    id: uuid.UUID
    name: str
    kind: str


LAHTI = Organisation(
    uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001"), "Lahden seudun työllisyysalue", "employment_authority"
)
HYVINVOINTIALUE = Organisation(
    uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000002"), "Päijät-Hämeen hyvinvointialue", "wellbeing_services_county"
)
KELA = Organisation(uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000003"), "Kela", "social_insurance_institution")
SALPAUS = Organisation(
    uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000004"), "Koulutuskeskus Salpaus", "vocational_college"
)
SETLEMENTTI = Organisation(uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000005"), "Harjulan Setlementti", "ngo_workshop")
MIKKELI = Organisation(
    uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000006"), "Mikkelin seudun työllisyysalue", "employment_authority"
)
ORGANISATIONS = (LAHTI, HYVINVOINTIALUE, KELA, SALPAUS, SETLEMENTTI, MIKKELI)


def _scrypt(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)


@functools.cache
def _stored_hash(salt: bytes) -> bytes:
    """The stored hash of the demo password, computed on first use so that the ``token`` command starts fast."""
    return _scrypt(DEMO_PASSWORD, salt)


@dataclass(frozen=True)
class Person:
    username: str
    subject: uuid.UUID
    name: str
    roles: tuple[str, ...]
    organisation: Organisation

    @property
    def email(self) -> str:
        return f"{self.username}@demo.polku.fi"

    @property
    def salt(self) -> bytes:
        return hashlib.sha256(f"polku-demo-{self.username}".encode()).digest()[:16]

    def check_password(self, password: str) -> bool:
        return hmac.compare_digest(_scrypt(password, self.salt), _stored_hash(self.salt))


PEOPLE: dict[str, Person] = {
    person.username: person
    for person in (
        Person("coach", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000001"), "Aino Virtanen", ("coach",), LAHTI),
        Person("coach2", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000002"), "Mikko Laine", ("coach",), MIKKELI),
        Person("coach3", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000011"), "Ville Heinonen", ("coach",), LAHTI),
        Person(
            "employer",
            uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000003"),
            "Sanna Heikkinen",
            ("employer_services",),
            LAHTI,
        ),
        Person("manager", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000004"), "Pekka Nieminen", ("manager",), LAHTI),
        Person("admin", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000005"), "Ilona Admin", ("admin",), LAHTI),
        Person(
            "hyvinvointialue",
            uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000006"),
            "Leena Sosiaali",
            ("partner",),
            HYVINVOINTIALUE,
        ),
        Person("kela", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000007"), "Kari Kela", ("partner",), KELA),
        Person("salpaus", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000008"), "Outi Opettaja", ("partner",), SALPAUS),
        Person(
            "setlementti", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000009"), "Jussi Paja", ("partner",), SETLEMENTTI
        ),
        Person("dpo", uuid.UUID("5e0f2a4c-1d2b-4a7e-8c3f-000000000010"), "Tiina Tietosuoja", ("dpo",), LAHTI),
    )
}


@dataclass(frozen=True)
class MachineClient:
    """A partner system, a Polku service or the national platform, authenticating with its own secret.

    Services and the national platform act within the organisation that runs this Polku installation
    (Lahti in the demo); partner systems act for their own organisation. A service's ``scopes`` name the
    other services' internal routes it may call (claim ``scope``); it asks them for a person, whose own token
    names the organisation the question is for."""

    client_id: str
    roles: tuple[str, ...]
    organisation: Organisation
    scopes: tuple[str, ...] = ()

    def check_secret(self, secret: str) -> bool:
        return hmac.compare_digest(secret.encode(), f"{self.client_id}-secret".encode())


MACHINE_CLIENTS: dict[str, MachineClient] = {
    client.client_id: client
    for client in (
        MachineClient("partner-hyvinvointialue", ("partner",), HYVINVOINTIALUE),
        MachineClient("partner-kela", ("partner",), KELA),
        MachineClient("partner-salpaus", ("partner",), SALPAUS),
        MachineClient("partner-setlementti", ("partner",), SETLEMENTTI),
        MachineClient(
            "svc-clients", ("service",), LAHTI, ("referrals:personal-data-export", "employer:personal-data-export")
        ),
        MachineClient(
            "svc-referrals",
            ("service",),
            LAHTI,
            ("clients:consent-checks", "clients:shared-data", "clients:client-access"),
        ),
        MachineClient("svc-employer", ("service",), LAHTI, ("clients:client-access", "clients:consent-checks")),
        MachineClient("svc-metrics", ("service",), LAHTI),
        MachineClient("national-platform", ("platform",), LAHTI),
    )
}
