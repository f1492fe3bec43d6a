"""Demo organisations, people and machine clients (docs/contract.md). Development only: the password of
every person is ``demo`` and every machine client's secret is ``<client_id>-secret``."""

import hashlib
import hmac
import uuid
from dataclasses import dataclass, field


def _org(number: int) -> uuid.UUID:
    return uuid.UUID(f"0b0c8f6e-6f1a-4c36-9d55-{number:012d}")


@dataclass(frozen=True)
class Organisation:
    id: uuid.UUID
    name: str
    kind: str


ORGANISATIONS = {
    "lahti": Organisation(_org(1), "Lahden seudun työllisyysalue", "employment_authority"),
    "hyvinvointialue": Organisation(_org(2), "Päijät-Hämeen hyvinvointialue", "wellbeing_services_county"),
    "kela": Organisation(_org(3), "Kela", "social_insurance"),
    "salpaus": Organisation(_org(4), "Koulutuskeskus Salpaus", "education_provider"),
    "setlementti": Organisation(_org(5), "Harjulan Setlementti", "third_sector_workshop"),
    "mikkeli": Organisation(_org(6), "Mikkelin seudun työllisyysalue", "employment_authority"),
}


def _hash(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1)


@dataclass(frozen=True)
class Person:
    username: str
    subject: uuid.UUID
    name: str
    email: str
    roles: tuple[str, ...]
    organisation: Organisation
    salt: bytes = field(repr=False)
    password_hash: bytes = field(repr=False)

    def check_password(self, password: str) -> bool:
        return hmac.compare_digest(_hash(password, self.salt), self.password_hash)


def _person(username: str, number: int, name: str, roles: tuple[str, ...], org: str) -> Person:
    salt = hashlib.sha256(f"polku-demo-{username}".encode()).digest()[:16]
    return Person(
        username=username,
        subject=uuid.UUID(f"5e0f2a4c-1d2b-4a7e-8c3f-{number:012d}"),
        name=name,
        email=f"{username}@demo.polku.fi",
        roles=roles,
        organisation=ORGANISATIONS[org],
        salt=salt,
        password_hash=_hash("demo", salt),
    )


PEOPLE = {
    person.username: person
    for person in (
        _person("coach", 1, "Aino Virtanen", ("coach",), "lahti"),
        _person("coach2", 2, "Mikko Laine", ("coach",), "mikkeli"),
        _person("employer", 3, "Sanna Heikkinen", ("employer_services",), "lahti"),
        _person("manager", 4, "Pekka Nieminen", ("manager",), "lahti"),
        _person("admin", 5, "Ilona Admin", ("admin",), "lahti"),
        _person("hyvinvointialue", 6, "Leena Sosiaali", ("partner",), "hyvinvointialue"),
        _person("kela", 7, "Kari Kela", ("partner",), "kela"),
        _person("salpaus", 8, "Outi Opettaja", ("partner",), "salpaus"),
        _person("setlementti", 9, "Jussi Paja", ("partner",), "setlementti"),
    )
}


@dataclass(frozen=True)
class MachineClient:
    client_id: str
    roles: tuple[str, ...]
    organisation: Organisation
    name: str

    def check_secret(self, secret: str) -> bool:
        return hmac.compare_digest(secret.encode(), f"{self.client_id}-secret".encode())


MACHINE_CLIENTS = {
    client.client_id: client
    for client in (
        MachineClient("partner-hyvinvointialue", ("partner",), ORGANISATIONS["hyvinvointialue"],
                      "Päijät-Häme client system"),
        MachineClient("partner-kela", ("partner",), ORGANISATIONS["kela"], "Kela integration"),
        MachineClient("partner-salpaus", ("partner",), ORGANISATIONS["salpaus"], "Salpaus student system"),
        MachineClient("partner-setlementti", ("partner",), ORGANISATIONS["setlementti"], "Workshop system"),
        MachineClient("svc-clients", ("service",), ORGANISATIONS["lahti"], "clients-api"),
        MachineClient("svc-referrals", ("service",), ORGANISATIONS["lahti"], "referrals-api"),
        MachineClient("svc-employer", ("service",), ORGANISATIONS["lahti"], "employer-api"),
        MachineClient("svc-metrics", ("service",), ORGANISATIONS["lahti"], "metrics-api"),
        MachineClient("national-platform", ("platform",), ORGANISATIONS["lahti"], "National platform"),
    )
}

SPA_CLIENT_ID = "polku-spa"
